using Loyalty.Contracts.Common;

namespace Loyalty.Contracts.Admin;

/// <summary>The referral programme; points are per member, caps per referrer per calendar month and year (UTC).</summary>
public sealed record ReferralProgrammeRequest(
    bool Enabled,
    long ReferrerPoints,
    long RefereePoints,
    decimal MinimumPurchaseAmount,
    string Currency,
    int MaxRewardsPerMonth,
    int MaxRewardsPerYear,
    int WindowDays);

public sealed record ReferralProgrammeResponse(
    bool Enabled,
    long ReferrerPoints,
    long RefereePoints,
    decimal MinimumPurchaseAmount,
    string Currency,
    int MaxRewardsPerMonth,
    int MaxRewardsPerYear,
    int WindowDays,
    DateTimeOffset UpdatedAt);

/// <summary>A member's code, who referred them (if anyone) and whom they referred.</summary>
public sealed record MemberReferralsResponse(string? Code, AdminReferralResponse? ReferredBy, IReadOnlyList<AdminReferralResponse> Referred);

public sealed record AdminReferralResponse(
    Guid Id,
    Guid ReferrerId,
    string ReferrerNumber,
    Guid RefereeId,
    string RefereeNumber,
    string Code,
    ReferralStatus Status,
    string? Reason,
    DateTimeOffset CreatedAt,
    DateTimeOffset? DecidedAt,
    Guid? PurchaseId,
    long ReferrerPoints,
    long RefereePoints);
