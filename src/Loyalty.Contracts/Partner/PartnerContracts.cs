using Loyalty.Contracts.Common;

namespace Loyalty.Contracts.Partner;

/// <summary>
/// Enrolment at the till. <see cref="StoreId"/> records where the member joined; <see cref="ReferralCode"/> (optional)
/// is the code of the member who brought the customer in (an unknown one is 422 unknown_referral_code).
/// </summary>
public sealed record EnrolMemberRequest(Guid StoreId, string FirstName, string LastName, string Email, string? Phone, DateOnly? BirthDate, string? ReferralCode = null);

public sealed record EnrolledMemberResponse(Guid Id, string MemberNumber, string DisplayName, TierSummary Tier, DateTimeOffset EnrolledAt);

/// <summary>What a till may show: no e-mail, no phone, no full surname.</summary>
public sealed record MemberLookupResponse(string MemberNumber, string DisplayName, MemberStatus Status, TierSummary Tier, long AvailablePoints);

/// <summary>
/// A purchase at a till or online. <see cref="ExternalId"/> is the partner's receipt id: the same receipt never earns twice.
/// With <see cref="AwaitConfirmation"/> the points stay pending until the partner confirms the order (delivered, not
/// returned); otherwise they follow the programme's pending period (often none). <see cref="Lines"/> (optional) itemise
/// the basket for category and SKU rules; their amounts add up to <see cref="Amount"/>.
/// </summary>
public sealed record RecordPurchaseRequest(string MemberNumber, Guid StoreId, string ExternalId, decimal Amount, string Currency, DateTimeOffset? PurchasedAt, bool AwaitConfirmation = false, IReadOnlyList<PurchaseLineRequest>? Lines = null);

/// <summary>A basket line: <see cref="Amount"/> is the line's total (after discounts).</summary>
public sealed record PurchaseLineRequest(string? Sku, string? Category, decimal Quantity, decimal Amount);

/// <summary>What a basket would earn, without recording anything.</summary>
public sealed record QuotePurchaseRequest(string MemberNumber, Guid StoreId, decimal Amount, string Currency, DateTimeOffset? PurchasedAt = null, IReadOnlyList<PurchaseLineRequest>? Lines = null);

public sealed record EarnQuoteResponse(decimal Amount, string Currency, DateTimeOffset PurchasedAt, long PointsEarned, IReadOnlyList<EarnLineResponse> Breakdown);

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
