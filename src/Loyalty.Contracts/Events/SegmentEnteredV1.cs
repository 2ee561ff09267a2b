namespace Loyalty.Contracts.Events;

/// <summary>A refresh found the member in the segment; one event per member, at the refresh's instant.</summary>
public sealed record SegmentEnteredV1(
    Guid SegmentId,
    string SegmentName,
    string MemberNumber,
    DateTimeOffset EnteredAt) : ILoyaltyEvent
{
    public static string EventType => "segment.entered";
}
