using Loyalty.Application.Abstractions;
using Loyalty.Application.Common;
using Loyalty.Application.Features.Social.Members;
using Loyalty.Application.Features.Structural.Stores;
using Loyalty.Domain.Customised.Offers;
using Loyalty.Domain.Financial.Purchases;
using Loyalty.Domain.Financial.Rewards;
using Loyalty.Domain.Social.Members;
using Loyalty.Domain.Social.Tiers;
using Loyalty.Domain.Structural.Partners;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Financial.Earning;

/// <summary>The store and member a till names, the member's tier, whether the receipt is a duplicate, and the offers the purchase could use.</summary>
public sealed record PurchaseMemberFacts(Store Store, Member Member, Tier Tier, bool Duplicate, IReadOnlyList<MemberOffer> Offers);

/// <summary>
/// What a purchase (and its quote) needs about the store and the member, in one round trip: the partner's store (checked
/// as <see cref="PartnerStores.FindActiveAsync"/> does, before anything about the member), the member and tier, whether this
/// receipt was already recorded (only when an external id is given), and the personal offers a purchase at that time
/// could use (treatment group, published, in the window, uses left, with the voucher reward's stock). The purchase and
/// the quote both read through here, so the quote shows exactly the offers the purchase would apply.
/// </summary>
public static class PurchaseMember
{
    // Compiled once (see HotQuery): every purchase and quote runs it.
    private static readonly HotQuery<Func<DbContext, Guid, Guid, string, bool, string?, DateTimeOffset, CancellationToken, Task<Found?>>> Query = new(() =>
        EF.CompileAsyncQuery((DbContext db, Guid partnerId, Guid storeId, string number, bool checkDuplicate, string? externalId, DateTimeOffset purchasedAt, CancellationToken ct) =>
            (from m in db.Set<Member>().AsNoTracking()
             where m.MemberNumber == number
             join t in db.Set<Tier>().AsNoTracking() on m.TierId equals t.Id
             from s in db.Set<Store>().AsNoTracking()
             where s.Id == storeId && s.PartnerId == partnerId
             select new Found(
                 s,
                 m,
                 t,
                 checkDuplicate && db.Set<Purchase>().Any(p => p.PartnerId == partnerId && p.ExternalId == externalId),
                 (from a in db.Set<OfferAssignment>()
                  where a.MemberId == m.Id && a.Group == OfferGroup.Treatment
                  join o in db.Set<PersonalOffer>() on a.OfferId equals o.Id
                  where o.Status == OfferStatus.Published && o.StartsAt <= purchasedAt && o.EndsAt > purchasedAt && a.Uses < o.PerMemberLimit
                  select new MemberOffer(
                      o.Id, o.Name, o.Status, o.StartsAt, o.EndsAt, o.PerMemberLimit, o.RequiresActivation, o.BenefitKind, o.BonusPoints, o.Factor, o.Category, o.Sku, o.RewardId, a.ActivatedAt, a.Uses,
                      db.Set<Reward>().Where(r => r.Id == o.RewardId).Select(r => r.Stock).FirstOrDefault()))
                 .ToList()))
            .SingleOrDefault()));

    public static async Task<PurchaseMemberFacts> FindAsync(
        ILoyaltyDbContext db, Guid partnerId, Guid storeId, string memberNumber, string? externalId, DateTimeOffset purchasedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var number = MemberLookup.Normalize(memberNumber);
        var found = await Query.For(db)((DbContext)db, partnerId, storeId, number, externalId is not null, externalId, purchasedAt, cancellationToken);
        if (found is null)
        {
            // No row: the store or the member is unknown. The store's problem comes first, as it always has.
            await PartnerStores.FindActiveAsync(db, partnerId, storeId, cancellationToken);
            throw MemberLookup.UnknownNumber();
        }

        PartnerStores.EnsureActive(found.Store);
        return new PurchaseMemberFacts(found.Store, found.Member, found.Tier, found.Duplicate, found.Offers);
    }

    private sealed record Found(Store Store, Member Member, Tier Tier, bool Duplicate, List<MemberOffer> Offers);
}
