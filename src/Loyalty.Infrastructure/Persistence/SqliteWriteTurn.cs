using System.Data.Common;
using Loyalty.Application.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;

namespace Loyalty.Infrastructure.Persistence;

/// <summary>
/// SQLite only: takes a deferred unit of work's write turn (<see cref="WriteTransaction.TakeTurnAsync"/>: the
/// in-process gate, then <c>BEGIN IMMEDIATE</c>) just before its first write, so that everything the handler reads
/// first runs outside the single-writer section. A write is any command whose SQL does not start with SELECT (on
/// SQLite a SELECT cannot write): a command of unknown kind takes the turn, which can only cost time, never
/// correctness. Reads after the turn run inside the transaction, as before.
/// </summary>
public sealed class SqliteWriteTurn : DbCommandInterceptor, ISaveChangesInterceptor
{
    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        TakeTurnIfWrite(command, eventData);
        return result;
    }

    public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        await TakeTurnIfWriteAsync(command, eventData, cancellationToken);
        return result;
    }

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        TakeTurnIfWrite(command, eventData);
        return result;
    }

    public override async ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        await TakeTurnIfWriteAsync(command, eventData, cancellationToken);
        return result;
    }

    public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        TakeTurnIfWrite(command, eventData);
        return result;
    }

    public override async ValueTask<InterceptionResult<object>> ScalarExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        await TakeTurnIfWriteAsync(command, eventData, cancellationToken);
        return result;
    }

    /// <summary>SaveChanges begins its own transaction when there is none: the turn must be taken before it decides.</summary>
    public InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (eventData.Context is { } context && WriteTransaction.AwaitingTurn(context) is { } pending && context.ChangeTracker.HasChanges())
        {
            pending.TakeTurn();
        }

        return result;
    }

    public async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (eventData.Context is { } context && WriteTransaction.AwaitingTurn(context) is { } pending && context.ChangeTracker.HasChanges())
        {
            await pending.TakeTurnAsync(cancellationToken);
        }

        return result;
    }

    /// <summary>Whether a command may write: only SQL that starts with SELECT is known to read only.</summary>
    public static bool MayWrite(string commandText) =>
        !(commandText ?? "").AsSpan().TrimStart().StartsWith("SELECT", StringComparison.OrdinalIgnoreCase);

    private static void TakeTurnIfWrite(DbCommand command, CommandEventData eventData)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(eventData);
        if (eventData.Context is { } context && WriteTransaction.AwaitingTurn(context) is { } pending && MayWrite(command.CommandText))
        {
            pending.TakeTurn();
            Enlist(command, context);
        }
    }

    private static async ValueTask TakeTurnIfWriteAsync(DbCommand command, CommandEventData eventData, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(eventData);
        if (eventData.Context is { } context && WriteTransaction.AwaitingTurn(context) is { } pending && MayWrite(command.CommandText))
        {
            await pending.TakeTurnAsync(cancellationToken);
            Enlist(command, context);
        }
    }

    /// <summary>EF created the command before the transaction began: it joins it here (SQLite refuses it otherwise).</summary>
    private static void Enlist(DbCommand command, DbContext context) =>
        command.Transaction = context.Database.CurrentTransaction?.GetDbTransaction();
}
