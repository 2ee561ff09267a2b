using Loyalty.Domain.Common;

namespace Loyalty.Domain.Social.Referrals;

/// <summary>
/// The referral programme's settings: one row, changed by marketing staff, audited. Off until someone turns it on:
/// a programme that gives points away is a deliberate decision.
/// </summary>
public sealed class ReferralProgramme
{
    public const int SingletonId = 1;
    public const int MaxWindowDays = 365;

    private ReferralProgramme()
    {
    }

    public int Id { get; private set; } = SingletonId;

    public bool Enabled { get; private set; }

    public long ReferrerPoints { get; private set; } = 500;

    public long RefereePoints { get; private set; } = 500;

    /// <summary>A purchase qualifies from this amount, in <see cref="Currency"/> (other currencies never qualify).</summary>
    public decimal MinimumPurchaseAmount { get; private set; } = 10m;

    public string Currency { get; private set; } = "EUR";

    /// <summary>Rewarded referrals per referrer per calendar month (UTC).</summary>
    public int MaxRewardsPerMonth { get; private set; } = 5;

    /// <summary>Rewarded referrals per referrer per calendar year (UTC).</summary>
    public int MaxRewardsPerYear { get; private set; } = 20;

    /// <summary>Days after enrolment in which the referee's first qualifying purchase counts.</summary>
    public int WindowDays { get; private set; } = 30;

    public DateTimeOffset UpdatedAt { get; private set; }

    public static ReferralProgramme Default(DateTimeOffset now) => new() { UpdatedAt = now };

    public void Change(ReferralProgrammeValues values, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.ReferrerPoints is < 0 or > 1_000_000 || values.RefereePoints is < 0 or > 1_000_000)
        {
            throw new DomainException("invalid_referral_programme", "Referral points are 0 to 1,000,000 per member.");
        }

        if (values.MinimumPurchaseAmount < 0 || !Money.IsCurrencyCode(values.Currency))
        {
            throw new DomainException("invalid_referral_programme", "The qualifying purchase is a non-negative amount in an ISO 4217 currency.");
        }

        if (values.MaxRewardsPerMonth < 1 || values.MaxRewardsPerYear < values.MaxRewardsPerMonth)
        {
            throw new DomainException("invalid_referral_programme", "At least one reward a month, and no fewer a year than a month.");
        }

        if (values.WindowDays is < 1 or > MaxWindowDays)
        {
            throw new DomainException("invalid_referral_programme", $"The window is 1 to {MaxWindowDays} days.");
        }

        Enabled = values.Enabled;
        ReferrerPoints = values.ReferrerPoints;
        RefereePoints = values.RefereePoints;
        MinimumPurchaseAmount = values.MinimumPurchaseAmount;
        Currency = values.Currency;
        MaxRewardsPerMonth = values.MaxRewardsPerMonth;
        MaxRewardsPerYear = values.MaxRewardsPerYear;
        WindowDays = values.WindowDays;
        UpdatedAt = now;
    }

    /// <summary>The end of a referee's window; it follows the current setting, so changing it moves pending deadlines too.</summary>
    public DateTimeOffset WindowEnds(DateTimeOffset refereeEnrolledAt) => refereeEnrolledAt.AddDays(WindowDays);

    /// <summary>Whether a purchase can decide a pending referral: programme on, enough in the right currency, inside the window.</summary>
    public bool Qualifies(decimal amount, string currency, DateTimeOffset refereeEnrolledAt, DateTimeOffset at) =>
        Enabled
        && string.Equals(currency, Currency, StringComparison.OrdinalIgnoreCase)
        && amount >= MinimumPurchaseAmount
        && at <= WindowEnds(refereeEnrolledAt);

    /// <summary>
    /// What a qualifying purchase gives. An inactive referrer forfeits their share and the referee still gets theirs
    /// (they did nothing wrong); a referrer at a cap gets nothing and neither does the referee, because caps exist
    /// against farming, where one person controls both sides.
    /// </summary>
    public ReferralDecision Decide(bool referrerActive, int rewardedThisMonth, int rewardedThisYear)
    {
        if (!referrerActive)
        {
            return new ReferralDecision(ReferralStatus.Rewarded, 0, RefereePoints, ReferralReasons.ReferrerInactive);
        }

        if (rewardedThisMonth >= MaxRewardsPerMonth || rewardedThisYear >= MaxRewardsPerYear)
        {
            return new ReferralDecision(ReferralStatus.Rejected, 0, 0, ReferralReasons.CapReached);
        }

        return new ReferralDecision(ReferralStatus.Rewarded, ReferrerPoints, RefereePoints, null);
    }

    /// <summary>How many more referrals may reward the referrer this month and this year, given those already rewarded.</summary>
    public (int Month, int Year) Remaining(int rewardedThisMonth, int rewardedThisYear)
    {
        var year = Math.Max(0, MaxRewardsPerYear - rewardedThisYear);
        return (Math.Min(year, Math.Max(0, MaxRewardsPerMonth - rewardedThisMonth)), year);
    }

    public static DateTimeOffset MonthStart(DateTimeOffset at) => new(at.UtcDateTime.Year, at.UtcDateTime.Month, 1, 0, 0, 0, TimeSpan.Zero);

    public static DateTimeOffset YearStart(DateTimeOffset at) => new(at.UtcDateTime.Year, 1, 1, 0, 0, 0, TimeSpan.Zero);
}

public sealed record ReferralProgrammeValues(
    bool Enabled,
    long ReferrerPoints,
    long RefereePoints,
    decimal MinimumPurchaseAmount,
    string Currency,
    int MaxRewardsPerMonth,
    int MaxRewardsPerYear,
    int WindowDays);

public sealed record ReferralDecision(ReferralStatus Status, long ReferrerPoints, long RefereePoints, string? Reason);
