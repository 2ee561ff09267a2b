using Loyalty.Application.Abstractions;
using Loyalty.Application.Common;
using Loyalty.Contracts.Common;
using Loyalty.Contracts.Member;
using Loyalty.Domain.Customised.Recommendations;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Customised.Recommendations;

/// <summary>
/// One member's next best offers, as the member and staff see them: the stored ones from the last refresh, less any
/// candidate no longer open to the member; or, for a member no refresh has reached yet, computed now from their
/// purchases and the stored co-purchases (not stored: the next refresh does that).
/// </summary>
public sealed class MemberNextBestOffers(ILoyaltyDbContext db, RecommendationCandidates candidates, TimeProvider clock)
{
    public async Task<Page<RecommendationResponse>> GetAsync(Guid memberId, Guid tierId, int? limit, string? cursor, CancellationToken cancellationToken)
    {
        var size = Paging.Limit(limit);
        var afterRank = Paging.DecodeLong(cursor) ?? 0;
        var now = clock.GetUtcNow();
        var target = new RecommendationTarget(memberId, tierId);
        var stored = await db.MemberRecommendations.AsNoTracking().Where(r => r.MemberId == memberId).OrderBy(r => r.Rank).ToListAsync(cancellationToken);
        if (stored.Count > 0)
        {
            // Only what the stored list names is checked: is it still open to the member?
            var catalogue = await candidates.CatalogueAsync(
                now,
                cancellationToken,
                [.. stored.Where(r => r.CandidateKind == Domain.Customised.Recommendations.RecommendationCandidateKind.Reward).Select(r => r.CandidateId)],
                [.. stored.Where(r => r.CandidateKind == Domain.Customised.Recommendations.RecommendationCandidateKind.Offer).Select(r => r.CandidateId)]);
            var stillOpen = (await candidates.ForAsync(catalogue, [target], cancellationToken))[memberId].Select(c => (c.Kind, c.Id)).ToHashSet();
            return PageOf([.. stored.Where(r => stillOpen.Contains((r.CandidateKind, r.CandidateId))).Select(r => ToResponse(r.ToRecommendation(), r.ComputedAt, live: false))], size, afterRank);
        }

        var open = (await candidates.ForAsync(await candidates.CatalogueAsync(now, cancellationToken), [target], cancellationToken))[memberId];
        var habits = await PurchaseHabits.OfMembersAsync(db, [memberId], now - PurchaseHabits.Window, cancellationToken);
        var table = await PurchaseHabits.StoredAsync(db, cancellationToken);
        var live = NextBestOffer.For(habits.GetValueOrDefault(memberId) ?? [], table, open, now, RefreshRecommendationsCommand.PerMember);
        return PageOf([.. live.Select(r => ToResponse(r, now, live: true))], size, afterRank);
    }

    /// <summary>A page of the (at most three) recommendations in rank order; the cursor is the last rank returned.</summary>
    private static Page<RecommendationResponse> PageOf(List<RecommendationResponse> items, int limit, long afterRank) =>
        Paging.ToPage(items.Where(r => r.Rank > afterRank).Take(limit + 1).ToList(), limit, r => (long)r.Rank);

    public static RecommendationResponse ToResponse(Recommendation recommendation, DateTimeOffset computedAt, bool live)
    {
        ArgumentNullException.ThrowIfNull(recommendation);
        var reason = recommendation.Reason;
        var basedOn = reason is { BasedOnCategory: { } category, Purchases: { } purchases, LastPurchasedAt: { } last }
            ? new RecommendationEvidence(category, purchases, last, reason.IntervalDays)
            : null;
        return new RecommendationResponse(
            recommendation.Rank,
            WireValue.Of<Contracts.Member.RecommendationCandidateKind>(recommendation.Candidate.Kind),
            recommendation.Candidate.Id,
            recommendation.Candidate.Name,
            recommendation.Candidate.Category,
            WireValue.Of<Contracts.Member.RecommendationReasonKind>(reason.Kind),
            reason.Text,
            basedOn,
            recommendation.Score,
            computedAt,
            live);
    }
}
