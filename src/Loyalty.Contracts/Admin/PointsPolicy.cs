using Loyalty.Contracts.Partner;

namespace Loyalty.Contracts.Admin;

/// <summary>How earned points expire.</summary>
public enum ExpiryKind
{
    Never,

    /// <summary>A period after earning, optionally rounded up.</summary>
    AfterPeriod,

    /// <summary>Every year on a fixed date.</summary>
    FixedDate,
}

/// <summary>The unit of an expiry period.</summary>
public enum PeriodUnit
{
    Days,
    Months,
}

/// <summary>What an expiry date is rounded up to.</summary>
public enum ExpiryRounding
{
    None,
    EndOfMonth,
    EndOfQuarter,
    EndOfYear,
}

/// <summary>What happens to a member's points when the membership closes.</summary>
public enum PointsOnClose
{
    Forfeit,
    Keep,
}

/// <summary>
/// When points expire. kind: never | afterPeriod | fixedDate. afterPeriod: length + unit (days | months), optionally
/// rounded up (none | endOfMonth | endOfQuarter | endOfYear). fixedDate: every year on fixedMonth/fixedDay, for points
/// at least length months old.
/// </summary>
public sealed record ExpiryPolicyDto(ExpiryKind Kind, int Length = 0, PeriodUnit Unit = PeriodUnit.Months, ExpiryRounding Rounding = ExpiryRounding.None, int FixedMonth = 12, int FixedDay = 31);

/// <summary>
/// The programme's points policy. returnPolicy: reversePendingOnly | reverseWithinAvailable | allowNegativeBalance.
/// pendingDays 0 makes earned points available at once. pointValue is what one point is worth (liability, settlement).
/// </summary>
public sealed record PointsPolicyRequest(
    ExpiryPolicyDto Expiry,
    int ExpiryNoticeDays,
    int PendingDays,
    ReturnPolicy ReturnPolicy,
    decimal PointValue,
    string PointValueCurrency,
    int RedemptionHoldMinutes,
    long TransferMaxPoints,
    long TransferMaxPointsPerMonth,
    PointsOnClose? PointsOnClose = null);

public sealed record PointsPolicyResponse(
    ExpiryPolicyDto Expiry,
    int ExpiryNoticeDays,
    int PendingDays,
    ReturnPolicy ReturnPolicy,
    decimal PointValue,
    string PointValueCurrency,
    int RedemptionHoldMinutes,
    long TransferMaxPoints,
    long TransferMaxPointsPerMonth,
    DateTimeOffset UpdatedAt,
    PointsOnClose PointsOnClose);
