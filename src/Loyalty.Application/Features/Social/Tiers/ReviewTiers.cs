using Loyalty.Application.Abstractions;
using Loyalty.Application.Common;
using Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace Loyalty.Application.Features.Social.Tiers;

/// <summary>The tier review run: keeps, starts grace for, or moves down every member whose review (or grace) is due. Returns members reviewed.</summary>
public sealed record ReviewTiersCommand(int MembersPerBatch = ReviewTiersCommand.DefaultMembersPerBatch, int Parallelism = ReviewTiersCommand.DefaultParallelism) : ICommand<int>
{
    public const int DefaultMembersPerBatch = 10_000;

    /// <summary>Batches run at once on a database server (their member ranges are disjoint); SQLite runs one.</summary>
    public const int DefaultParallelism = 2;
}

/// <summary>
/// Set-based, one transaction per range of member ids, a handful of statements per range whatever its size:
/// (1) a locking read (FOR UPDATE) locks the due members of the range (a purchase that moves a member up waits on the same row
/// lock), (2) downgrades as history rows, the activity added up in SQL and the target tier chosen by a CASE built
/// from the scheme, (3) one tier.changed message per such row, (4) the downgraded members, (5) in one update, the
/// next review for those who kept their tier and grace for those who fell short the first time. Every update
/// repeats "due" in its WHERE, and a reviewed member is no longer due: a second run, or a second instance waiting
/// on the locks, finds nothing left to do.
/// </summary>
public sealed class ReviewTiersHandler(ILoyaltyDbContext db, ITierReview review, IServiceScopeFactory scopes, TierSchemeCache schemes, IWriteGate writeGate, TimeProvider clock)
    : ICommandHandler<ReviewTiersCommand, int>
{
    public const string Actor = "system";

    public async ValueTask<int> Handle(ReviewTiersCommand command, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(command.MembersPerBatch, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(command.Parallelism, 1);
        schemes.Invalidate(); // a run is rare: decide on the scheme as it is now
        var scheme = await schemes.GetAsync(db, cancellationToken);
        var reviewed = scheme.Tiers.Where(t => !t.IsEntry).ToList();
        if (reviewed.Count == 0 || !scheme.Tiers.Any(t => t.IsEntry))
        {
            return 0;
        }

        var now = clock.GetUtcNow();
        var batches = await review.DueBatchesAsync(scheme, now, command.MembersPerBatch, cancellationToken);
        if (writeGate.SingleWriter || command.Parallelism == 1 || batches.Count < 2)
        {
            var total = 0;
            foreach (var (from, to) in batches)
            {
                total += await InTransactionAsync(db, review, scheme, now, from, to, cancellationToken);
            }

            return total;
        }

        var counts = new int[batches.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, batches.Count),
            new ParallelOptions { MaxDegreeOfParallelism = command.Parallelism, CancellationToken = cancellationToken },
            async (i, ct) =>
            {
                await using var scope = scopes.CreateAsyncScope();
                var services = scope.ServiceProvider;
                counts[i] = await InTransactionAsync(services.GetRequiredService<ILoyaltyDbContext>(), services.GetRequiredService<ITierReview>(), scheme, now, batches[i].From, batches[i].To, ct);
            });
        return counts.Sum();
    }

    private async Task<int> InTransactionAsync(
        ILoyaltyDbContext context, ITierReview batch, TierSchemeSnapshot scheme, DateTimeOffset now, Guid? from, Guid to, CancellationToken cancellationToken)
    {
        await using var transaction = await WriteTransaction.BeginAsync(context, writeGate, cancellationToken);
        var count = await batch.ReviewBatchAsync(scheme, now, from, to, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return count;
    }
}
