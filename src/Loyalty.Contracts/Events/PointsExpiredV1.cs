namespace Loyalty.Contracts.Events;

/// <summary>Points expired; <c>points</c> is the amount removed.</summary>
public sealed record PointsExpiredV1(
    string MemberNumber,
    long Points,
    DateTimeOffset ExpiredAt) : ILoyaltyEvent
{
    public static string EventType => "points.expired";
}
