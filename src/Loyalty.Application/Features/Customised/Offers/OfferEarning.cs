using Loyalty.Application.Abstractions;
using Loyalty.Application.Features.Structural.Outbox;
using Loyalty.Contracts.Events;
using Loyalty.Domain.Customised.Offers;
using Loyalty.Domain.Financial.Earning;
using Loyalty.Domain.Financial.Purchases;
using Loyalty.Domain.Financial.Rewards;
using Loyalty.Domain.Social.Members;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Customised.Offers;

/// <summary>
/// Personal offers in the earn path. The purchase loads the member's offers with the member itself (no extra query);
/// each offer the purchase qualifies for is then claimed with one conditional update (uses below the limit), so of
/// racing or retried purchases exactly as many as the limit allows get it, and a loser simply earns without it.
/// </summary>
public sealed class OfferEarning(ILoyaltyDbContext db, EventOutbox outbox)
{
    /// <summary>
    /// The offer lines <paramref name="basket"/> earns, each claimed (counted against the member's limit) before it is
    /// returned. No offers, or none that applies, costs no database command.
    /// </summary>
    public async Task<IReadOnlyList<OfferBenefitLine>> ClaimAsync(
        Guid memberId, IReadOnlyList<MemberOffer> offers, Basket basket, EarnCalculation earned, DateTimeOffset purchasedAt, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(offers);
        if (offers.Count == 0)
        {
            return [];
        }

        var claimed = new List<OfferBenefitLine>();
        foreach (var line in OfferBenefits.For(offers, basket, earned, purchasedAt))
        {
            var offerId = line.Offer.OfferId;
            var limit = line.Offer.PerMemberLimit;
            // Under the row lock the update takes, a racing purchase re-reads Uses and finds the limit reached.
            var used = await db.OfferAssignments
                .Where(a => a.OfferId == offerId && a.MemberId == memberId && a.Group == OfferGroup.Treatment && a.Uses < limit)
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.Uses, a => a.Uses + 1).SetProperty(a => a.LastUsedAt, now), cancellationToken);
            if (used == 1)
            {
                claimed.Add(line);
            }
        }

        return claimed;
    }

    /// <summary>The claimed offers' vouchers and offer.redeemed events, in the purchase's unit of work.</summary>
    public async Task RedeemedAsync(Member member, Purchase purchase, IReadOnlyList<OfferBenefitLine> claimed, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(member);
        ArgumentNullException.ThrowIfNull(purchase);
        ArgumentNullException.ThrowIfNull(claimed);
        foreach (var (offer, line) in claimed)
        {
            if (offer.BenefitKind == OfferBenefitKind.Voucher && offer.RewardId is { } rewardId)
            {
                // A gift: the reward's voucher at no points (the catalogue's stock is for redemptions with points).
                var reward = await db.Rewards.AsNoTracking().SingleAsync(r => r.Id == rewardId, cancellationToken);
                db.Vouchers.Add(reward.Issue(member.Id, VoucherCode.Generate(), 0, now));
            }

            outbox.Add(
                new OfferRedeemedV1(member.MemberNumber, offer.OfferId, purchase.Id, purchase.ExternalId, line.Points, offer.RewardId, Math.Max(0, offer.PerMemberLimit - offer.Uses - 1), now),
                member.Id,
                purchase.PartnerId);
        }
    }
}
