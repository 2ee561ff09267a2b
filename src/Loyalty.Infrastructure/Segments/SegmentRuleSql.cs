using Loyalty.Application.Features.Customised.Segments;
using Loyalty.Domain.Customised.Segments;
using Loyalty.Domain.Social.Members;
using Loyalty.Infrastructure.Persistence;
using Microsoft.Extensions.DependencyInjection;

namespace Loyalty.Infrastructure.Segments;

/// <summary>
/// The extension point for scores kept by other work (value, class, churn risk): a score turns a rule of kind score
/// into a condition on the member aliased <c>member</c>, using only parameters from <c>p</c>. Register with
/// <see cref="SegmentScoreRegistration.AddSegmentScore{TScore}"/>; rules may then name it.
/// </summary>
public interface ISegmentScoreSql : ISegmentScore
{
    string Predicate(SetSql sql, SetSql.Parameters p, string member, SegmentRule rule);
}

public static class SegmentScoreRegistration
{
    public static IServiceCollection AddSegmentScore<TScore>(this IServiceCollection services)
        where TScore : class, ISegmentScoreSql
    {
        services.AddSingleton<TScore>();
        services.AddSingleton<ISegmentScoreSql>(sp => sp.GetRequiredService<TScore>());
        services.AddSingleton<ISegmentScore>(sp => sp.GetRequiredService<TScore>());
        return services;
    }
}

/// <summary>
/// Compiles a segment definition to one SQL query of member ids: every condition is a predicate on the member row
/// (<c>m</c>), mostly an EXISTS or an aggregate over that member's purchases in a window that the
/// (MemberId, PurchasedAt) index answers. Instants are computed here and passed as parameters, so the SQL is the
/// same on every provider apart from <see cref="SetSql"/>'s few expressions.
/// </summary>
internal sealed class SegmentRuleSql(SetSql sql, SetSql.Parameters p, DateTimeOffset now, IReadOnlyDictionary<string, ISegmentScoreSql> scores)
{
    private string? _now;

    private string Now => _now ??= p.Add(now);

    /// <summary><c>SELECT m."Id" AS "Value"</c> of the active members the rule selects.</summary>
    public string MemberIds(SegmentRule rule) =>
        $"""SELECT m."Id" AS "Value" FROM "Members" m WHERE m."Status" = {p.Add(nameof(MemberStatus.Active))} AND m."ErasedAt" IS NULL AND {Predicate(rule)}""";

    private string Predicate(SegmentRule rule) => rule.Kind switch
    {
        SegmentRuleKind.All => Combine(rule.Rules!, " AND ", "1 = 1"),
        SegmentRuleKind.Any => Combine(rule.Rules!, " OR ", "1 = 0"),
        SegmentRuleKind.None => $"NOT {Combine(rule.Rules!, " OR ", "1 = 0")}",
        SegmentRuleKind.Tier => $"""m."TierId" IN ({List(rule.TierIds!)})""",
        SegmentRuleKind.PointsBalance =>
            $"""EXISTS (SELECT 1 FROM "PointsAccounts" a WHERE a."MemberId" = m."Id"{Bounds("a.\"Available\"", rule, v => (long)v)})""",
        SegmentRuleKind.Spend => Aggregate(
            $"""COALESCE(SUM({sql.TenThousandths($"{sql.Number("p.\"Amount\"")} - {sql.Number("p.\"ReturnedAmount\"")}")}), 0)""",
            $""" AND p."Currency" = {p.Add(rule.Currency!)}""",
            rule,
            v => (long)decimal.Round(v * 10_000m)),
        // A purchase returned in full is not a visit (as in tier qualification).
        SegmentRuleKind.Visits => Aggregate(
            "COUNT(*)",
            $""" AND {sql.Number("p.\"ReturnedAmount\"")} < {sql.Number("p.\"Amount\"")}""",
            rule,
            v => (long)v),
        SegmentRuleKind.DaysSinceLastPurchase => DaysSinceLastPurchase(rule),
        SegmentRuleKind.TenureDays => Tenure(rule),
        SegmentRuleKind.Store => $"""EXISTS (SELECT 1 FROM "Purchases" p WHERE p."MemberId" = m."Id" AND p."StoreId" IN ({List(rule.StoreIds!)}){Window(rule)})""",
        SegmentRuleKind.Partner => $"""EXISTS (SELECT 1 FROM "Purchases" p WHERE p."MemberId" = m."Id" AND p."PartnerId" IN ({List(rule.PartnerIds!)}){Window(rule)})""",
        SegmentRuleKind.City => City(rule),
        SegmentRuleKind.Interest =>
            $"""EXISTS (SELECT 1 FROM "MemberInterests" mi JOIN "InterestTopics" t ON t."Id" = mi."TopicId" WHERE mi."MemberId" = m."Id" AND t."Code" IN ({List(rule.Topics!)}))""",
        SegmentRuleKind.Consent =>
            $"""EXISTS (SELECT 1 FROM "MemberConsents" c WHERE c."MemberId" = m."Id" AND c."Purpose" = {p.Add(rule.Purpose!.Value.ToString())} AND c."Channel" = {p.Add((rule.Channel ?? Domain.Customised.Profiles.ContactChannel.None).ToString())} AND c."Granted" = {p.Add(true)})""",
        SegmentRuleKind.Household => Household(rule),
        SegmentRuleKind.Score => scores.TryGetValue(rule.Score!, out var score)
            ? $"({score.Predicate(sql, p, "m", rule)})"
            : throw new InvalidOperationException($"No source for score '{rule.Score}'; validation should have refused the rule."),
        _ => throw new InvalidOperationException($"Rule kind {rule.Kind} has no SQL."),
    };

