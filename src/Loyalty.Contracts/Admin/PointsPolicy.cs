namespace Loyalty.Contracts.Admin;

/// <summary>
/// When points expire. kind: never | afterPeriod | fixedDate. afterPeriod: length + unit (days | months), optionally
/// rounded up (none | endOfMonth | endOfQuarter | endOfYear). fixedDate: every year on fixedMonth/fixedDay, for points
/// at least length months old.
/// </summary>
public sealed record ExpiryPolicyDto(string Kind, int Length = 0, string Unit = "months", string Rounding = "none", int FixedMonth = 12, int FixedDay = 31);

/// <summary>
/// The programme's points policy. returnPolicy: reversePendingOnly | reverseWithinAvailable | allowNegativeBalance.
/// pendingDays 0 makes earned points available at once. pointValue is what one point is worth (liability, settlement).
/// </summary>
public sealed record PointsPolicyRequest(
    ExpiryPolicyDto Expiry,
    int ExpiryNoticeDays,
    int PendingDays,
    string ReturnPolicy,
    decimal PointValue,
    string PointValueCurrency,
    int RedemptionHoldMinutes,
    long TransferMaxPoints,
    long TransferMaxPointsPerMonth,
    string? PointsOnClose = null);

public sealed record PointsPolicyResponse(
    ExpiryPolicyDto Expiry,
    int ExpiryNoticeDays,
    int PendingDays,
    string ReturnPolicy,
    decimal PointValue,
    string PointValueCurrency,
    int RedemptionHoldMinutes,
    long TransferMaxPoints,
    long TransferMaxPointsPerMonth,
    DateTimeOffset UpdatedAt,
    string PointsOnClose);
