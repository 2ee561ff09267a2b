using System.Globalization;
using Loyalty.Domain.Insight.Classes;
using Loyalty.Domain.Insight.Value;

namespace Loyalty.Domain.Insight.Churn;

/// <summary>Why a member is at risk; each reason carries its share of the score.</summary>
public enum ChurnReasonKind
{
    /// <summary>Later than usual against the member's own interval.</summary>
    Overdue,

    /// <summary>No habit to compare with, and a long time since the last (or only) purchase.</summary>
    Lapsed,

    /// <summary>Never bought since joining.</summary>
    NeverBought,

    /// <summary>Fewer visits in the last 90 days than in the 90 before.</summary>
    FewerVisits,

    /// <summary>The last 90 days hold less than a quarter of the year's spend.</summary>
    SpendDown,

    /// <summary>The member's latest survey answer scores them a detractor (NPS 0–6).</summary>
    Detractor,

    /// <summary>The member left and said why (a reason for leaving, given at closing); carries no points: closed members are not scored.</summary>
    LeavingReason,
}

public sealed record ChurnReason(ChurnReasonKind Kind, int Points, string Text);

public sealed record ChurnAssessment(int Score, IReadOnlyList<ChurnReason> Reasons);

/// <summary>
/// The churn-risk score, 0–100, a sum of three signals (each capped), truncated to a whole number:
/// <list type="bullet">
/// <item>lateness, up to <see cref="LatenessCap"/>: with a usual interval, 20 points per interval overdue,
/// <c>20 × (daysSince / interval − 1)</c>; without one (a single purchase in the year), a point per
/// <see cref="LapsedDaysPerPoint"/> days since the last purchase; never bought, <see cref="NeverBoughtPoints"/>;</item>
/// <item>fewer visits, up to <see cref="VisitsCap"/>: the fall from the previous quarter's visits to the last quarter's, as a share of the previous;</item>
/// <item>spend down, up to <see cref="SpendCap"/>: how far the last quarter's share of the year's spend falls below a steady 25 %;</item>
/// <item>stated intent: <see cref="DetractorPoints"/> when the member's latest NPS answer (as of the scoring) is a detractor's (0–6).</item>
/// </list>
/// The scoring SQL computes the same sum; reasons are the signals that scored, in words from the member's facts.
/// </summary>
public static class ChurnRisk
{
    public const double LatenessCap = 60;
    public const double PointsPerIntervalOverdue = 20;
    public const double LapsedDaysPerPoint = 3;
    public const double NeverBoughtPoints = 40;
    public const double VisitsCap = 25;
    public const double SpendCap = 15;
    public const double SteadyShare = 0.25;
    public const double DetractorPoints = 10;

    public static int Score(MemberFacts facts, int? nps = null) => Assess(facts, nps).Score;

    public static ChurnAssessment Assess(MemberFacts facts, int? nps = null)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var reasons = new List<(ChurnReasonKind Kind, double Points, string Text)>();
        if (facts.DaysSinceLastVisit is not { } since)
        {
            reasons.Add((ChurnReasonKind.NeverBought, NeverBoughtPoints, $"no purchase since joining {MemberClassRule.Days(facts.TenureDays)} ago"));
        }
        else if (facts.UsualInterval is { } interval)
        {
            var late = Math.Clamp((since / interval - 1) * PointsPerIntervalOverdue, 0, LatenessCap);
            reasons.Add((ChurnReasonKind.Overdue, late, $"last purchase {MemberClassRule.Days(since)} ago; usually every {MemberClassRule.Days(interval)}"));
        }
        else
        {
            var lapsed = Math.Clamp(since / LapsedDaysPerPoint, 0, LatenessCap);
            reasons.Add((ChurnReasonKind.Lapsed, lapsed, $"{MemberClassRule.Purchases(facts.VisitsYear)} in the last year; the last {MemberClassRule.Days(since)} ago"));
        }

        if (facts.VisitsPreviousQuarter > 0)
        {
            var fall = Math.Max(0, facts.VisitsPreviousQuarter - facts.VisitsQuarter) / (double)facts.VisitsPreviousQuarter * VisitsCap;
            reasons.Add((ChurnReasonKind.FewerVisits, fall, $"{MemberClassRule.Purchases(facts.VisitsQuarter)} in the last 90 days against {facts.VisitsPreviousQuarter.ToString(CultureInfo.InvariantCulture)} in the 90 before"));
        }

        if (facts.RecentSpendShare is { } share)
        {
            var down = Math.Max(0, SteadyShare - share) / SteadyShare * SpendCap;
            reasons.Add((ChurnReasonKind.SpendDown, down, $"the last 90 days are {MemberClassRule.Percent(share)} of the year's spend (steady: 25 %)"));
        }

        if (nps <= MemberClassRule.DetractorMax)
        {
            reasons.Add((ChurnReasonKind.Detractor, DetractorPoints, $"said they are unlikely to recommend us (NPS {nps!.Value.ToString(CultureInfo.InvariantCulture)})"));
        }

        var total = reasons.Sum(r => r.Points);
        var scored = reasons.Where(r => r.Points > 0)
            .OrderByDescending(r => r.Points)
            .Select(r => new ChurnReason(r.Kind, (int)Math.Truncate(r.Points), r.Text))
            .ToList();
        return new ChurnAssessment(Math.Clamp((int)Math.Truncate(total), 0, 100), scored);
    }

    /// <summary>The reason a member gave for leaving, worded for the churn reasons (no points: the member has left).</summary>
    public static ChurnReason Left(Care.Surveys.LeavingReason reason, string? text, DateTimeOffset at)
    {
        var words = reason switch
        {
            Care.Surveys.LeavingReason.TooFewRewards => "too few rewards",
            Care.Surveys.LeavingReason.PointsTooSlow => "points build up too slowly",
            Care.Surveys.LeavingReason.PoorService => "poor service",
            Care.Surveys.LeavingReason.PrefersCompetitor => "prefers a competitor",
            Care.Surveys.LeavingReason.MovedAway => "moved away",
            Care.Surveys.LeavingReason.TooManyMessages => "too many messages",
            Care.Surveys.LeavingReason.Privacy => "privacy",
            Care.Surveys.LeavingReason.NoLongerShops => "no longer shops with us",
            _ => "other",
        };
        var said = string.IsNullOrWhiteSpace(text) ? "" : $" (\"{text.Trim()}\")";
        return new ChurnReason(ChurnReasonKind.LeavingReason, 0, $"left on {at.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}: {words}{said}");
    }
}
