using System.Data.Common;
using Loyalty.Application.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Loyalty.Infrastructure.Persistence;

/// <summary>
/// Tells <see cref="LedgerTelemetry"/> how each context's transactions end, whoever commits them (the unit of work, the
/// idempotency journal, a background job), so the earned and redeemed counters move only for committed entries.
/// Stateless: one instance serves every context.
/// </summary>
internal sealed class LedgerTelemetryInterceptor : DbTransactionInterceptor, ISaveChangesInterceptor
{
    public static readonly LedgerTelemetryInterceptor Instance = new();

    private LedgerTelemetryInterceptor()
    {
    }

    public override DbTransaction TransactionStarted(DbConnection connection, TransactionEndEventData eventData, DbTransaction result)
    {
        Started(eventData);
        return result;
    }

    public override ValueTask<DbTransaction> TransactionStartedAsync(DbConnection connection, TransactionEndEventData eventData, DbTransaction result, CancellationToken cancellationToken = default)
    {
        Started(eventData);
        return ValueTask.FromResult(result);
    }

    public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Committed(eventData);

    public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Committed(eventData);
        return Task.CompletedTask;
    }

    public override void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => RolledBack(eventData);

    public override Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        RolledBack(eventData);
        return Task.CompletedTask;
    }

    // A commit or rollback that failed: whatever happened, the points are not counted.
    public override void TransactionFailed(DbTransaction transaction, TransactionErrorEventData eventData) => RolledBack(eventData);

    public override Task TransactionFailedAsync(DbTransaction transaction, TransactionErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        RolledBack(eventData);
        return Task.CompletedTask;
    }

    // A save with no transaction of the caller's: EF commits it by itself (in a transaction of its own, reported above, or as one statement).
    int ISaveChangesInterceptor.SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Saved(eventData, succeeded: true);
        return result;
    }

    ValueTask<int> ISaveChangesInterceptor.SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken)
    {
        Saved(eventData, succeeded: true);
        return ValueTask.FromResult(result);
    }

    void ISaveChangesInterceptor.SaveChangesFailed(DbContextErrorEventData eventData) => Saved(eventData, succeeded: false);

    Task ISaveChangesInterceptor.SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken)
    {
        Saved(eventData, succeeded: false);
        return Task.CompletedTask;
    }

    private static void Started(TransactionEventData eventData)
    {
        if (eventData.Context is { } context)
        {
            LedgerTelemetry.TransactionStarted(context, eventData.TransactionId);
        }
    }

    private static void Committed(TransactionEventData eventData)
    {
        if (eventData.Context is { } context)
        {
            LedgerTelemetry.TransactionCommitted(context, eventData.TransactionId);
        }
    }

    private static void RolledBack(TransactionEventData eventData)
    {
        if (eventData.Context is { } context)
        {
            LedgerTelemetry.TransactionRolledBack(context, eventData.TransactionId);
        }
    }

    private static void Saved(DbContextEventData eventData, bool succeeded)
    {
        if (eventData.Context is { } context && context.Database.CurrentTransaction is null)
        {
            LedgerTelemetry.SavedWithoutTransaction(context, succeeded);
        }
    }
}
