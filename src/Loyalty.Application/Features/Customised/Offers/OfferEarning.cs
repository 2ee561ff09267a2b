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
/// A voucher offer also takes a unit of its reward's limited stock, with the same kind of conditional update; with
/// none left the purchase earns without it and the use stays unspent. A full return gives the uses back
/// (<see cref="ReturnedAsync"/>).
/// </summary>
public sealed class OfferEarning(ILoyaltyDbContext db, EventOutbox outbox)
{
    /// <summary>The offer lines a purchase at <paramref name="at"/> would get, without claiming them (the quote).</summary>
    public static IReadOnlyList<OfferBenefitLine> Applicable(IReadOnlyList<MemberOffer> offers, Basket basket, EarnCalculation earned, DateTimeOffset at) =>
        offers.Count == 0 ? [] : OfferBenefits.For(offers, basket, earned, at);

    /// <summary>The calculation with the offer lines added after the rules' lines, as the breakdown shows them.</summary>
    public static EarnCalculation WithOffers(EarnCalculation earned, IReadOnlyList<OfferBenefitLine> lines)
    {
        ArgumentNullException.ThrowIfNull(earned);
        ArgumentNullException.ThrowIfNull(lines);
        return lines.Count == 0 ? earned : earned with { Lines = [.. earned.Lines, .. lines.Select(c => c.Line)] };
    }

    /// <summary>
    /// The offer lines <paramref name="basket"/> earns, each claimed (counted against the member's limit, and for a
    /// voucher against the reward's stock) before it is returned. No offers, or none that applies, costs no database command.
    /// </summary>
    public async Task<IReadOnlyList<OfferBenefitLine>> ClaimAsync(
        Guid memberId, IReadOnlyList<MemberOffer> offers, Basket basket, EarnCalculation earned, DateTimeOffset purchasedAt, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(offers);
        var claimed = new List<OfferBenefitLine>();
        foreach (var line in Applicable(offers, basket, earned, purchasedAt))
        {
            var offerId = line.Offer.OfferId;
            var limit = line.Offer.PerMemberLimit;
            // Under the row lock the update takes, a racing purchase re-reads Uses and finds the limit reached.
            var used = await db.OfferAssignments
                .Where(a => a.OfferId == offerId && a.MemberId == memberId && a.Group == OfferGroup.Treatment && a.Uses < limit)
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.Uses, a => a.Uses + 1).SetProperty(a => a.LastUsedAt, now), cancellationToken);
            if (used != 1)
            {
                continue;
            }

            if (line.Offer.RewardStock is not null && line.Offer.RewardId is { } rewardId && !await TakeStockAsync(rewardId, cancellationToken))
            {
                // The last unit went to another purchase or a redemption meanwhile: no voucher, and the use is not spent.
                await db.OfferAssignments
                    .Where(a => a.OfferId == offerId && a.MemberId == memberId && a.Uses > 0)
                    .ExecuteUpdateAsync(s => s.SetProperty(a => a.Uses, a => a.Uses - 1), cancellationToken);
                continue;
            }

            claimed.Add(line);
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
                // A gift at no points; its unit of stock was taken when the offer was claimed.
                var reward = await db.Rewards.AsNoTracking().SingleAsync(r => r.Id == rewardId, cancellationToken);
                db.Vouchers.Add(reward.Issue(member.Id, VoucherCode.Generate(), 0, now));
            }

            outbox.Add(
                new OfferRedeemedV1(member.MemberNumber, offer.OfferId, purchase.Id, purchase.ExternalId, line.Points, offer.RewardId, Math.Max(0, offer.PerMemberLimit - offer.Uses - 1), now),
                member.Id,
                purchase.PartnerId);
        }
    }

    /// <summary>
    /// A purchase returned in full gives back the uses of the offers it used (its offer points are reversed with the
    /// rest of its points, proportionally, by the return itself), so the member may use them on another purchase.
    /// Voucher offers keep their use: the voucher was issued and stays the member's. One statement.
    /// </summary>
    public Task<int> ReturnedAsync(Guid memberId, Guid purchaseId, CancellationToken cancellationToken)
    {
        var used = from l in db.EarnBreakdownLines
                   where l.PurchaseId == purchaseId && l.OfferId != null && l.Kind == EarnLineKinds.Offer
                   select l.OfferId!.Value;
        var pointsOffers = db.PersonalOffers.Where(o => o.BenefitKind != OfferBenefitKind.Voucher).Select(o => o.Id);
        return db.OfferAssignments
            .Where(a => a.MemberId == memberId && a.Uses > 0 && used.Contains(a.OfferId) && pointsOffers.Contains(a.OfferId))
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.Uses, a => a.Uses - 1), cancellationToken);
    }

    /// <summary>One unit of the reward's stock, race-free (null stays unlimited); false when none is left.</summary>
    private async Task<bool> TakeStockAsync(Guid rewardId, CancellationToken cancellationToken) =>
        await db.Rewards.Where(r => r.Id == rewardId && (r.Stock == null || r.Stock > 0))
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Stock, r => r.Stock - 1), cancellationToken) == 1;
}
