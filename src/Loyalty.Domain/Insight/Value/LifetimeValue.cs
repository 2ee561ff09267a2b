namespace Loyalty.Domain.Insight.Value;

/// <summary>
/// The lifetime-value model: a retention-based margin multiple. A member's annual value (net spend over the last
/// year, annualised when they have been a member for less than a year) is expected to recur every year the member
/// stays, each year with the programme's observed annual retention <c>r</c>, discounted at <see cref="DiscountRate"/>:
/// <c>LTV = annual × Σₖ≥₁ (r / (1 + d))ᵏ = annual × r / (1 + d − r)</c>.
/// Assumptions: every member shares the programme's retention (the member's own risk is the churn score's job);
/// spend stands in for margin; the next years look like the last one.
/// </summary>
public static class LifetimeValue
{
    /// <summary>Yearly discount rate.</summary>
    public const double DiscountRate = 0.10;

    /// <summary>Retention assumed while fewer than <see cref="MinCohort"/> members can show the real one.</summary>
    public const double DefaultRetention = 0.5;

    /// <summary>Members who bought in the year before last needed to measure retention.</summary>
    public const int MinCohort = 20;

    /// <summary>Retention is capped so the multiple stays finite (at most 8.5 years' value).</summary>
    public const double MaxRetention = 0.95;

    /// <summary>The shortest observation an annualisation trusts: a member of ten days is annualised as if of thirty.</summary>
    public const int MinObservedDays = 30;

    /// <summary>
    /// Annual retention observed: of the <paramref name="cohort"/> members who bought in the year before last, the share
    /// (<paramref name="retained"/>) who bought again in the last year; the default while the cohort is too small.
    /// </summary>
    public static double Retention(long cohort, long retained) =>
        cohort < MinCohort ? DefaultRetention : Math.Clamp((double)retained / cohort, 0, MaxRetention);

    /// <summary>Expected discounted years of value still to come: r / (1 + d − r).</summary>
    public static double Multiple(double retention)
    {
        var r = Math.Clamp(retention, 0, MaxRetention);
        return r / (1 + DiscountRate - r);
    }

    /// <summary>Days of the year the member could have bought in: their tenure, at least 30, at most a year.</summary>
    public static int ObservedDays(int tenureDays) => Math.Clamp(tenureDays, MinObservedDays, InsightWindows.YearDays);

    /// <summary>The estimate in ten-thousandths of the spend currency (truncated, as the SQL does).</summary>
    public static long Estimate(long netSpendYear, int tenureDays, double multiple) =>
        netSpendYear <= 0 ? 0 : (long)Math.Truncate(netSpendYear * (double)InsightWindows.YearDays / ObservedDays(tenureDays) * multiple);
}
