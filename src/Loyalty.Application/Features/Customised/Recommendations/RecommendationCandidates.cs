using Loyalty.Application.Abstractions;
using Loyalty.Domain.Customised.Offers;
using Loyalty.Domain.Customised.Recommendations;
using Loyalty.Domain.Financial.Rewards;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Customised.Recommendations;

/// <summary>A member the next best offer is computed for: who, and the tier that decides which rewards are open to them.</summary>
public sealed record RecommendationTarget(Guid MemberId, Guid TierId);

/// <summary>A published personal offer open now, with the category it is about (its own, or its voucher reward's).</summary>
public sealed record OpenOffer(Guid Id, string Name, string? Category, int PerMemberLimit);

/// <summary>
/// What is open to anyone now, read once per refresh (or once per request): the rewards inside their window and in
/// stock, and the published personal offers inside theirs. Plain data, so batches running side by side share it.
/// </summary>
public sealed class CandidateCatalogue
{
    internal CandidateCatalogue(IReadOnlyList<Reward> rewards, IReadOnlyList<OpenOffer> offers)
    {
        Rewards = rewards;
        RewardCandidates = rewards.ToDictionary(r => r.Id, r => new RecommendationCandidate(RecommendationCandidateKind.Reward, r.Id, r.Name, r.Category));
        Offers = offers.ToDictionary(o => o.Id);
        LimitedRewardIds = [.. rewards.Where(r => r.PerMemberLimit is not null).Select(r => r.Id)];
        OfferIds = [.. Offers.Keys];
    }

    public IReadOnlyList<Reward> Rewards { get; }

    /// <summary>Each reward as a candidate, made once: a batch hands the same ones to thousands of members.</summary>
    public IReadOnlyDictionary<Guid, RecommendationCandidate> RewardCandidates { get; }

    public IReadOnlyDictionary<Guid, OpenOffer> Offers { get; }

    /// <summary>Rewards a member may redeem only so often: the only ones that need the member's vouchers counted.</summary>
    public List<Guid> LimitedRewardIds { get; }

    public List<Guid> OfferIds { get; }
}

/// <summary>
/// What each member could be told about now: rewards inside their window, in stock, open to the member's tier and
/// not used up by the member's own limit; and the published personal offers open now in which the member is in the
/// treatment group with uses left (a control-group member is never told about the offer). An offer is about its
/// benefit's category, or its voucher reward's. The catalogue is read once; each batch of members then costs two
/// queries (their vouchers of limited rewards, their offer assignments), and none when there is nothing to ask.
/// </summary>
public sealed class RecommendationCandidates(ILoyaltyDbContext db)
{
    /// <summary>
    /// The rewards and offers open now; only those in <paramref name="rewardIds"/> and <paramref name="offerIds"/>
    /// when given (a member's stored list is checked against what it names, not against the whole catalogue).
    /// </summary>
    public async Task<CandidateCatalogue> CatalogueAsync(
        DateTimeOffset now, CancellationToken cancellationToken, IReadOnlyCollection<Guid>? rewardIds = null, IReadOnlyCollection<Guid>? offerIds = null)
    {
        var rewardQuery = db.Rewards.AsNoTracking().Include(r => r.Tiers)
            .Where(r => r.IsActive
                && (r.AvailableFrom == null || r.AvailableFrom <= now)
                && (r.AvailableUntil == null || r.AvailableUntil > now)
                && (r.Stock == null || r.Stock > 0));
        if (rewardIds is not null)
        {
            var ids = rewardIds.ToList();
            rewardQuery = rewardQuery.Where(r => ids.Contains(r.Id));
        }

        var rewards = rewardIds is { Count: 0 } ? [] : await rewardQuery.ToListAsync(cancellationToken);

        var offerQuery = db.PersonalOffers.AsNoTracking().Where(o => o.Status == OfferStatus.Published && o.StartsAt <= now && o.EndsAt > now);
        if (offerIds is not null)
        {
            var ids = offerIds.ToList();
            offerQuery = offerQuery.Where(o => ids.Contains(o.Id));
        }

        var offers = offerIds is { Count: 0 } ? [] : await offerQuery.Select(o => new { o.Id, o.Name, o.Category, o.RewardId, o.PerMemberLimit }).ToListAsync(cancellationToken);
        var rewardCategory = rewards.Where(r => r.Category is not null).ToDictionary(r => r.Id, r => r.Category);
        return new CandidateCatalogue(
            rewards,
            [.. offers.Select(o => new OpenOffer(o.Id, o.Name, o.Category ?? (o.RewardId is { } reward ? rewardCategory.GetValueOrDefault(reward) : null), o.PerMemberLimit))]);
    }

    /// <summary>Each target's candidates from <paramref name="catalogue"/>.</summary>
    public async Task<IReadOnlyDictionary<Guid, IReadOnlyList<RecommendationCandidate>>> ForAsync(
        CandidateCatalogue catalogue, IReadOnlyCollection<RecommendationTarget> targets, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        ArgumentNullException.ThrowIfNull(targets);
        var memberIds = targets.Select(t => t.MemberId).ToList();
        var limited = catalogue.LimitedRewardIds;
        var used = limited.Count == 0 ? [] : await db.Vouchers.AsNoTracking()
            .Where(v => memberIds.Contains(v.MemberId) && limited.Contains(v.RewardId))
            .GroupBy(v => new { v.MemberId, v.RewardId })
            .Select(g => new { g.Key.MemberId, g.Key.RewardId, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var usedBy = used.ToDictionary(u => (u.MemberId, u.RewardId), u => u.Count);
        var offerIds = catalogue.OfferIds;
        var assignments = offerIds.Count == 0 ? [] : await db.OfferAssignments.AsNoTracking()
            .Where(a => memberIds.Contains(a.MemberId) && offerIds.Contains(a.OfferId) && a.Group == OfferGroup.Treatment)
            .Select(a => new { a.MemberId, a.OfferId, a.Uses })
            .ToListAsync(cancellationToken);
        var offers = assignments
            .Select(a => (a.MemberId, Offer: catalogue.Offers[a.OfferId], a.Uses))
            .Where(a => a.Uses < a.Offer.PerMemberLimit)
            .ToLookup(a => a.MemberId, a => a.Offer);

        return targets.ToDictionary(
            t => t.MemberId,
            t => (IReadOnlyList<RecommendationCandidate>)catalogue.Rewards
                .Where(r => r.IsOpenTo(t.TierId) && (r.PerMemberLimit is not { } limit || usedBy.GetValueOrDefault((t.MemberId, r.Id)) < limit))
                .Select(r => catalogue.RewardCandidates[r.Id])
                .Concat(offers[t.MemberId].Select(o => new RecommendationCandidate(RecommendationCandidateKind.Offer, o.Id, o.Name, o.Category)))
                .ToList());
    }
}
