namespace Loyalty.Contracts.Events;

/// <summary>A registered member was checked in at a club event; <c>points</c> is the attendance bonus.</summary>
public sealed record ClubEventCheckedInV1(
    string MemberNumber,
    Guid RegistrationId,
    Guid EventId,
    string Title,
    CheckInChannelValue Channel,
    Guid? StoreId,
    long Points,
    DateTimeOffset OccurredAt) : ILoyaltyEvent
{
    public static string EventType => "club_event.checked_in";
}
