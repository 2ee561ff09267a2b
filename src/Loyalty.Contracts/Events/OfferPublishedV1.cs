using Loyalty.Contracts.Common;

namespace Loyalty.Contracts.Events;

/// <summary>A personal offer was published: its audience is fixed, treatment and control recorded.</summary>
public sealed record OfferPublishedV1(
    Guid OfferId,
    string Name,
    OfferBenefitKind BenefitKind,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    bool RequiresActivation,
    int TreatmentMembers,
    int ControlMembers,
    DateTimeOffset OccurredAt) : ILoyaltyEvent
{
    public static string EventType => "offer.published";
}
