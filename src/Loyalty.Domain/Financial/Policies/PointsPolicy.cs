using Loyalty.Domain.Common;

namespace Loyalty.Domain.Financial.Policies;

/// <summary>What happens when a return takes back points the member has already spent.</summary>
public enum ReturnPolicy
{
    /// <summary>Only points still pending are taken back; spent or available ones are written off.</summary>
    ReversePendingOnly,

    /// <summary>Pending points, then available ones down to zero; the rest is written off.</summary>
    ReverseWithinAvailable,

    /// <summary>Everything is taken back; the balance may go negative and future earnings pay it back first.</summary>
    AllowNegativeBalance,
}

/// <summary>What closing a membership does to the points left on it.</summary>
public enum PointsOnClose
{
    /// <summary>The available and pending points are forfeited (one Forfeit entry each) as the membership closes.</summary>
    Forfeit,

    /// <summary>The points stay on the closed account (they still expire) and can reach a new membership through a merge.</summary>
    Keep,
}

/// <summary>
/// The programme's points rules that are not earning rules: when points become available, when they expire,
/// how returns are handled, what a point is worth, how long a till authorisation holds, and transfer limits.
/// One row, changed by marketing staff; every change is audited.
/// </summary>
public sealed class PointsPolicy
{
    public const int SingletonId = 1;

    private PointsPolicy()
    {
    }

    public int Id { get; private set; } = SingletonId;

    public ExpiryKind ExpiryKind { get; private set; }

    public int ExpiryLength { get; private set; }

    public PeriodUnit ExpiryUnit { get; private set; }

    public ExpiryRounding ExpiryRounding { get; private set; }

    public int ExpiryFixedMonth { get; private set; } = 12;

    public int ExpiryFixedDay { get; private set; } = 31;

    /// <summary>Members are told about points expiring within this many days.</summary>
    public int ExpiryNoticeDays { get; private set; } = 30;

    /// <summary>Days earned points stay pending (e.g. the return window); 0 = available at once.</summary>
    public int PendingDays { get; private set; }

    public ReturnPolicy ReturnPolicy { get; private set; } = ReturnPolicy.ReverseWithinAvailable;

    /// <summary>What one point is worth to the business (for liability and settlement).</summary>
    public decimal PointValue { get; private set; } = 0.01m;

    public string PointValueCurrency { get; private set; } = "EUR";

    /// <summary>How long an authorised till payment holds the points before it lapses and releases them.</summary>
    public int RedemptionHoldMinutes { get; private set; } = 30;

    public long TransferMaxPoints { get; private set; } = 10_000;

    public long TransferMaxPointsPerMonth { get; private set; } = 20_000;

    /// <summary>The default for closing a membership; staff may choose otherwise per member.</summary>
    public PointsOnClose PointsOnClose { get; private set; } = PointsOnClose.Forfeit;

    public DateTimeOffset UpdatedAt { get; private set; }

    public ExpiryPolicy Expiry => new(ExpiryKind, ExpiryLength, ExpiryUnit, ExpiryRounding, ExpiryFixedMonth, ExpiryFixedDay);

    public Money ValueOf(long points) => new(points * PointValue, PointValueCurrency);

    public static PointsPolicy Default(DateTimeOffset now) => new() { UpdatedAt = now };

    public void Change(PointsPolicyValues values, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(values);
        var expiry = values.Expiry.Validated();
        if (values.ExpiryNoticeDays is < 0 or > 365)
        {
            throw new DomainException("invalid_points_policy", "Expiry notices go out 0 to 365 days ahead.");
        }

        if (values.PendingDays is < 0 or > 365)
        {
            throw new DomainException("invalid_points_policy", "Points stay pending 0 to 365 days.");
        }

        if (values.PointValue <= 0)
        {
            throw new DomainException("invalid_points_policy", "A point is worth more than nothing.");
        }

        _ = new Money(values.PointValue, values.PointValueCurrency); // validates the currency code
        if (values.RedemptionHoldMinutes is < 1 or > 7 * 24 * 60)
        {
            throw new DomainException("invalid_points_policy", "A till authorisation holds points between 1 minute and 7 days.");
        }

        if (values.TransferMaxPoints < 0 || values.TransferMaxPointsPerMonth < values.TransferMaxPoints)
        {
            throw new DomainException("invalid_points_policy", "The monthly transfer limit must be at least the limit per transfer (0 disables transfers).");
        }

        ExpiryKind = expiry.Kind;
        ExpiryLength = expiry.Length;
        ExpiryUnit = expiry.Unit;
        ExpiryRounding = expiry.Rounding;
        ExpiryFixedMonth = expiry.FixedMonth;
        ExpiryFixedDay = expiry.FixedDay;
        ExpiryNoticeDays = values.ExpiryNoticeDays;
        PendingDays = values.PendingDays;
        ReturnPolicy = values.ReturnPolicy;
        PointValue = values.PointValue;
        PointValueCurrency = values.PointValueCurrency;
        RedemptionHoldMinutes = values.RedemptionHoldMinutes;
        TransferMaxPoints = values.TransferMaxPoints;
        TransferMaxPointsPerMonth = values.TransferMaxPointsPerMonth;
        PointsOnClose = values.PointsOnClose ?? PointsOnClose;
        UpdatedAt = now;
    }
}

public sealed record PointsPolicyValues(
    ExpiryPolicy Expiry,
    int ExpiryNoticeDays,
    int PendingDays,
    ReturnPolicy ReturnPolicy,
    decimal PointValue,
    string PointValueCurrency,
    int RedemptionHoldMinutes,
    long TransferMaxPoints,
    long TransferMaxPointsPerMonth,
    PointsOnClose? PointsOnClose = null);
