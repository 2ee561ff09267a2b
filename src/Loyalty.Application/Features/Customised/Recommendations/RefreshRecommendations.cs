using Loyalty.Application.Abstractions;
using Loyalty.Application.Common;
using Loyalty.Contracts.Admin;
using Loyalty.Domain.Customised.Recommendations;
using Loyalty.Domain.Social.Members;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Customised.Recommendations;

/// <summary>
/// Recomputes every active member's next best offers: relearns the programme's co-purchases from the last year of
/// baskets, then scores members in batches, replacing each batch's stored recommendations in one transaction.
/// Run on demand by staff and on a schedule by the recommendations job.
/// </summary>
public sealed record RefreshRecommendationsCommand(int BatchSize = RefreshRecommendationsCommand.DefaultBatchSize) : ICommand<RecommendationRefreshResponse>
{
    public const int DefaultBatchSize = 2_000;

    /// <summary>How many recommendations each member keeps.</summary>
    public const int PerMember = 3;
}

public sealed class RefreshRecommendationsHandler(ILoyaltyDbContext db, IWriteGate gate, RecommendationCandidates candidates, TimeProvider clock)
    : ICommandHandler<RefreshRecommendationsCommand, RecommendationRefreshResponse>
{
    public async ValueTask<RecommendationRefreshResponse> Handle(RefreshRecommendationsCommand command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var since = now - PurchaseHabits.Window;
        var table = await PurchaseHabits.LearnAsync(db, since, cancellationToken);
        await StoreTableAsync(table, now, cancellationToken);

        int members = 0, stored = 0;
        Guid? after = null;
        while (true)
        {
            var batch = await db.Members.AsNoTracking()
                .Where(m => m.Status == MemberStatus.Active && (after == null || m.Id.CompareTo(after.Value) > 0))
                .OrderBy(m => m.Id)
                .Select(m => new RecommendationTarget(m.Id, m.TierId))
                .Take(command.BatchSize)
                .ToListAsync(cancellationToken);
            if (batch.Count == 0)
            {
                break;
            }

            stored += await RefreshBatchAsync(batch, table, now, cancellationToken);
            members += batch.Count;
            after = batch[^1].MemberId;
        }

        return new RecommendationRefreshResponse(members, stored, table.Pairs.Count(), now);
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

    private async Task<int> RefreshBatchAsync(IReadOnlyList<RecommendationTarget> batch, CoPurchaseTable table, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var ids = batch.Select(t => t.MemberId).ToList();
        var habits = await PurchaseHabits.OfMembersAsync(db, ids, now - PurchaseHabits.Window, cancellationToken);
        var open = await candidates.ForAsync(batch, now, cancellationToken);
        var rows = batch
            .SelectMany(t => NextBestOffer.For(habits.GetValueOrDefault(t.MemberId) ?? [], table, open[t.MemberId], now, RefreshRecommendationsCommand.PerMember)
                .Select(r => MemberRecommendation.Store(t.MemberId, r, now)))
            .ToList();

        await using var transaction = await WriteTransaction.BeginAsync(db, gate, cancellationToken);
        await db.MemberRecommendations.Where(r => ids.Contains(r.MemberId)).ExecuteDeleteAsync(cancellationToken);
        db.MemberRecommendations.AddRange(rows);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return rows.Count;
    }
}
