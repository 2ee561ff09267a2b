using Loyalty.Application.Abstractions;
using Loyalty.Application.Common;
using Loyalty.Contracts.Admin;
using Loyalty.Domain.Customised.Recommendations;
using Loyalty.Domain.Social.Members;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Loyalty.Application.Features.Customised.Recommendations;

/// <summary>
/// Recomputes every active member's next best offers: relearns the programme's co-purchases from the last year of
/// baskets, reads the open rewards and offers once, then scores members in batches (ranges of member ids),
/// replacing each batch's stored recommendations in one transaction. Run on demand by staff and on a schedule by
/// the recommendations job.
/// </summary>
public sealed record RefreshRecommendationsCommand(int BatchSize = RefreshRecommendationsCommand.DefaultBatchSize, int Parallelism = RefreshRecommendationsCommand.DefaultParallelism)
    : ICommand<RecommendationRefreshResponse>
{
    public const int DefaultBatchSize = 2_000;

    /// <summary>Batches run at once on a database server (their member ranges are disjoint); SQLite runs one.</summary>
    public const int DefaultParallelism = 2;

    /// <summary>How many recommendations each member keeps.</summary>
    public const int PerMember = 3;
}

public sealed class RefreshRecommendationsHandler(
    ILoyaltyDbContext db, IWriteGate gate, RecommendationCandidates candidates, IRecommendationStore store, IServiceScopeFactory scopes, TimeProvider clock)
    : ICommandHandler<RefreshRecommendationsCommand, RecommendationRefreshResponse>
{
    public async ValueTask<RecommendationRefreshResponse> Handle(RefreshRecommendationsCommand command, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(command.BatchSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(command.Parallelism, 1);
        var now = clock.GetUtcNow();
        var since = now - PurchaseHabits.Window;
        var table = await PurchaseHabits.LearnAsync(store, since, cancellationToken);
        await StoreTableAsync(table, now, cancellationToken);
        var catalogue = await candidates.CatalogueAsync(now, cancellationToken);
        var batches = await store.ActiveMemberBatchesAsync(command.BatchSize, cancellationToken);

        var counts = new (int Members, int Stored)[batches.Count];
        if (gate.SingleWriter || command.Parallelism == 1 || batches.Count < 2)
        {
            for (var i = 0; i < batches.Count; i++)
            {
                counts[i] = await RefreshBatchAsync(db, candidates, store, batches[i], table, catalogue, now, cancellationToken);
            }
        }
        else
        {
            // Disjoint ranges, each on a context (and connection) of its own: one lane scores while the other waits on the database.
            await Parallel.ForEachAsync(
                Enumerable.Range(0, batches.Count),
                new ParallelOptions { MaxDegreeOfParallelism = command.Parallelism, CancellationToken = cancellationToken },
                async (i, ct) =>
                {
                    await using var scope = scopes.CreateAsyncScope();
                    var services = scope.ServiceProvider;
                    counts[i] = await RefreshBatchAsync(
                        services.GetRequiredService<ILoyaltyDbContext>(), services.GetRequiredService<RecommendationCandidates>(), services.GetRequiredService<IRecommendationStore>(),
                        batches[i], table, catalogue, now, ct);
                });
        }

        return new RecommendationRefreshResponse(counts.Sum(c => c.Members), counts.Sum(c => c.Stored), table.Pairs.Count(), now);
    }

    private async Task StoreTableAsync(CoPurchaseTable table, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var transaction = await WriteTransaction.BeginAsync(db, gate, cancellationToken);
        await db.CategoryCoPurchases.ExecuteDeleteAsync(cancellationToken);
        await db.CategoryPopularity.ExecuteDeleteAsync(cancellationToken);
        db.CategoryCoPurchases.AddRange(table.Pairs.Select(p => CategoryCoPurchase.Store(p, now)));
        db.CategoryPopularity.AddRange(table.Popular.Select(c => CategoryPopularity.Store(c, table.ShareOf(c), now)));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();
    }

    private async Task<(int Members, int Stored)> RefreshBatchAsync(
        ILoyaltyDbContext context, RecommendationCandidates open, IRecommendationStore batchStore, (Guid? From, Guid To) range,
        CoPurchaseTable table, CandidateCatalogue catalogue, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var (from, to) = range;
        var members = context.Members.AsNoTracking().Where(m => m.Status == MemberStatus.Active && m.Id.CompareTo(to) <= 0);
        if (from is { } after)
        {
            members = members.Where(m => m.Id.CompareTo(after) > 0);
        }

        var targets = await members.Select(m => new RecommendationTarget(m.Id, m.TierId)).ToListAsync(cancellationToken);
        var habits = await PurchaseHabits.OfMemberRangeAsync(context, from, to, now - PurchaseHabits.Window, cancellationToken);
        var candidatesOf = await open.ForAsync(catalogue, targets, cancellationToken);
        var rows = targets
            .SelectMany(t => NextBestOffer.For(habits.GetValueOrDefault(t.MemberId) ?? [], table, candidatesOf[t.MemberId], now, RefreshRecommendationsCommand.PerMember)
                .Select(r => MemberRecommendation.Store(t.MemberId, r, now)))
            .ToList();

        await using var transaction = await WriteTransaction.BeginAsync(context, gate, cancellationToken);
        await batchStore.ReplaceAsync(from, to, rows, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (targets.Count, rows.Count);
    }
}
