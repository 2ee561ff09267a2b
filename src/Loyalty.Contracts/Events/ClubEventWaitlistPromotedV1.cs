namespace Loyalty.Contracts.Events;

/// <summary>A place freed up and a waitlisted member is now registered.</summary>
public sealed record ClubEventWaitlistPromotedV1(
    string MemberNumber,
    Guid RegistrationId,
    Guid EventId,
    string Title,
    DateTimeOffset StartsAt,
    DateTimeOffset OccurredAt) : ILoyaltyEvent
{
    public static string EventType => "club_event.waitlist_promoted";
}
