namespace Loyalty.Contracts.Events;

/// <summary>A return took back points a purchase earned: from pending points first, then as the return policy says.</summary>
public sealed record PointsReversedV1(
    string MemberNumber,
    Guid PurchaseId,
    string ExternalId,
    string ReturnId,
    decimal Amount,
    string Currency,
    long Points,
    long PendingPoints,
    long WrittenOff,
    ReturnPolicyValue Policy,
    DateTimeOffset OccurredAt) : ILoyaltyEvent
{
    public static string EventType => "points.reversed";
}
