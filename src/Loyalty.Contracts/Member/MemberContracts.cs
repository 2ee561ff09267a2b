using Loyalty.Contracts.Common;

namespace Loyalty.Contracts.Member;

/// <summary>
/// Self-enrolment from the app; the member's identity is the token's subject. <see cref="ReferralCode"/> (optional) is
/// a friend's code; an unknown one is refused with 422 unknown_referral_code so the app can ask again.
/// </summary>
public sealed record SelfEnrolRequest(string FirstName, string LastName, string Email, string? Phone, DateOnly? BirthDate, string? ReferralCode = null);

public sealed record MemberProfileResponse(
    string MemberNumber,
    string FirstName,
    string LastName,
    string Email,
    string? Phone,
    DateOnly? BirthDate,
    MemberStatus Status,
    TierSummary Tier,
    DateTimeOffset EnrolledAt);

/// <summary>
/// <see cref="Available"/> can be spent; <see cref="Pending"/> becomes available later (return window or order
/// confirmation); <see cref="Held"/> is set aside by a till payment in progress and comes back if it is not captured;
/// <see cref="NextExpiry"/> is the next day on which available points expire (null when none do).
/// </summary>
public sealed record PointsBalanceResponse(long Available, long Pending, long Held, long LifetimeEarned, DateTimeOffset AsOf, ExpiringPoints? NextExpiry = null);

/// <summary>Available points that expire on one day (UTC); <c>expiresAt</c> is the first moment on that day any of them expire.</summary>
public sealed record ExpiringPoints(DateOnly Date, long Points, DateTimeOffset ExpiresAt);

/// <summary>Upcoming expiries of the member's available points, by day, earliest first.</summary>
public sealed record ExpiringPointsResponse(IReadOnlyList<ExpiringPoints> Items, long TotalPoints, DateTimeOffset AsOf);

/// <summary>One movement of points; earn and bonus entries carry their per-rule <see cref="Breakdown"/> (null for other entries).</summary>
public sealed record PointsHistoryEntry(long Id, PointsEntryType Type, long Points, string Description, DateTimeOffset OccurredAt, string? PartnerName, string? StoreName, IReadOnlyList<EarnLineResponse>? Breakdown = null);

/// <summary>
/// The member closes their own membership; <c>confirm</c> must be true (the app asks first: points may be forfeited).
/// The reason for leaving (with optional free text) is optional.
/// </summary>
public sealed record CloseMyMembershipRequest(bool Confirm, LeavingReason? LeavingReason = null, string? LeavingReasonText = null);

/// <summary>The membership after closing; <c>pointsForfeited</c> follows the programme's rules.</summary>
public sealed record MembershipClosedResponse(MemberStatus Status, long PointsForfeited, long AvailablePoints, DateTimeOffset ClosedAt);

/// <summary>
/// Everything the club holds about a member, one JSON object per data section (profile, points, purchases,
/// redemptions, vouchers, transfers, audit, and whatever other features add). Not paged: all of it.
/// <c>mergedMembers</c> holds the same document for each duplicate membership merged into this one.
/// </summary>
public sealed record MemberDataExport(
    Guid MemberId,
    string MemberNumber,
    DateTimeOffset ExportedAt,
    IReadOnlyDictionary<string, System.Text.Json.JsonElement> Sections,
    IReadOnlyList<MemberDataExport> MergedMembers);
