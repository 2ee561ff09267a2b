using Loyalty.Contracts.Common;

namespace Loyalty.Contracts.Events;

/// <summary>Points were credited for a purchase, as the enrolment bonus, or as a birthday or anniversary bonus on the day; <c>pending</c> points become spendable at <c>pendingUntil</c>. Purchase fields are null for other sources.</summary>
public sealed record PointsEarnedV1(
    string MemberNumber,
    PointsEarnedSource Source,
    Guid? StoreId,
    long Points,
    bool Pending,
    IReadOnlyList<EarnLineResponse> Breakdown,
    DateTimeOffset OccurredAt,
    Guid? PurchaseId = null,
    string? ExternalId = null,
    DateTimeOffset? PendingUntil = null,
    DateTimeOffset? PurchasedAt = null) : ILoyaltyEvent
{
    public static string EventType => "points.earned";
}
