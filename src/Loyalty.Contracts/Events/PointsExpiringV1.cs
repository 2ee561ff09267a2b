namespace Loyalty.Contracts.Events;

/// <summary>A notice that the member has points expiring soon (the earliest at <c>expiresAt</c>).</summary>
public sealed record PointsExpiringV1(
    string MemberNumber,
    long Points,
    DateTimeOffset ExpiresAt) : ILoyaltyEvent
{
    public static string EventType => "points.expiring";
}
