using Loyalty.Application.Abstractions;
using Loyalty.Contracts.Member;
using Loyalty.Domain.Customised.Offers;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Customised.Offers;

/// <summary>
/// A member's offers as the app shows them: treatment-group assignments of published offers whose window has not
/// ended. A control-group member's assignment is never read here, so to them the offer does not exist.
/// </summary>
internal static class MemberOffers
{
    public static IQueryable<(PersonalOffer Offer, OfferAssignment Assignment)> Visible(ILoyaltyDbContext db, Guid memberId, DateTimeOffset now) =>
        from a in db.OfferAssignments.AsNoTracking()
        where a.MemberId == memberId && a.Group == OfferGroup.Treatment
        join o in db.PersonalOffers.AsNoTracking() on a.OfferId equals o.Id
        where o.Status == OfferStatus.Published && o.StartsAt <= now && o.EndsAt > now
        select ValueTuple.Create(o, a);

    public static MemberOfferResponse ToResponse(PersonalOffer offer, OfferAssignment assignment) => ToResponse(offer, assignment.ActivatedAt, assignment.Uses);

    public static MemberOfferResponse ToResponse(PersonalOffer offer, DateTimeOffset? activatedAt, int uses) =>
        new(
            offer.Id,
            offer.Name,
            offer.Description,
            offer.StartsAt,
            offer.EndsAt,
            PersonalOffers.ToDto(offer.Benefit),
            offer.RequiresActivation,
            activatedAt is not null,
            activatedAt,
            offer.PerMemberLimit,
            Math.Max(0, offer.PerMemberLimit - uses));
}