    private string Combine(IReadOnlyList<SegmentRule> rules, string separator, string empty) =>
        rules.Count == 0 ? $"({empty})" : "(" + string.Join(separator, rules.Select(Predicate)) + ")";

    private string List<T>(IEnumerable<T> values)
        where T : notnull => string.Join(", ", values.Distinct().Select(v => p.Add(v)));

    /// <summary>Inclusive bounds on an expression, each converted to the stored unit.</summary>
    private string Bounds(string expression, SegmentRule rule, Func<decimal, long> unit) =>
        (rule.Min is { } min ? $" AND {expression} >= {p.Add(unit(min))}" : "")
        + (rule.Max is { } max ? $" AND {expression} <= {p.Add(unit(max))}" : "");

    /// <summary>Purchases in the rule's window (the last windowDays days up to now); all of them without a window.</summary>
    private string Window(SegmentRule rule, string purchase = "p") => rule.WindowDays is { } days
        ? $""" AND {purchase}."PurchasedAt" > {p.Add(now.AddDays(-days))} AND {purchase}."PurchasedAt" <= {Now}"""
        : "";

    /// <summary>An aggregate of the member's purchases in the window, within the bounds (members with none aggregate to 0).</summary>
    private string Aggregate(string aggregate, string filter, SegmentRule rule, Func<decimal, long> unit)
    {
        var value = $"""(SELECT {aggregate} FROM "Purchases" p WHERE p."MemberId" = m."Id"{filter}{Window(rule)})""";
        return "(1 = 1" + Bounds(value, rule, unit) + ")";
    }

    /// <summary>
    /// Whole days since the last purchase: at least n means no purchase in the last n days; at most n means one
    /// within the last n + 1 days (day n ends just before n + 1 whole days have passed). Never bought: infinitely long.
    /// </summary>
    private string DaysSinceLastPurchase(SegmentRule rule)
    {
        var tests = new List<string>();
        if (rule.Min is { } min)
        {
            tests.Add($"""NOT EXISTS (SELECT 1 FROM "Purchases" p WHERE p."MemberId" = m."Id" AND p."PurchasedAt" > {p.Add(now.AddDays(-(double)min))})""");
        }

        if (rule.Max is { } max)
        {
            tests.Add($"""EXISTS (SELECT 1 FROM "Purchases" p WHERE p."MemberId" = m."Id" AND p."PurchasedAt" > {p.Add(now.AddDays(-(double)(max + 1)))})""");
        }

        return "(" + string.Join(" AND ", tests) + ")";
    }

    /// <summary>Whole days since enrolment, by the same reckoning as <see cref="DaysSinceLastPurchase"/>.</summary>
    private string Tenure(SegmentRule rule)
    {
        var tests = new List<string>();
        if (rule.Min is { } min)
        {
            tests.Add($"""m."EnrolledAt" <= {p.Add(now.AddDays(-(double)min))}""");
        }

        if (rule.Max is { } max)
        {
            tests.Add($"""m."EnrolledAt" > {p.Add(now.AddDays(-(double)(max + 1)))}""");
        }

        return "(" + string.Join(" AND ", tests) + ")";
    }

    /// <summary>Where the member is: the city of the store they enrolled at, or of a store they bought at (in the window).</summary>
    private string City(SegmentRule rule)
    {
        var cities = List(rule.Cities!.Select(c => c.Trim().ToUpperInvariant()));
        return $"""
            (m."EnrolledAtStoreId" IN (SELECT s."Id" FROM "Stores" s WHERE UPPER(s."City") IN ({cities}))
             OR EXISTS (SELECT 1 FROM "Purchases" p JOIN "Stores" s ON s."Id" = p."StoreId" WHERE p."MemberId" = m."Id" AND UPPER(s."City") IN ({cities}){Window(rule)}))
            """;
    }

    private string Household(SegmentRule rule)
    {
        var inOne = """EXISTS (SELECT 1 FROM "MemberProfiles" mp WHERE mp."MemberId" = m."Id" AND mp."HouseholdId" IS NOT NULL)""";
        var head = """EXISTS (SELECT 1 FROM "Households" h WHERE h."HeadMemberId" = m."Id")""";
        return rule.IsHead switch
        {
            true => head,
            false => $"({inOne} AND NOT {head})",
            null => inOne,
        };
    }
}
