using Loyalty.Application.Abstractions;
using Loyalty.Application.Common;
using Loyalty.Application.Features.Financial.Policies;
using Loyalty.Domain.Common;
using Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace Loyalty.Application.Features.Financial.Expiry;

/// <summary>
/// The expiry run: takes whatever remains of every lot whose date has passed, and tells members about points that
/// expire within the policy's notice period. Returns members whose points expired plus notices written.
/// </summary>
public sealed record ExpirePointsCommand(int MembersPerBatch = ExpirePointsCommand.DefaultMembersPerBatch, int Parallelism = ExpirePointsCommand.DefaultParallelism) : ICommand<int>
{
    public const int DefaultMembersPerBatch = 10_000;

    /// <summary>Batches run at once on a database server (their member ranges are disjoint); SQLite runs one.</summary>
    public const int DefaultParallelism = 2;
}

/// <summary>
/// Set-based, one transaction per batch of members (a range of member ids), so a million lots take a handful of
/// statements rather than a million round trips (<see cref="IPointsExpiry"/>). Per batch: (1) a no-op update locks the accounts of the batch's
/// members that have expired lots, and marks them with this run's instant; every spend takes the same row lock
/// first, so nothing can change those members' lots until we commit; (2) one Expire entry per member, (3) one
/// points.expired outbox message per entry, (4) the balances by those entries, (5) the lots. Steps 2–5 only touch
/// members marked in step 1 and inside the batch's range, and each statement reads afresh after the locks are held.
/// A second instance running at the same time waits on the locks and then finds nothing left to expire; for the
/// same reason batches of disjoint ranges may run side by side, each on a connection of its own.
/// </summary>
public sealed class ExpirePointsHandler(ILoyaltyDbContext db, IPointsExpiry expiry, IServiceScopeFactory scopes, PointsPolicyCache policies, IWriteGate writeGate, TimeProvider clock) : ICommandHandler<ExpirePointsCommand, int>
{
    public const string ExpiredDescription = "Points expired";

    public async ValueTask<int> Handle(ExpirePointsCommand command, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(command.MembersPerBatch, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(command.Parallelism, 1);
        var parallelism = writeGate.SingleWriter ? 1 : command.Parallelism;
        var now = clock.GetUtcNow();
        var run = EntityId.New();

        var batches = await expiry.ExpiredBatchesAsync(now, command.MembersPerBatch, cancellationToken);
        var expired = await RunAsync(batches, parallelism, (batch, from, to, ct) => batch.ExpireBatchAsync(now, run, from, to, ct), cancellationToken);
        var policy = await policies.GetAsync(db, cancellationToken);
        var noticed = 0;
        if (policy.ExpiryNoticeDays > 0)
        {
            var horizon = now.AddDays(policy.ExpiryNoticeDays);
            batches = await expiry.NoticeBatchesAsync(now, horizon, command.MembersPerBatch, cancellationToken);
            noticed = await RunAsync(batches, parallelism, (batch, from, to, ct) => batch.NoticeBatchAsync(now, horizon, from, to, ct), cancellationToken);
        }

        return expired + noticed;
    }

    /// <summary>Runs each batch in a transaction of its own; side by side on separate contexts when allowed.</summary>
    private async Task<int> RunAsync(
        List<(Guid? From, Guid To)> batches, int parallelism, Func<IPointsExpiry, Guid?, Guid, CancellationToken, Task<int>> work, CancellationToken cancellationToken)
    {
        if (parallelism == 1 || batches.Count < 2)
        {
            var total = 0;
            foreach (var (from, to) in batches)
            {
                total += await InTransactionAsync(db, expiry, from, to, work, cancellationToken);
            }

            return total;
        }

        var counts = new int[batches.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, batches.Count),
            new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken },
            async (i, ct) =>
            {
                await using var scope = scopes.CreateAsyncScope();
                var context = scope.ServiceProvider.GetRequiredService<ILoyaltyDbContext>();
                counts[i] = await InTransactionAsync(context, scope.ServiceProvider.GetRequiredService<IPointsExpiry>(), batches[i].From, batches[i].To, work, ct);
            });
        return counts.Sum();
    }

    private async Task<int> InTransactionAsync(
        ILoyaltyDbContext context, IPointsExpiry batch, Guid? from, Guid to, Func<IPointsExpiry, Guid?, Guid, CancellationToken, Task<int>> work, CancellationToken cancellationToken)
    {
        await using var transaction = await WriteTransaction.BeginAsync(context, writeGate, cancellationToken);
        var count = await work(batch, from, to, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return count;
    }
}
