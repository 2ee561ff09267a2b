using System.Globalization;

namespace Loyalty.Domain.Social.Tiers;

/// <summary>A member's hold on a tier: which tier, since when, when it is reviewed and any grace period.</summary>
public readonly record struct TierStanding(Guid TierId, DateTimeOffset Since, DateTimeOffset? ReviewAt, DateTimeOffset? GraceUntil)
{
    /// <summary>The review has come (and any grace period has run out): the job decides now.</summary>
    public bool IsDue(DateTimeOffset now) => GraceUntil is { } grace ? grace <= now : ReviewAt <= now;
}

/// <summary>What the review of one member decides.</summary>
public enum TierReviewOutcome
{
    NotDue,
    Kept,
    GraceStarted,
    Downgraded,
}

/// <summary>The decision of a review: the outcome and the member's standing after it.</summary>
public sealed record TierReviewDecision(TierReviewOutcome Outcome, TierStanding Standing);

/// <summary>
/// The rules of tier qualification, all in UTC. Windows are half-open, [start, end): a purchase exactly at the start
/// counts, one exactly at the end belongs to the next window.
/// <list type="bullet">
/// <item>Qualification window at t (moving up): RollingMonths N = [t − N months, t]; CalendarYear = [1 Jan of t's
/// year, t]; SinceLastChange = [the later of the last tier change and the last review, t].</item>
/// <item>Review of a tier reached at a: RollingMonths and SinceLastChange at a + N months; CalendarYear at 1 January
/// two years on — a tier reached in any month of a year is held through the whole of the next calendar year, which
/// is then the year it must be kept by.</item>
/// <item>Retention window of a review at r: [max(since, r − N months), r) (12 for CalendarYear, i.e. the year before
/// r). It never reaches before the member reached the tier: a first review is one window after reaching it, but
/// month arithmetic clamps to the end of a shorter month, so r − N months can fall before a tier reached on 29
/// February or 31 January, and purchases made before the tier was reached must not keep it. Purchases in the grace
/// period count as well.</item>
/// </list>
/// </summary>
public static class TierQualification
{
    /// <summary>Start of the window that counts towards reaching a higher tier at <paramref name="at"/>.</summary>
    public static DateTimeOffset QualificationWindowStart(TierProgrammeSettings settings, TierStanding standing, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(settings);
        at = at.ToUniversalTime();
        return settings.WindowKind switch
        {
            QualificationWindowKind.CalendarYear => new DateTimeOffset(at.Year, 1, 1, 0, 0, 0, TimeSpan.Zero),
            QualificationWindowKind.SinceLastChange => standing.ReviewAt is { } review && review.AddMonths(-settings.WindowMonths) > standing.Since
                ? review.AddMonths(-settings.WindowMonths)
                : standing.Since,
            _ => at.AddMonths(-settings.WindowMonths),
        };
    }

    /// <summary>When a (non-entry) tier reached at <paramref name="reachedAt"/> is first reviewed.</summary>
    public static DateTimeOffset FirstReview(TierProgrammeSettings settings, DateTimeOffset reachedAt)
    {
        ArgumentNullException.ThrowIfNull(settings);
        reachedAt = reachedAt.ToUniversalTime();
        return settings.WindowKind == QualificationWindowKind.CalendarYear
            ? new DateTimeOffset(reachedAt.Year + 2, 1, 1, 0, 0, 0, TimeSpan.Zero)
            : reachedAt.AddMonths(settings.WindowMonths);
    }

