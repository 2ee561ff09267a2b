namespace Loyalty.Contracts.Partner;

/// <summary>
/// Pay with points, first step: authorise (hold) the points. <see cref="Reference"/> is the partner's receipt or
/// order id, kept for reconciliation.
/// </summary>
public sealed record RedeemPointsRequest(string MemberNumber, Guid StoreId, long Points, string? Reference);

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
    string Status,
    long Points,
    long HeldPoints,
    long CapturedPoints,
    string? Reference,
    long AvailablePoints,
    DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt,
    DateTimeOffset? CompletedAt);
