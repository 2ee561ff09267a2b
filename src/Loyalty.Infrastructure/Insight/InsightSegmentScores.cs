using Loyalty.Domain.Customised.Segments;
using Loyalty.Domain.Insight.Classes;
using Loyalty.Infrastructure.Persistence;
using Loyalty.Infrastructure.Segments;

namespace Loyalty.Infrastructure.Insight;

/// <summary>
/// Insight's scores as segment conditions (rule kind score), read from the latest run: a member the latest run did
/// not score (enrolled since) matches none of them.
/// </summary>
public abstract class InsightSegmentScore : ISegmentScoreSql
{
    public abstract string Name { get; }

    public string Predicate(SetSql sql, SetSql.Parameters p, string member, SegmentRule rule)
    {
        ArgumentNullException.ThrowIfNull(p);
        ArgumentNullException.ThrowIfNull(rule);
        return $"""
            EXISTS (SELECT 1 FROM "MemberInsights" si WHERE si."MemberId" = {member}."Id"
                    AND si."RunId" = (SELECT sr."Id" FROM "InsightRuns" sr WHERE sr."Number" = (SELECT MAX(sr2."Number") FROM "InsightRuns" sr2))
                    AND {Condition(p, "si", rule)})
            """;
    }

    protected abstract string Condition(SetSql.Parameters p, string insight, SegmentRule rule);

    /// <summary>Inclusive bounds on a column; a missing bound is open.</summary>
    protected static string Bounds(SetSql.Parameters p, string column, SegmentRule rule, Func<decimal, long> unit)
    {
        ArgumentNullException.ThrowIfNull(p);
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(unit);
        return "(1 = 1"
            + (rule.Min is { } min ? $" AND {column} >= {p.Add(unit(min))}" : "")
            + (rule.Max is { } max ? $" AND {column} <= {p.Add(unit(max))}" : "")
            + ")";
    }
}

/// <summary><c>valueDecile</c>: 1 = the most valuable tenth (e.g. max 2 = the top 20 %).</summary>
public sealed class ValueDecileScore : InsightSegmentScore
{
    public override string Name => "valueDecile";

    protected override string Condition(SetSql.Parameters p, string insight, SegmentRule rule) => Bounds(p, $"{insight}.\"ValueDecile\"", rule, v => (long)v);
}

/// <summary><c>lifetimeValue</c>: the estimate, in the programme's spend currency.</summary>
public sealed class LifetimeValueScore : InsightSegmentScore
{
    public override string Name => "lifetimeValue";

    protected override string Condition(SetSql.Parameters p, string insight, SegmentRule rule) =>
        Bounds(p, $"{insight}.\"LifetimeValue\"", rule, v => (long)decimal.Round(v * 10_000m));
}

/// <summary><c>churnRisk</c>: the churn score, 0–100.</summary>
public sealed class ChurnRiskScore : InsightSegmentScore
{
    public override string Name => "churnRisk";

    protected override string Condition(SetSql.Parameters p, string insight, SegmentRule rule) => Bounds(p, $"{insight}.\"ChurnScore\"", rule, v => (long)v);
}

/// <summary><c>memberClass</c>: values loyal, general and/or drifting (or min/max is refused as meaningless: no member matches).</summary>
public sealed class MemberClassScore : InsightSegmentScore
{
    public override string Name => "memberClass";

    protected override string Condition(SetSql.Parameters p, string insight, SegmentRule rule)
    {
        ArgumentNullException.ThrowIfNull(p);
        var classes = (rule.Values ?? [])
            .Select(v => Enum.TryParse<MemberClass>(v, ignoreCase: true, out var c) && Enum.IsDefined(c) ? c.ToString() : null)
            .OfType<string>().Distinct().ToList();
        return classes.Count == 0 ? "1 = 0" : $"{insight}.\"Class\" IN ({string.Join(", ", classes.Select(c => p.Add(c)))})";
    }
}
