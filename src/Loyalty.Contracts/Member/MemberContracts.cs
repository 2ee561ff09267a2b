using Loyalty.Contracts.Common;

namespace Loyalty.Contracts.Member;

/// <summary>Self-enrolment from the app; the member's identity is the token's subject.</summary>
public sealed record SelfEnrolRequest(string FirstName, string LastName, string Email, string? Phone, DateOnly? BirthDate);

public sealed record MemberProfileResponse(
    string MemberNumber,
    string FirstName,
    string LastName,
    string Email,
    string? Phone,
    DateOnly? BirthDate,
    string Status,
    TierSummary Tier,
    DateTimeOffset EnrolledAt);

/// <summary>The member's balances; <c>nextExpiry</c> is the next day on which available points expire (null when none do).</summary>
public sealed record PointsBalanceResponse(long Available, long Pending, long LifetimeEarned, DateTimeOffset AsOf, ExpiringPoints? NextExpiry = null);

/// <summary>Available points that expire on one day (UTC); <c>expiresAt</c> is the first moment on that day any of them expire.</summary>
public sealed record ExpiringPoints(DateOnly Date, long Points, DateTimeOffset ExpiresAt);

/// <summary>Upcoming expiries of the member's available points, by day, earliest first.</summary>
public sealed record ExpiringPointsResponse(IReadOnlyList<ExpiringPoints> Items, long TotalPoints, DateTimeOffset AsOf);

public sealed record PointsHistoryEntry(long Id, string Type, long Points, string Description, DateTimeOffset OccurredAt, string? PartnerName, string? StoreName);
