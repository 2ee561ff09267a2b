namespace Loyalty.Contracts.Events;

/// <summary>A refresh found the member no longer in the segment (or no longer an active member); one event per member.</summary>
public sealed record SegmentLeftV1(
    Guid SegmentId,
    string SegmentName,
    string MemberNumber,
    DateTimeOffset LeftAt) : ILoyaltyEvent
{
    public static string EventType => "segment.left";
}
