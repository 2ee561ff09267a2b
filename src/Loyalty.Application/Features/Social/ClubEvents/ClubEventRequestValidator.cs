using FluentValidation;
using Loyalty.Application.Features.Customised.Notifications;
using Loyalty.Contracts.Admin;
using Loyalty.Domain.Social.ClubEvents;

namespace Loyalty.Application.Features.Social.ClubEvents;

/// <summary>The request's shape; the rules between fields (window order, venue or URL) are the domain's.</summary>
public sealed class ClubEventRequestValidator : AbstractValidator<ClubEventRequest>
{
    public ClubEventRequestValidator()
    {
        RuleFor(r => r.Title).NotEmpty().MaximumLength(ClubEventLimits.TitleLength);
        RuleFor(r => r.Description).MaximumLength(ClubEventLimits.DescriptionLength);
        RuleFor(r => r.VenueName).MaximumLength(ClubEventLimits.VenueNameLength);
        RuleFor(r => r.VenueAddress).MaximumLength(ClubEventLimits.AddressLength);
        RuleFor(r => r.OnlineUrl).MaximumLength(ClubEventLimits.UrlLength);
        RuleFor(r => r.StartsAt).NotEmpty();
        RuleFor(r => r.EndsAt).NotEmpty().GreaterThan(r => r.StartsAt).WithMessage("endsAt must be later than startsAt.");
        RuleFor(r => r.Capacity).InclusiveBetween(1, ClubEvent.MaxCapacity);
        RuleFor(r => r.PointsForAttending).InclusiveBetween(0, ClubEvent.MaxPointsForAttending);
        RuleFor(r => r.PartnerId).NotEqual(Guid.Empty);
        RuleFor(r => r.StoreId).NotEqual(Guid.Empty);
        RuleFor(r => r.Interests).InterestCodes();
        RuleFor(r => r.EligibleTierIds).Must(ids => ids!.Count <= 50 && !ids.Contains(Guid.Empty)).When(r => r.EligibleTierIds is not null)
            .WithMessage("eligibleTierIds must be at most 50 tier ids.");
    }
}
