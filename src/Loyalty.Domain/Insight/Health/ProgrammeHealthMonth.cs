using System.Globalization;

namespace Loyalty.Domain.Insight.Health;

/// <summary>
/// One calendar month (UTC) of programme health, stored by the insight refresh so a range of months reads a few rows
/// instead of every purchase and ledger entry. Counts only; the rates are derived by <see cref="HealthMeasures"/>.
/// A visit is a purchase not returned in full (as everywhere in insight); a buyer is a member with a visit in the month.
/// </summary>
public sealed class ProgrammeHealthMonth
{
    private ProgrammeHealthMonth()
    {
    }

    /// <summary>'yyyy-MM'.</summary>
    public string Month { get; private set; } = "";

    /// <summary>Members with at least one visit in the month.</summary>
    public long ActiveMembers { get; private set; }

    /// <summary>Members with a visit in the month before (the retention cohort).</summary>
    public long PreviousActiveMembers { get; private set; }

    /// <summary>Members of the cohort with a visit in this month too.</summary>
    public long RetainedMembers { get; private set; }

    /// <summary>Buyers of the month with two visits or more in it.</summary>
    public long RepeatBuyers { get; private set; }

    public long Visits { get; private set; }

    /// <summary>Members enrolled in the month (merged duplicates excluded: they were not new people).</summary>
    public long NewMembers { get; private set; }

    /// <summary>New members who joined through a referral.</summary>
    public long NewReferred { get; private set; }

    /// <summary>Earn + bonus points (pending included), as the liability report counts issued.</summary>
    public long PointsIssued { get; private set; }

    public long PointsRedeemed { get; private set; }

    public long PointsExpired { get; private set; }

    /// <summary>Survey answers given in the month with an NPS score, and how many were promoters (9–10) and detractors (0–6).</summary>
    public long NpsAnswers { get; private set; }

    public long Promoters { get; private set; }

    public long Detractors { get; private set; }

    public DateTimeOffset ComputedAt { get; private set; }

    public static ProgrammeHealthMonth Create(string month, HealthCounts counts, DateTimeOffset computedAt)
    {
        ArgumentNullException.ThrowIfNull(counts);
        return new ProgrammeHealthMonth
        {
            Month = month,
            ActiveMembers = counts.ActiveMembers,
            PreviousActiveMembers = counts.PreviousActiveMembers,
            RetainedMembers = counts.RetainedMembers,
            RepeatBuyers = counts.RepeatBuyers,
            Visits = counts.Visits,
            NewMembers = counts.NewMembers,
            NewReferred = counts.NewReferred,
            PointsIssued = counts.PointsIssued,
            PointsRedeemed = counts.PointsRedeemed,
            PointsExpired = counts.PointsExpired,
            NpsAnswers = counts.NpsAnswers,
            Promoters = counts.Promoters,
            Detractors = counts.Detractors,
            ComputedAt = computedAt,
        };
    }

    public HealthCounts Counts => new(
        ActiveMembers, PreviousActiveMembers, RetainedMembers, RepeatBuyers, Visits, NewMembers, NewReferred, PointsIssued, PointsRedeemed, PointsExpired,
        NpsAnswers, Promoters, Detractors);
}

