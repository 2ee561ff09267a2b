using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;
using Loyalty.Application.Abstractions;
using Loyalty.Domain.Financial.Ledger;
using Microsoft.EntityFrameworkCore.Storage;

namespace Loyalty.Application.Common;

/// <summary>
/// A database transaction that writes, begun only after the write gate admits it (on SQLite, one writer at a
/// time, queued in process). Every write transaction — the unit of work and the background jobs — starts here.
/// </summary>
/// <remarks>
/// The unit of work's transaction (<see cref="BeginUnitOfWorkAsync"/>) is deferred on a single-writer database: the
/// handler's reads run outside the gate, each on its own, and the turn (gate, then <c>BEGIN IMMEDIATE</c>) is taken
/// at the unit of work's first write (the SQLite write-turn interceptor calls <see cref="TakeTurnAsync"/>). From
/// there on it is the same transaction as before. What the handler read before its turn is what a handler on a
/// server database reads before its first lock (read committed): a value that can change meanwhile and matters
/// (a balance, an offer's uses, a receipt, a tier) is re-checked by the write itself (conditional updates, unique
/// indexes, account locks), on every provider alike.
/// <para>
/// It also tallies the points its ledger entries move (<see cref="Count(ILoyaltyDbContext, LedgerEntry)"/>) and adds
/// them to the earned, redeemed and expired counters once its commit succeeded: a transaction disposed without a
/// commit (refused, failed, rolled back) reports nothing, and each commit reports its own entries once.
/// </para>
/// </remarks>
public sealed class WriteTransaction : IAsyncDisposable
{
    /// <summary>
    /// The open write transactions (units of work, deferred or begun, and the jobs'), by context: the SQLite interceptor
    /// finds a deferred one here, and rows kept for the save (<see cref="ILoyaltyDbContext.InsertWithUnitOfWork{T}"/>)
    /// belong to the one they were added in.
    /// </summary>
    private static readonly ConditionalWeakTable<object, WriteTransaction> Open = new();

    private readonly ILoyaltyDbContext _db;
    private readonly IWriteGate _gate;
    private readonly bool _unitOfWork;
    private IAsyncDisposable? _turn;
    private IDbContextTransaction? _transaction;
    private long _earned;
    private long _redeemed;
    private long _expired;

    private WriteTransaction(ILoyaltyDbContext db, IWriteGate gate, bool unitOfWork)
    {
        _db = db;
        _gate = gate;
        _unitOfWork = unitOfWork;
    }

    /// <summary>True once the transaction holds its turn and has begun (at once, unless deferred).</summary>
    public bool HasTurn => _transaction is not null;

    /// <summary>Takes the turn and begins now (the background jobs, which lock before they read).</summary>
    public static async Task<WriteTransaction> BeginAsync(ILoyaltyDbContext db, IWriteGate gate, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(gate);
        if (IsUnitOfWork(db))
        {
            throw new InvalidOperationException("The context's unit of work owns its transaction already.");
        }

        var transaction = new WriteTransaction(db, gate, unitOfWork: false);
        await transaction.TakeTurnAsync(cancellationToken);
        Open.AddOrUpdate(db, transaction);
        return transaction;
    }

    /// <summary>
    /// The unit of work's transaction: on a single-writer database deferred until the first write (see the remarks),
    /// elsewhere begun at once, as row locks there already let readers and writers run side by side.
    /// </summary>
    public static async Task<WriteTransaction> BeginUnitOfWorkAsync(ILoyaltyDbContext db, IWriteGate gate, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(gate);
        if (IsUnitOfWork(db))
        {
            throw new InvalidOperationException("The context's unit of work owns its transaction already.");
        }

        var transaction = new WriteTransaction(db, gate, unitOfWork: true);
        if (!gate.SingleWriter)
        {
            await transaction.TakeTurnAsync(cancellationToken); // row locks: begun at once
        }

        Open.AddOrUpdate(db, transaction);
        return transaction;
    }

    /// <summary>The context's deferred unit of work that has not taken its turn yet, if any.</summary>
    public static WriteTransaction? AwaitingTurn(object context) =>
        Open.TryGetValue(context, out var transaction) && transaction._transaction is null ? transaction : null;

    /// <summary>The context's open write transaction (deferred or begun), if any: what the unit of work's rows belong to.</summary>
    public static WriteTransaction? Of(object context) => Open.TryGetValue(context, out var transaction) ? transaction : null;

