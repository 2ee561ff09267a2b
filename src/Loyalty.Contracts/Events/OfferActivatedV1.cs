namespace Loyalty.Contracts.Events;

/// <summary>A member activated ("clipped") a personal offer in the app; sent once per member and offer.</summary>
public sealed record OfferActivatedV1(string MemberNumber, Guid OfferId, DateTimeOffset OccurredAt) : ILoyaltyEvent
{
    public static string EventType => "offer.activated";
}
