namespace Loyalty.Contracts.Events;

/// <summary>An authorised redemption was captured at a till; <c>points</c> is what was taken, <c>authorisedPoints</c> what was held.</summary>
public sealed record PointsRedeemedV1(
    string MemberNumber,
    Guid RedemptionId,
    Guid StoreId,
    long Points,
    long AuthorisedPoints,
    string? Reference,
    DateTimeOffset OccurredAt) : ILoyaltyEvent
{
    public static string EventType => "points.redeemed";
}
