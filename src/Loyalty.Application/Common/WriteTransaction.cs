using Loyalty.Application.Abstractions;
using Microsoft.EntityFrameworkCore.Storage;

namespace Loyalty.Application.Common;

/// <summary>
/// A database transaction that writes, begun only after the write gate admits it (on SQLite, one writer at a
/// time, queued in process). Every write transaction — the unit of work and the background jobs — starts here.
/// </summary>
public sealed class WriteTransaction : IAsyncDisposable
{
    private readonly IAsyncDisposable _turn;
    private readonly IDbContextTransaction _transaction;

    private WriteTransaction(IAsyncDisposable turn, IDbContextTransaction transaction)
    {
        _turn = turn;
        _transaction = transaction;
    }

    public static async Task<WriteTransaction> BeginAsync(ILoyaltyDbContext db, IWriteGate gate, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(gate);
        var turn = await gate.EnterAsync(cancellationToken);
        try
        {
            return new WriteTransaction(turn, await db.Database.BeginTransactionAsync(cancellationToken));
        }
        catch
        {
            await turn.DisposeAsync();
            throw;
        }
    }

    public Task CommitAsync(CancellationToken cancellationToken) => _transaction.CommitAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _transaction.DisposeAsync();
        await _turn.DisposeAsync();
    }
}
