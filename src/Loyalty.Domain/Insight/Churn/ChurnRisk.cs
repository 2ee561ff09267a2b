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
/// <item>spend down, up to <see cref="SpendCap"/>: how far the last quarter's share of the year's spend falls below a steady 25 %.</item>
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

    public static int Score(MemberFacts facts) => Assess(facts).Score;

    public static ChurnAssessment Assess(MemberFacts facts)
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

        var total = reasons.Sum(r => r.Points);
        var scored = reasons.Where(r => r.Points > 0)
            .OrderByDescending(r => r.Points)
            .Select(r => new ChurnReason(r.Kind, (int)Math.Truncate(r.Points), r.Text))
            .ToList();
        return new ChurnAssessment(Math.Clamp((int)Math.Truncate(total), 0, 100), scored);
    }
}
