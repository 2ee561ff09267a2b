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

            outbox.AddUntracked(
                new OfferRedeemedV1(member.MemberNumber, offer.OfferId, purchase.Id, purchase.ExternalId, line.Points, offer.RewardId, Math.Max(0, offer.PerMemberLimit - offer.Uses - 1), now),
                member.Id,
                purchase.PartnerId);
        }
    }

    /// <summary>
    /// A purchase returned in full gives back the uses of the offers it used, so the member may use them on another
    /// purchase; its offer points are reversed with the rest of its points, proportionally, by the return itself. A
    /// voucher offer's gift voucher is withdrawn (expired now) and its unit goes back to the reward's stock — only
    /// while the member has not used it: a used voucher keeps its use spent. One query when the purchase used no offer.
    /// </summary>
    public async Task ReturnedAsync(Purchase purchase, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(purchase);
        var used = await (from l in db.EarnBreakdownLines.AsNoTracking()
                          where l.PurchaseId == purchase.Id && l.Kind == EarnLineKinds.Offer && l.OfferId != null
                          join o in db.PersonalOffers.AsNoTracking() on l.OfferId equals o.Id
                          select new { o.Id, o.BenefitKind, o.RewardId }).ToListAsync(cancellationToken);
        foreach (var offer in used)
        {
            if (offer.BenefitKind == OfferBenefitKind.Voucher && offer.RewardId is { } rewardId)
            {
                // The gift was issued with the purchase (same instant, no points); the till may be using it right now,
                // so it is withdrawn only if still unused, in one conditional update.
                var withdrawn = await db.Vouchers
                    .Where(v => v.MemberId == purchase.MemberId && v.RewardId == rewardId && v.PointsSpent == 0 && v.IssuedAt == purchase.RecordedAt
                        && v.UsedAt == null && v.ExpiresAt > now)
                    .ExecuteUpdateAsync(s => s.SetProperty(v => v.ExpiresAt, now), cancellationToken);
                if (withdrawn == 0)
                {
                    continue;
                }

                await db.Rewards.Where(r => r.Id == rewardId && r.Stock != null)
                    .ExecuteUpdateAsync(s => s.SetProperty(r => r.Stock, r => r.Stock + withdrawn), cancellationToken);
            }

            var offerId = offer.Id;
            await db.OfferAssignments
                .Where(a => a.OfferId == offerId && a.MemberId == purchase.MemberId && a.Uses > 0)
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.Uses, a => a.Uses - 1), cancellationToken);
        }
    }

    /// <summary>One unit of the reward's stock, race-free (null stays unlimited); false when none is left.</summary>
    private async Task<bool> TakeStockAsync(Guid rewardId, CancellationToken cancellationToken) =>
        await db.Rewards.Where(r => r.Id == rewardId && (r.Stock == null || r.Stock > 0))
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Stock, r => r.Stock - 1), cancellationToken) == 1;
}
