using Loyalty.Application.Abstractions;
using Loyalty.Application.Features.Social.Tiers;
using Loyalty.Domain.Social.Tiers;
using Loyalty.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Infrastructure.Tiers;

/// <summary>Members' qualifying activity in each provider's SQL, on the caller's context.</summary>
public sealed class SqlTierActivity(ILoyaltyDbContext db) : ITierActivity
{
    /// <summary>
    /// One member's activity in two windows at once, both ending at <paramref name="end"/> (inclusive): from
    /// <paramref name="start"/> and from <paramref name="otherStart"/>. One round trip.
    /// </summary>
    public async Task<(QualifyingActivity Activity, QualifyingActivity Other)> ForMemberAsync(
        Guid memberId, string currency, DateTimeOffset start, DateTimeOffset otherStart, DateTimeOffset end, CancellationToken cancellationToken)
    {
        var sql = SetSql.For(db);
        var p = sql.NewParameters();
        var cur = p.Add(currency);
        var first = TierActivitySql.Columns(sql, cur, $"p.\"PurchasedAt\" >= {p.Add(start)}");
        var second = TierActivitySql.Columns(sql, cur, $"p.\"PurchasedAt\" >= {p.Add(otherStart)}", "2");
        var from = start < otherStart ? start : otherStart;
        var text = $"""
            SELECT {first},
            {second}
            FROM "Purchases" p
            WHERE p."MemberId" = {p.Add(memberId)} AND p."PurchasedAt" >= {p.Add(from)} AND p."PurchasedAt" <= {p.Add(end)}
            """;
        var row = (await sql.Query<ActivityRow>(db, text, p).ToListAsync(cancellationToken))[0];
        return (new QualifyingActivity(row.Points, TierActivity.FromTenThousandths(row.Spend), (int)row.Visits),
            new QualifyingActivity(row.Points2, TierActivity.FromTenThousandths(row.Spend2), (int)row.Visits2));
    }

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
