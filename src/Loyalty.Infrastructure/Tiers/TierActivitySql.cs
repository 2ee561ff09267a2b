using Loyalty.Application.Features.Social.Tiers;
using Loyalty.Domain.Social.Tiers;
using Loyalty.Infrastructure.Persistence;

namespace Loyalty.Infrastructure.Tiers;

/// <summary>The qualifying activity of <see cref="TierActivity"/> as SQL fragments, shared by the review, the preview and the member queries.</summary>
internal static class TierActivitySql
{
    /// <summary>The three aggregates over purchases aliased <c>p</c>, counting only rows meeting <paramref name="condition"/>.</summary>
    public static string Columns(SetSql sql, string currencyParameter, string? condition, string suffix = "")
    {
        ArgumentNullException.ThrowIfNull(sql);
        string When(string value) => condition is null ? value : $"CASE WHEN {condition} THEN {value} ELSE 0 END";
        var left = $"{sql.Number("p.\"Amount\"")} - {sql.Number("p.\"ReturnedAmount\"")}";
        return $"""
            CAST(COALESCE(SUM({When("p.\"PointsEarned\" - p.\"PointsReversed\"")}), 0) AS bigint) AS "Points{suffix}",
            CAST(COALESCE(SUM({When($"CASE WHEN p.\"Currency\" = {currencyParameter} THEN {sql.TenThousandths(left)} ELSE 0 END")}), 0) AS bigint) AS "Spend{suffix}",
            CAST(COALESCE(SUM({When($"CASE WHEN {sql.Number("p.\"ReturnedAmount\"")} < {sql.Number("p.\"Amount\"")} THEN 1 ELSE 0 END")}), 0) AS bigint) AS "Visits{suffix}"
            """;
    }

    /// <summary>A threshold test in SQL against the aggregates of <see cref="Columns"/> (aliased <paramref name="alias"/>); false when no threshold is set.</summary>
    public static string Meets(SetSql.Parameters p, TierThresholds thresholds, string alias)
    {
        ArgumentNullException.ThrowIfNull(p);
        ArgumentNullException.ThrowIfNull(thresholds);
        var tests = new List<string>();
        if (thresholds.PointsEarned is { } points)
        {
            tests.Add($"{alias}.\"Points\" >= {p.Add(points)}");
        }

        if (thresholds.Spend is { } spend)
        {
            tests.Add($"{alias}.\"Spend\" >= {p.Add(TierActivity.ToTenThousandths(spend))}");
        }

        if (thresholds.Visits is { } visits)
        {
            tests.Add($"{alias}.\"Visits\" >= {p.Add((long)visits)}");
        }

        return tests.Count == 0 ? "1 = 0" : "(" + string.Join(" OR ", tests) + ")";
    }
}
