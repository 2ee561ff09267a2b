namespace Loyalty.Contracts.Events;

/// <summary>The membership was closed; <c>pointsOnClose</c> says whether the points were kept or forfeited.</summary>
public sealed record MemberClosedV1(
    Guid MemberId,
    string MemberNumber,
    PointsOnCloseValue PointsOnClose,
    DateTimeOffset OccurredAt) : ILoyaltyEvent
{
    public static string EventType => "member.closed";
}
