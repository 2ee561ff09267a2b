using Loyalty.Contracts.Member;
using Loyalty.Domain.Customised.Offers;

namespace Loyalty.Application.Features.Customised.Offers;

/// <summary>A member's offer as the app shows it.</summary>
internal static class MemberOffers
{
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
