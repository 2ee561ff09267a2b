namespace Loyalty.Contracts.Events;

/// <summary>A transfer between members was confirmed; each side gets one event, <c>points</c> negative on the sending side.</summary>
public sealed record PointsTransferredV1(
    Guid TransferId,
    TransferDirection Direction,
    long Points,
    string Counterpart,
    DateTimeOffset OccurredAt) : ILoyaltyEvent
{
    public static string EventType => "points.transferred";
}
