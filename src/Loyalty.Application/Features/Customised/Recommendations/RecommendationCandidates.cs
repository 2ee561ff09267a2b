using Loyalty.Application.Abstractions;
using Loyalty.Domain.Customised.Offers;
using Loyalty.Domain.Customised.Recommendations;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Customised.Recommendations;

/// <summary>A member the next best offer is computed for: who, and the tier that decides which rewards are open to them.</summary>
public sealed record RecommendationTarget(Guid MemberId, Guid TierId);

/// <summary>
/// What each member could be told about now: rewards inside their window, in stock, open to the member's tier and
/// not used up by the member's own limit; and the published personal offers open now in which the member is in the
/// treatment group with uses left (a control-group member is never told about the offer). An offer is about its
/// benefit's category, or its voucher reward's. Loaded for a batch of members in three queries.
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
        var offers = (await (from a in db.OfferAssignments.AsNoTracking()
                             where memberIds.Contains(a.MemberId) && a.Group == OfferGroup.Treatment
                             join o in db.PersonalOffers.AsNoTracking() on a.OfferId equals o.Id
                             where o.Status == OfferStatus.Published && o.StartsAt <= now && o.EndsAt > now && a.Uses < o.PerMemberLimit
                             select new { a.MemberId, o.Id, o.Name, o.Category, o.RewardId }).ToListAsync(cancellationToken))
            .ToLookup(o => o.MemberId);
        var rewardCategory = rewards.Where(r => r.Category is not null).ToDictionary(r => r.Id, r => r.Category);

        return targets.ToDictionary(
            t => t.MemberId,
            t => (IReadOnlyList<RecommendationCandidate>)rewards
                .Where(r => r.IsOpenTo(t.TierId) && (r.PerMemberLimit is not { } limit || usedBy.GetValueOrDefault((t.MemberId, r.Id)) < limit))
                .Select(r => new RecommendationCandidate(RecommendationCandidateKind.Reward, r.Id, r.Name, r.Category))
                .Concat(offers[t.MemberId].Select(o => new RecommendationCandidate(
                    RecommendationCandidateKind.Offer, o.Id, o.Name, o.Category ?? (o.RewardId is { } reward ? rewardCategory.GetValueOrDefault(reward) : null))))
                .ToList());
    }
}