/// <summary>What a month of health is computed from (see <see cref="ProgrammeHealthMonth"/> for each count).</summary>
public sealed record HealthCounts(
    long ActiveMembers,
    long PreviousActiveMembers,
    long RetainedMembers,
    long RepeatBuyers,
    long Visits,
    long NewMembers,
    long NewReferred,
    long PointsIssued,
    long PointsRedeemed,
    long PointsExpired,
    long NpsAnswers,
    long Promoters,
    long Detractors)
{
    public static readonly HealthCounts None = new(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
}

/// <summary>How members joined in a month: per enrolment channel, or per campaign whose enrolment bonus they received.</summary>
public enum AcquisitionSource
{
    Channel,
    Campaign,
}

/// <summary>New members of a month from one source: a channel (key = its name) or a campaign (key = its id).</summary>
public sealed class ProgrammeHealthAcquisition
{
    private ProgrammeHealthAcquisition()
    {
    }

    public string Month { get; private set; } = "";

    public AcquisitionSource Source { get; private set; }

    public string Key { get; private set; } = "";

    public long Members { get; private set; }

    public static ProgrammeHealthAcquisition Create(string month, AcquisitionSource source, string key, long members) =>
        new() { Month = month, Source = source, Key = key, Members = members };
}

/// <summary>
/// The measures of programme health, from a month's <see cref="HealthCounts"/>. Each is null when its denominator is zero:
/// <list type="bullet">
/// <item>retention = members with a visit in the month before who also visited in this month ÷ members with a visit in the month before;</item>
/// <item>churn = 1 − retention;</item>
/// <item>repeat rate = buyers with ≥ 2 visits in the month ÷ buyers of the month;</item>
/// <item>redemption rate = points redeemed ÷ points issued in the month;</item>
/// <item>NPS = (promoters − detractors) ÷ NPS answers × 100, answers given in the month (promoter 9–10, detractor 0–6).</item>
/// </list>
/// Rates are rounded to four decimals, NPS to one.
/// </summary>
public static class HealthMeasures
{
    public const int PromoterMin = 9;
    public const int DetractorMax = 6;

    /// <summary>The longest range one request may ask for, and how far back the first refresh fills.</summary>
    public const int MaxMonths = 36;

    /// <summary>Months before the latest stored one that every refresh computes again: late purchases, returns and expiries still change them.</summary>
    public const int RecomputedMonths = 2;

    /// <summary>
    /// The months a refresh computes (indexes, both inclusive): the last <see cref="MaxMonths"/> up to the current
    /// month when none is stored yet; otherwise from <see cref="RecomputedMonths"/> before the latest stored month.
    /// </summary>
    public static (int From, int To) MonthsToRefresh(int? latestStored, int current) =>
        latestStored is { } latest
            ? (Math.Max(Math.Min(latest, current) - RecomputedMonths, current - MaxMonths + 1), current)
            : (current - MaxMonths + 1, current);

    public static double? Retention(HealthCounts c) => Ratio(c?.RetainedMembers ?? 0, c?.PreviousActiveMembers ?? 0);

    public static double? Churn(HealthCounts c) => Retention(c) is { } r ? Math.Round(1 - r, 4, MidpointRounding.AwayFromZero) : null;

    public static double? RepeatRate(HealthCounts c) => Ratio(c?.RepeatBuyers ?? 0, c?.ActiveMembers ?? 0);

    public static double? RedemptionRate(HealthCounts c) => Ratio(c?.PointsRedeemed ?? 0, c?.PointsIssued ?? 0);

    public static double? Nps(HealthCounts c)
    {
        ArgumentNullException.ThrowIfNull(c);
        return c.NpsAnswers == 0 ? null : Math.Round((c.Promoters - c.Detractors) * 100.0 / c.NpsAnswers, 1, MidpointRounding.AwayFromZero);
    }

    /// <summary>Months are counted as year × 12 + month − 1, so consecutive months differ by one.</summary>
    public static int Index(int year, int month) => (year * 12) + month - 1;

    public static string Key(int index) =>
        string.Create(CultureInfo.InvariantCulture, $"{index / 12:0000}-{(index % 12) + 1:00}");

    public static int IndexOf(DateTimeOffset instant)
    {
        var utc = instant.UtcDateTime;
        return Index(utc.Year, utc.Month);
    }

    public static DateTimeOffset Start(int index) => new(index / 12, (index % 12) + 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Parses 'yyyy-MM' (years 2000–9998), or null.</summary>
    public static int? Parse(string? month) =>
        month is { Length: 7 } && month[4] == '-'
        && int.TryParse(month.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var y)
        && int.TryParse(month.AsSpan(5, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var m)
        && y is >= 2000 and <= 9998 && m is >= 1 and <= 12
            ? Index(y, m)
            : null;

    private static double? Ratio(long part, long whole) =>
        whole <= 0 ? null : Math.Round((double)part / whole, 4, MidpointRounding.AwayFromZero);
}

/// <summary>
/// What a campaign's members were worth in one insight run, stored with the run so that the dashboard reads a row per
/// campaign instead of grouping every campaign earn line again. <c>Acquired</c>: members who joined with the campaign's
/// enrolment bonus; <c>Reached</c>: members who earned under it on a purchase. Each with how many were scored in the
/// run, their total lifetime value (ten-thousandths) and how many sit in the top two value deciles.
/// </summary>
public sealed class CampaignRunValue
{
    private CampaignRunValue()
    {
    }

    public Guid RunId { get; private set; }

    public Guid CampaignId { get; private set; }

    public long Acquired { get; private set; }

    public long AcquiredScored { get; private set; }

    public long AcquiredValue { get; private set; }

    public long AcquiredTop { get; private set; }

    public long Reached { get; private set; }

    public long ReachedScored { get; private set; }

    public long ReachedValue { get; private set; }

    public long ReachedTop { get; private set; }

    public static CampaignRunValue Create(
        Guid runId, Guid campaignId, long acquired, long acquiredScored, long acquiredValue, long acquiredTop, long reached, long reachedScored, long reachedValue, long reachedTop) =>
        new()
        {
            RunId = runId,
            CampaignId = campaignId,
            Acquired = acquired,
            AcquiredScored = acquiredScored,
            AcquiredValue = acquiredValue,
            AcquiredTop = acquiredTop,
            Reached = reached,
            ReachedScored = reachedScored,
            ReachedValue = reachedValue,
            ReachedTop = reachedTop,
        };
}
