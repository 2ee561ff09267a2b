using System.Data.Common;
using Loyalty.Application.Abstractions;
using Loyalty.Application.Features.Social.Tiers;
using Loyalty.Domain.Social.Tiers;
using Loyalty.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Infrastructure.Tiers;

/// <summary>Members' qualifying activity in each provider's SQL, on the caller's context.</summary>
public sealed class SqlTierActivity(ILoyaltyDbContext db) : ITierActivity
{
    // Every purchase not in the top tier runs it: constant text, prepared once per model (see FixedStatement).
    private static readonly FixedStatement MemberActivity = new(
        sql => $$"""
            SELECT {{TierActivitySql.Columns(sql, "{0}", "p.\"PurchasedAt\" >= {1}")}},
            {{TierActivitySql.Columns(sql, "{0}", "p.\"PurchasedAt\" >= {2}", "2")}}
            FROM "Purchases" p
            WHERE p."MemberId" = {3} AND p."PurchasedAt" >= {4} AND p."PurchasedAt" <= {5}
            """,
        typeof(string),
        typeof(DateTimeOffset),
        typeof(DateTimeOffset),
        typeof(Guid),
        typeof(DateTimeOffset),
        typeof(DateTimeOffset));

    /// <summary>
    /// One member's activity in two windows at once, both ending at <paramref name="end"/> (inclusive): from
    /// <paramref name="start"/> and from <paramref name="otherStart"/>. One round trip.
    /// </summary>
    public async Task<(QualifyingActivity Activity, QualifyingActivity Other)> ForMemberAsync(
        Guid memberId, string currency, DateTimeOffset start, DateTimeOffset otherStart, DateTimeOffset end, CancellationToken cancellationToken)
    {
        var from = start < otherStart ? start : otherStart;
        var (_, row) = await MemberActivity.FirstAsync(db, ReadActivity, [currency, start, otherStart, memberId, from, end], cancellationToken);
        return row;
    }

    // An aggregate without GROUP BY always gives one row; its columns are as TierActivitySql.Columns names them.
    private static (QualifyingActivity, QualifyingActivity) ReadActivity(DbDataReader r) =>
        (new QualifyingActivity(r.GetInt64(0), TierActivity.FromTenThousandths(r.GetInt64(1)), (int)r.GetInt64(2)),
            new QualifyingActivity(r.GetInt64(3), TierActivity.FromTenThousandths(r.GetInt64(4)), (int)r.GetInt64(5)));

    /// <summary>
    /// <see cref="ForMemberAsync"/> for many members, each with their own two window starts: one round trip on
    /// PostgreSQL, one per member elsewhere.
    /// </summary>
    public async Task<Dictionary<Guid, (QualifyingActivity Activity, QualifyingActivity Other)>> ForMembersAsync(
        IReadOnlyList<(Guid MemberId, DateTimeOffset Start, DateTimeOffset OtherStart)> members, string currency, DateTimeOffset end, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(members);
        var result = new Dictionary<Guid, (QualifyingActivity, QualifyingActivity)>(members.Count);
        var sql = SetSql.For(db);
        if (!sql.IsPostgreSql)
        {
            foreach (var (memberId, start, otherStart) in members)
            {
                result[memberId] = await ForMemberAsync(memberId, currency, start, otherStart, end, cancellationToken);
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
                SELECT v."Id" AS "MemberId", {TierActivitySql.Columns(sql, cur, "p.\"PurchasedAt\" >= v.\"S1\"")},
                {TierActivitySql.Columns(sql, cur, "p.\"PurchasedAt\" >= v.\"S2\"", "2")}
                FROM ({list}) AS v
                LEFT JOIN "Purchases" p ON p."MemberId" = v."Id" AND p."PurchasedAt" >= v."S0" AND p."PurchasedAt" <= {p.Add(end)}
                GROUP BY v."Id"
                """;
            foreach (var row in await sql.Query<MemberActivityRow>(db, text, p).ToListAsync(cancellationToken))
            {
                result[row.MemberId] = (new QualifyingActivity(row.Points, TierActivity.FromTenThousandths(row.Spend), (int)row.Visits),
                    new QualifyingActivity(row.Points2, TierActivity.FromTenThousandths(row.Spend2), (int)row.Visits2));
            }
        }

        return result;
    }

    private sealed class MemberActivityRow
    {
        public Guid MemberId { get; set; }

        public long Points { get; set; }

        public long Spend { get; set; }

        public long Visits { get; set; }

        public long Points2 { get; set; }

        public long Spend2 { get; set; }

        public long Visits2 { get; set; }
    }
}
