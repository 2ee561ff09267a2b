using Loyalty.Contracts.Common;

namespace Loyalty.Contracts.Partner;

/// <summary>Enrolment at the till. <see cref="StoreId"/> records where the member joined.</summary>
public sealed record EnrolMemberRequest(Guid StoreId, string FirstName, string LastName, string Email, string? Phone, DateOnly? BirthDate);

public sealed record EnrolledMemberResponse(Guid Id, string MemberNumber, string DisplayName, TierSummary Tier, DateTimeOffset EnrolledAt);

/// <summary>What a till may show: no e-mail, no phone, no full surname.</summary>
public sealed record MemberLookupResponse(string MemberNumber, string DisplayName, string Status, TierSummary Tier, long AvailablePoints);

/// <summary>
/// A purchase to earn points on. <see cref="ExternalId"/> is the partner's receipt id: the same receipt never earns twice.
/// </summary>
/// <summary>
/// A purchase at a till or online. With <see cref="AwaitConfirmation"/> the points stay pending until the partner confirms
/// the order (delivered, not returned); otherwise they follow the programme's pending period (often none).
/// </summary>
public sealed record RecordPurchaseRequest(string MemberNumber, Guid StoreId, string ExternalId, decimal Amount, string Currency, DateTimeOffset? PurchasedAt, bool AwaitConfirmation = false);

public sealed record PurchaseResponse(
    Guid PurchaseId,
    string ExternalId,
    string MemberNumber,
    decimal Amount,
    string Currency,
    long PointsEarned,
    IReadOnlyList<EarnLineResponse> Breakdown,
    long AvailablePoints,
    DateTimeOffset RecordedAt,
    bool PointsPending = false,
    DateTimeOffset? PendingUntil = null);
