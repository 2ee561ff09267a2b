using Loyalty.Application.Abstractions;
using Loyalty.Application.Common;
using Loyalty.Domain.Social.Tiers;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Social.Tiers;

/// <summary>
/// Qualifying activity, added up in SQL from purchases: points earned on them net of returns (not bonuses or grants,
/// not the spendable balance), the amount spent in the programme's currency net of returns (in ten-thousandths, so
/// sums and comparisons are exact on every provider) and visits (purchases not returned in full).
/// </summary>
public static class TierActivity
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
            tests.Add($"{alias}.\"Spend\" >= {p.Add(ToTenThousandths(spend))}");
        }

        if (thresholds.Visits is { } visits)
        {
            tests.Add($"{alias}.\"Visits\" >= {p.Add((long)visits)}");
        }

        return tests.Count == 0 ? "1 = 0" : "(" + string.Join(" OR ", tests) + ")";
    }

    public static long ToTenThousandths(decimal amount) => (long)decimal.Round(amount * 10000m, MidpointRounding.AwayFromZero);

    public static decimal FromTenThousandths(long value) => value / 10000m;

    /// <summary>
    /// One member's activity in two windows at once, both ending at <paramref name="end"/> (inclusive): from
    /// <paramref name="start"/> and from <paramref name="otherStart"/>. One round trip.
    /// </summary>
    public static async Task<(QualifyingActivity Activity, QualifyingActivity Other)> ForMemberAsync(
        ILoyaltyDbContext db, Guid memberId, string currency, DateTimeOffset start, DateTimeOffset otherStart, DateTimeOffset end, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var sql = SetSql.For(db);
        var p = sql.NewParameters();
        var cur = p.Add(currency);
        var first = Columns(sql, cur, $"p.\"PurchasedAt\" >= {p.Add(start)}");
        var second = Columns(sql, cur, $"p.\"PurchasedAt\" >= {p.Add(otherStart)}", "2");
        var from = start < otherStart ? start : otherStart;
        var text = $"""
            SELECT {first},
            {second}
            FROM "Purchases" p
            WHERE p."MemberId" = {p.Add(memberId)} AND p."PurchasedAt" >= {p.Add(from)} AND p."PurchasedAt" <= {p.Add(end)}
            """;
        var row = (await sql.Query<ActivityRow>(db, text, p).ToListAsync(cancellationToken))[0];
        return (new QualifyingActivity(row.Points, FromTenThousandths(row.Spend), (int)row.Visits),
            new QualifyingActivity(row.Points2, FromTenThousandths(row.Spend2), (int)row.Visits2));
    }

    /// <summary>What one purchase adds, the way the SQL counts it.</summary>
    public static QualifyingActivity Of(Domain.Financial.Purchases.Purchase purchase, string currency)
    {
        ArgumentNullException.ThrowIfNull(purchase);
        return new QualifyingActivity(
            purchase.PointsEarned - purchase.PointsReversed,
            string.Equals(purchase.Currency, currency, StringComparison.OrdinalIgnoreCase) ? purchase.Amount - purchase.ReturnedAmount : 0m,
            purchase.ReturnedAmount < purchase.Amount ? 1 : 0);
    }

    /// <summary>
    /// <see cref="ForMemberAsync"/> for many members, each with their own two window starts: one round trip on
    /// PostgreSQL, one per member elsewhere.
    /// </summary>
    public static async Task<Dictionary<Guid, (QualifyingActivity Activity, QualifyingActivity Other)>> ForMembersAsync(
        ILoyaltyDbContext db, IReadOnlyList<(Guid MemberId, DateTimeOffset Start, DateTimeOffset OtherStart)> members, string currency, DateTimeOffset end, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(members);
        var result = new Dictionary<Guid, (QualifyingActivity, QualifyingActivity)>(members.Count);
        var sql = SetSql.For(db);
        if (!sql.IsPostgreSql)
        {
            foreach (var (memberId, start, otherStart) in members)
            {
                result[memberId] = await ForMemberAsync(db, memberId, currency, start, otherStart, end, cancellationToken);
            }

            return result;
        }

        foreach (var part in members.Chunk(1000))
        {
            var p = sql.NewParameters();
            var cur = p.Add(currency);
            var list = string.Join(
                "\nUNION ALL ",
                part.Select(m => $"SELECT {p.Add(m.MemberId)} AS \"Id\", {p.Add(m.Start)} AS \"S1\", {p.Add(m.OtherStart)} AS \"S2\", {p.Add(m.Start < m.OtherStart ? m.Start : m.OtherStart)} AS \"S0\""));
            var text = $"""
                SELECT v."Id" AS "MemberId", {Columns(sql, cur, "p.\"PurchasedAt\" >= v.\"S1\"")},
                {Columns(sql, cur, "p.\"PurchasedAt\" >= v.\"S2\"", "2")}
                FROM ({list}) AS v
                LEFT JOIN "Purchases" p ON p."MemberId" = v."Id" AND p."PurchasedAt" >= v."S0" AND p."PurchasedAt" <= {p.Add(end)}
                GROUP BY v."Id"
                """;
            foreach (var row in await sql.Query<MemberActivityRow>(db, text, p).ToListAsync(cancellationToken))
            {
                result[row.MemberId] = (new QualifyingActivity(row.Points, FromTenThousandths(row.Spend), (int)row.Visits),
                    new QualifyingActivity(row.Points2, FromTenThousandths(row.Spend2), (int)row.Visits2));
            }
        }

        return result;
    }

    private sealed class MemberActivityRow : ActivityRow
    {
        public Guid MemberId { get; set; }
    }

    private class ActivityRow
    {
        public long Points { get; set; }

        public long Spend { get; set; }

        public long Visits { get; set; }

        public long Points2 { get; set; }

        public long Spend2 { get; set; }

        public long Visits2 { get; set; }
    }
}