    /// <summary>
    /// True inside a unit of work or another write transaction on this context, deferred or begun: what a lock
    /// taken now (an account or event lock, an update) lasts for.
    /// </summary>
    public static bool IsOpen(ILoyaltyDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Database.CurrentTransaction is not null || IsUnitOfWork(db);
    }

    /// <summary>Enters the gate and begins the transaction (<c>BEGIN IMMEDIATE</c> on SQLite); nothing when already in.</summary>
    public async ValueTask TakeTurnAsync(CancellationToken cancellationToken)
    {
        if (_transaction is not null)
        {
            return;
        }

        var turn = await _gate.EnterAsync(cancellationToken);
        try
        {
            _transaction = await _db.Database.BeginTransactionAsync(cancellationToken);
            _turn = turn;
        }
        catch
        {
            await turn.DisposeAsync();
            throw;
        }
    }

    /// <summary>The same for a synchronous EF call (the API's code paths are asynchronous; this blocks a thread).</summary>
    public void TakeTurn()
    {
        if (_transaction is not null)
        {
            return;
        }

        var turn = _gate.EnterAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult();
        try
        {
            _transaction = _db.Database.BeginTransaction();
            _turn = turn;
        }
        catch
        {
            turn.DisposeAsync().AsTask().GetAwaiter().GetResult();
            throw;
        }
    }

    /// <summary>
    /// Counts an entry the context's open write transaction writes (Earn and Bonus: earned, pending points included;
    /// Redeem: redeemed; Expire: expired); reported when it commits. Every ledger entry is written inside one, with
    /// its balance change.
    /// </summary>
    public static void Count(ILoyaltyDbContext db, LedgerEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        Count(db, entry.Type, entry.Points + entry.PendingPoints);
    }

    /// <summary>The same for entries written by set-based SQL: their type and the sum of their points (negative for a debit).</summary>
    public static void Count(ILoyaltyDbContext db, LedgerEntryType type, long points)
    {
        ArgumentNullException.ThrowIfNull(db);
        var transaction = Of(db) ?? throw new InvalidOperationException("Ledger entries are written inside a write transaction (an ITransactionalCommand or a job's WriteTransaction), with their balance change.");
        switch (type) // nothing held while no one collects the counter
        {
            case LedgerEntryType.Earn or LedgerEntryType.Bonus when LoyaltyTelemetry.PointsEarned.Enabled:
                transaction._earned += points;
                break;
            case LedgerEntryType.Redeem when LoyaltyTelemetry.PointsRedeemed.Enabled:
                transaction._redeemed -= points;
                break;
            case LedgerEntryType.Expire when LoyaltyTelemetry.PointsExpired.Enabled:
                transaction._expired -= points;
                break;
        }
    }

    /// <summary>Commits what was written, then reports the points it tallied; a deferred unit of work that never wrote has nothing to commit.</summary>
    public Task CommitAsync(CancellationToken cancellationToken)
    {
        if (_transaction is null)
        {
            return Task.CompletedTask;
        }

        return _earned == 0 && _redeemed == 0 && _expired == 0 ? _transaction.CommitAsync(cancellationToken) : CommitAndReportAsync(_transaction, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (Open.TryGetValue(_db, out var open) && ReferenceEquals(open, this))
        {
            Open.Remove(_db);
        }

        if (_transaction is not null)
        {
            await _transaction.DisposeAsync();
        }

        if (_turn is not null)
        {
            await _turn.DisposeAsync();
        }
    }

    private static bool IsUnitOfWork(ILoyaltyDbContext db) => Open.TryGetValue(db, out var open) && open._unitOfWork;

    private static void Report(Counter<long> counter, long points)
    {
        if (points != 0)
        {
            counter.Add(points);
        }
    }

    private async Task CommitAndReportAsync(IDbContextTransaction transaction, CancellationToken cancellationToken)
    {
        await transaction.CommitAsync(cancellationToken);
        (var earned, var redeemed, var expired, _earned, _redeemed, _expired) = (_earned, _redeemed, _expired, 0L, 0L, 0L); // once per commit
        Report(LoyaltyTelemetry.PointsEarned, earned);
        Report(LoyaltyTelemetry.PointsRedeemed, redeemed);
        Report(LoyaltyTelemetry.PointsExpired, expired);
    }
}
