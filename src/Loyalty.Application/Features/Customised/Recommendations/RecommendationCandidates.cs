using Loyalty.Application.Abstractions;
using Loyalty.Domain.Customised.Recommendations;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Customised.Recommendations;

/// <summary>A member the next best offer is computed for: who, and the tier that decides which rewards are open to them.</summary>
public sealed record RecommendationTarget(Guid MemberId, Guid TierId);

/// <summary>
/// What each member could be told about now: rewards inside their window, in stock, open to the member's tier and
/// not used up by the member's own limit. Loaded for a batch of members in two queries.
/// </summary>
public sealed class RecommendationCandidates(ILoyaltyDbContext db)
{
    public async Task<IReadOnlyDictionary<Guid, IReadOnlyList<RecommendationCandidate>>> ForAsync(
        IReadOnlyCollection<RecommendationTarget> targets, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(targets);
        var rewards = await db.Rewards.AsNoTracking().Include(r => r.Tiers)
            .Where(r => r.IsActive
                && (r.AvailableFrom == null || r.AvailableFrom <= now)
                && (r.AvailableUntil == null || r.AvailableUntil > now)
                && (r.Stock == null || r.Stock > 0))
            .ToListAsync(cancellationToken);
        var limited = rewards.Where(r => r.PerMemberLimit is not null).Select(r => r.Id).ToList();
        var memberIds = targets.Select(t => t.MemberId).ToList();
        var used = limited.Count == 0 ? [] : await db.Vouchers.AsNoTracking()
            .Where(v => memberIds.Contains(v.MemberId) && limited.Contains(v.RewardId))
            .GroupBy(v => new { v.MemberId, v.RewardId })
            .Select(g => new { g.Key.MemberId, g.Key.RewardId, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var usedBy = used.ToDictionary(u => (u.MemberId, u.RewardId), u => u.Count);

        return targets.ToDictionary(
            t => t.MemberId,
            t => (IReadOnlyList<RecommendationCandidate>)rewards
                .Where(r => r.IsOpenTo(t.TierId) && (r.PerMemberLimit is not { } limit || usedBy.GetValueOrDefault((t.MemberId, r.Id)) < limit))
                .Select(r => new RecommendationCandidate(RecommendationCandidateKind.Reward, r.Id, r.Name, r.Category))
                .ToList());
    }
}
