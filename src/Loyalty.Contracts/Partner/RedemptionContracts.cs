namespace Loyalty.Contracts.Partner;

/// <summary>Where a payment with points stands.</summary>
public enum RedemptionStatus
{
    /// <summary>The points are held; nothing is spent yet.</summary>
    Authorised,
    Captured,
    Cancelled,

    /// <summary>Neither captured nor cancelled in time; the held points went back.</summary>
    Expired,
}

/// <summary>
/// Pay with points, first step: authorise (hold) the points. <see cref="Reference"/> is the partner's receipt or
/// order id, kept for reconciliation.
/// </summary>
public sealed record RedeemPointsRequest(string MemberNumber, Guid StoreId, long Points, string? Reference);

/// <summary>
/// A dry run of <see cref="RedeemPointsRequest"/>: whether the authorisation would succeed now, and with what left.
/// <see cref="RefusalCode"/> is the error code the authorisation would get (<c>insufficient_points</c>,
/// <c>member_suspended</c>, <c>store_not_found</c> …). The balances are given once the store and member checks pass:
/// <see cref="AvailableAfter"/> only when the points would be held.
/// </summary>
public sealed record RedemptionQuoteResponse(
    bool Authorisable, long Points, long? AvailableBefore, long? AvailableAfter, string? RefusalCode, string? RefusalDetail);

/// <summary>Take the payment: <see cref="Points"/> of the authorised points (null = all); the rest goes back to the member.</summary>
public sealed record CaptureRedemptionRequest(long? Points);

/// <summary>
/// A payment with points. <see cref="Status"/> is <c>authorised</c> (points held until <see cref="ExpiresAt"/>),
/// <c>captured</c>, <c>cancelled</c> or <c>expired</c>. <see cref="AvailablePoints"/> is the member's balance now.
/// </summary>
public sealed record RedemptionResponse(
    Guid RedemptionId,
    string MemberNumber,
    Guid StoreId,
    RedemptionStatus Status,
    long Points,
    long HeldPoints,
    long CapturedPoints,
    string? Reference,
    long AvailablePoints,
    DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt,
    DateTimeOffset? CompletedAt);
