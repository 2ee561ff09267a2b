namespace Loyalty.Contracts.Events;

/// <summary>Staff adjusted the member's points (negative takes points away).</summary>
public sealed record PointsAdjustedV1(
    long Points,
    string Reason,
    DateTimeOffset OccurredAt) : ILoyaltyEvent
{
    public static string EventType => "points.adjusted";
}
