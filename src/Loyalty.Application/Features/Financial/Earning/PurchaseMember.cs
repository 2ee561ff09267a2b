using Loyalty.Application.Abstractions;
using Loyalty.Application.Features.Social.Members;
using Loyalty.Domain.Customised.Offers;
using Loyalty.Domain.Social.Members;
using Loyalty.Domain.Social.Tiers;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Financial.Earning;

/// <summary>The member a till names, their tier, whether the receipt is a duplicate, and the offers the purchase could use.</summary>
public sealed record PurchaseMemberFacts(Member Member, Tier Tier, bool Duplicate, IReadOnlyList<MemberOffer> Offers);

/// <summary>
/// What a purchase (and its quote) needs about the member, in one round trip: the member and tier, whether this
/// receipt was already recorded (only when an external id is given), and the personal offers a purchase at that time
/// could use (treatment group, published, in the window, uses left, with the voucher reward's stock). The purchase and
/// the quote both read through here, so the quote shows exactly the offers the purchase would apply.
/// </summary>
public static class PurchaseMember
{
    public static async Task<PurchaseMemberFacts> FindAsync(
        ILoyaltyDbContext db, Guid partnerId, string memberNumber, string? externalId, DateTimeOffset purchasedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var number = MemberLookup.Normalize(memberNumber);
        var checkDuplicate = externalId is not null;
        var found = await (from m in db.Members.AsNoTracking()
                           where m.MemberNumber == number
                           join t in db.Tiers.AsNoTracking() on m.TierId equals t.Id
                           select new
                           {
                               Member = m,
                               Tier = t,
                               Duplicate = checkDuplicate && db.Purchases.Any(p => p.PartnerId == partnerId && p.ExternalId == externalId),
                               Offers = (from a in db.OfferAssignments
                                         where a.MemberId == m.Id && a.Group == OfferGroup.Treatment
                                         join o in db.PersonalOffers on a.OfferId equals o.Id
                                         where o.Status == OfferStatus.Published && o.StartsAt <= purchasedAt && o.EndsAt > purchasedAt && a.Uses < o.PerMemberLimit
                                         select new MemberOffer(
                                             o.Id, o.Name, o.Status, o.StartsAt, o.EndsAt, o.PerMemberLimit, o.RequiresActivation, o.BenefitKind, o.BonusPoints, o.Factor, o.Category, o.Sku, o.RewardId, a.ActivatedAt, a.Uses,
                                             db.Rewards.Where(r => r.Id == o.RewardId).Select(r => r.Stock).FirstOrDefault()))
                                        .ToList(),
                           })
                          .SingleOrDefaultAsync(cancellationToken)
            ?? throw MemberLookup.UnknownNumber();
        return new PurchaseMemberFacts(found.Member, found.Tier, found.Duplicate, found.Offers);
    }
}
