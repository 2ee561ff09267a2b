namespace Loyalty.Domain.Insight.Value;

/// <summary>
/// What a member's purchases say as of one instant, the input of every insight rule. A visit is a purchase not
/// returned in full; spend is net of returns, in the programme's spend currency, in ten-thousandths. Windows end just
/// before <c>asOf</c>: the year is the last <see cref="InsightWindows.YearDays"/> days, the quarter the last
/// <see cref="InsightWindows.QuarterDays"/> and the previous quarter the 90 days before that.
/// </summary>
/// <param name="TenureDays">Whole days since enrolment.</param>
/// <param name="Visits">Visits ever (before asOf).</param>
/// <param name="VisitsYear">Visits in the year.</param>
/// <param name="VisitsQuarter">Visits in the last quarter.</param>
/// <param name="VisitsPreviousQuarter">Visits in the quarter before it.</param>
/// <param name="NetSpendYear">Net spend in the year.</param>
/// <param name="NetSpendQuarter">Net spend in the last quarter.</param>
/// <param name="DaysSinceLastVisit">Whole days since the last visit; null when the member never bought.</param>
/// <param name="IntervalDays">The mean gap between the year's visits, in days; null with fewer than two.</param>
/// <param name="IntervalVariation">The squared coefficient of variation of those gaps (variance / mean²): 0 for clockwork visits.</param>
public sealed record MemberFacts(
    int TenureDays,
    int Visits,
    int VisitsYear,
    int VisitsQuarter,
    int VisitsPreviousQuarter,
    long NetSpendYear,
    long NetSpendQuarter,
    int? DaysSinceLastVisit,
    double? IntervalDays,
    double? IntervalVariation)
{
    /// <summary>The usual interval used in ratios: never below a day, so same-day visits do not divide by zero.</summary>
    public double? UsualInterval => IntervalDays is { } days ? Math.Max(days, 1.0) : null;

    /// <summary>The share of the year's spend made in the last quarter (about 0.25 when steady); null without spend.</summary>
    public double? RecentSpendShare => NetSpendYear > 0 ? (double)NetSpendQuarter / NetSpendYear : null;

    /// <summary>How regular the visits are: the gaps' coefficient of variation (0 = always the same gap).</summary>
    public double? IntervalSpread => IntervalVariation is { } v ? Math.Sqrt(Math.Max(0, v)) : null;
}

/// <summary>The windows every rule reads; the scoring SQL receives the same numbers.</summary>
public static class InsightWindows
{
    public const int YearDays = 365;
    public const int QuarterDays = 90;

    /// <summary>How long after a backtest date the programme watches who comes back: a member with no visit in it stopped buying.</summary>
    public const int ChurnHorizonDays = 90;
}
