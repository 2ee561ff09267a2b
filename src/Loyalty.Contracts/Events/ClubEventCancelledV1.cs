namespace Loyalty.Contracts.Events;

/// <summary>A club event the member was registered or waitlisted for was cancelled.</summary>
public sealed record ClubEventCancelledV1(
    string MemberNumber,
    Guid RegistrationId,
    Guid EventId,
    string Title,
    DateTimeOffset StartsAt,
    bool WasWaitlisted,
    string? Reason,
    DateTimeOffset OccurredAt) : ILoyaltyEvent
{
    public static string EventType => "club_event.cancelled";
}