    /// <summary>The next review after a tier was kept at the review of <paramref name="reviewAt"/>.</summary>
    public static DateTimeOffset NextReview(TierProgrammeSettings settings, DateTimeOffset reviewAt)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return reviewAt.ToUniversalTime().AddMonths(WindowMonthsOf(settings));
    }

    /// <summary>Start of the window whose activity decides the review at <paramref name="reviewAt"/>.</summary>
    public static DateTimeOffset RetentionWindowStart(TierProgrammeSettings settings, TierStanding standing, DateTimeOffset reviewAt)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var start = reviewAt.ToUniversalTime().AddMonths(-WindowMonthsOf(settings));
        var since = standing.Since.ToUniversalTime();
        return since > start ? since : start;
    }

    /// <summary>Months a window spans: 12 for a calendar year.</summary>
    public static int WindowMonthsOf(TierProgrammeSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings.WindowKind == QualificationWindowKind.CalendarYear ? 12 : settings.WindowMonths;
    }

    /// <summary>The highest tier above <paramref name="current"/> whose qualification thresholds the activity meets, or null.</summary>
    public static Tier? Upgrade(IReadOnlyList<Tier> tiers, Tier current, QualifyingActivity activity)
    {
        ArgumentNullException.ThrowIfNull(tiers);
        ArgumentNullException.ThrowIfNull(current);
        return tiers.Where(t => t.Rank > current.Rank && t.Qualify.IsMetBy(activity)).MaxBy(t => t.Rank);
    }

    /// <summary>Where a member who did not keep <paramref name="current"/> lands.</summary>
    public static Tier DowngradeTarget(TierProgrammeSettings settings, IReadOnlyList<Tier> tiers, Tier current, QualifyingActivity activity)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(tiers);
        ArgumentNullException.ThrowIfNull(current);
        var below = tiers.Where(t => t.Rank < current.Rank).OrderByDescending(t => t.Rank).ToList();
        if (below.Count == 0)
        {
            return current;
        }

        return settings.DowngradeMode == DowngradeMode.OneTier
            ? below[0]
            : below.FirstOrDefault(t => t.IsEntry || t.Qualify.IsMetBy(activity)) ?? below[^1];
    }

    /// <summary>
    /// The review of one member at <paramref name="now"/>, given their activity in the retention window up to now:
    /// kept (next review one window on), grace started (review + grace days), or moved down (when grace is over or
    /// there is none).
    /// </summary>
    public static TierReviewDecision Review(
        TierProgrammeSettings settings, IReadOnlyList<Tier> tiers, Tier current, TierStanding standing, QualifyingActivity activity, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(current);
        if (standing.ReviewAt is not { } reviewAt || !standing.IsDue(now))
        {
            return new TierReviewDecision(TierReviewOutcome.NotDue, standing);
        }

        if (current.Retain.IsMetBy(activity))
        {
            return new TierReviewDecision(TierReviewOutcome.Kept, standing with { ReviewAt = NextReview(settings, reviewAt), GraceUntil = null });
        }

        if (settings.GraceDays > 0 && standing.GraceUntil is null)
        {
            return new TierReviewDecision(TierReviewOutcome.GraceStarted, standing with { GraceUntil = reviewAt.AddDays(settings.GraceDays) });
        }

        var target = DowngradeTarget(settings, tiers, current, activity);
        return new TierReviewDecision(
            TierReviewOutcome.Downgraded,
            new TierStanding(target.Id, now, target.IsEntry ? null : FirstReview(settings, now), null));
    }

    /// <summary>What is left to do by each set threshold (0 = met), or null when the thresholds are empty.</summary>
    public static TierThresholds Remaining(TierThresholds thresholds, QualifyingActivity activity)
    {
        ArgumentNullException.ThrowIfNull(thresholds);
        return new TierThresholds(
            thresholds.PointsEarned is { } p ? Math.Max(0, p - activity.PointsEarned) : null,
            thresholds.Spend is { } s ? Math.Max(0m, s - activity.Spend) : null,
            thresholds.Visits is { } v ? Math.Max(0, v - activity.Visits) : null);
    }

    /// <summary>
    /// The progress sentence: "Spend 120.00 EUR more or earn 800 more points by 2027-03-31 to reach Gold; keep Silver
    /// by earning 200 more points by 2027-03-31." Money with two decimals, invariant culture, dates as yyyy-MM-dd (UTC).
    /// </summary>
    public static string Describe(
        string currentTier, string? nextTier, TierThresholds? toNext, DateTimeOffset? nextBy, TierThresholds? toKeep, DateTimeOffset? keepBy, string currency)
    {
        ArgumentNullException.ThrowIfNull(currentTier);
        var parts = new List<string>();
        if (nextTier is not null && toNext is not null)
        {
            parts.Add(IsMet(toNext)
                ? $"You qualify for {nextTier}"
                : $"{Capitalise(Ways(toNext, currency, imperative: true))}{By(nextBy)} to reach {nextTier}");
        }
        else
        {
            parts.Add($"{currentTier} is the top tier");
        }

        if (toKeep is not null)
        {
            parts.Add(IsMet(toKeep)
                ? $"{currentTier} is kept{(keepBy is null ? "" : $" at the review on {Date(keepBy.Value)}")}"
                : $"keep {currentTier} by {Ways(toKeep, currency, imperative: false)}{By(keepBy)}");
        }

        return string.Join("; ", parts) + ".";
    }

    private static bool IsMet(TierThresholds remaining) =>
        remaining.PointsEarned == 0 || remaining.Spend == 0 || remaining.Visits == 0;

    private static string Ways(TierThresholds remaining, string currency, bool imperative)
    {
        var ways = new List<string>();
        if (remaining.Spend is { } s)
        {
            ways.Add($"{(imperative ? "spend" : "spending")} {s.ToString("0.00", CultureInfo.InvariantCulture)} {currency} more");
        }

        if (remaining.PointsEarned is { } p)
        {
            ways.Add($"{(imperative ? "earn" : "earning")} {p.ToString(CultureInfo.InvariantCulture)} more {(p == 1 ? "point" : "points")}");
        }

        if (remaining.Visits is { } v)
        {
            ways.Add($"{(imperative ? "make" : "making")} {v.ToString(CultureInfo.InvariantCulture)} more {(v == 1 ? "visit" : "visits")}");
        }

        return string.Join(" or ", ways);
    }

    // A deadline is exclusive (a review at 1 January 00:00 counts the year before): show the last day that counts.
    private static string By(DateTimeOffset? deadline) => deadline is null ? "" : $" by {Date(deadline.Value.AddTicks(-1))}";

    private static string Date(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Capitalise(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
