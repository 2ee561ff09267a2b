using Loyalty.Application.Abstractions;
using Loyalty.Application.Features.Customised.AccountManagers;
using Loyalty.Infrastructure.Customised;
using Loyalty.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Infrastructure.Insight;

/// <summary>
/// Ranks unassigned members by insight's lifetime-value estimate once a run exists: score = 4 × the estimate in
/// ten-thousandths (four times, like <see cref="SqlMemberValueSource"/>'s, so the suggestion's value reads the same
/// way). A member the latest run did not score (enrolled since) keeps the spend × tier value until the next run.
/// Before the first run, <see cref="SqlMemberValueSource"/> answers alone.
/// </summary>
public sealed class InsightMemberValueSource(ILoyaltyDbContext db, SqlMemberValueSource fallback) : IMemberValueSource
{
    public async Task<IReadOnlyList<RankedMember>> RankUnassignedAsync(
        string currency, DateTimeOffset since, (long Score, int TierRank, Guid MemberId)? after, int take, CancellationToken cancellationToken)
    {
        var latest = await db.InsightRuns.AsNoTracking().OrderByDescending(r => r.Number).Select(r => (Guid?)r.Id).FirstOrDefaultAsync(cancellationToken);
        if (latest is not { } runId)
        {
            return await fallback.RankUnassignedAsync(currency, since, after, take, cancellationToken);
        }

        var sql = SetSql.For(db);
        var p = sql.NewParameters();
        var spend = sql.TenThousandths($"{sql.Number("p.\"Amount\"")} - {sql.Number("p.\"ReturnedAmount\"")}");
        var inner = $"""
            SELECT m."Id" AS "MemberId", CAST(t."Rank" AS bigint) AS "TierRank", CAST(COALESCE(s."Spend", 0) AS bigint) AS "NetSpend",
                   CAST(CASE WHEN i."MemberId" IS NOT NULL THEN i."LifetimeValue" * 4 ELSE COALESCE(s."Spend", 0) * (4 + t."Rank") END AS bigint) AS "Score"
            FROM "Members" m
            JOIN "Tiers" t ON t."Id" = m."TierId"
            LEFT JOIN (
                SELECT p."MemberId", SUM(CASE WHEN p."Currency" = {p.Add(currency)} THEN {spend} ELSE 0 END) AS "Spend"
                FROM "Purchases" p
                WHERE p."PurchasedAt" >= {p.Add(since)}
                GROUP BY p."MemberId") s ON s."MemberId" = m."Id"
            LEFT JOIN "MemberInsights" i ON i."MemberId" = m."Id" AND i."RunId" = {p.Add(runId)}
            WHERE m."Status" = {p.Add("Active")}
              AND NOT EXISTS (SELECT 1 FROM "PortfolioAssignments" a WHERE a."MemberId" = m."Id")
            """;
        var where = "";
        if (after is var (score, rank, id))
        {
            var (s, r) = (p.Add(score), p.Add((long)rank));
            where = $"""WHERE v."Score" < {s} OR (v."Score" = {s} AND (v."TierRank" < {r} OR (v."TierRank" = {r} AND v."MemberId" > {p.Add(id)})))""";
        }

        var count = p.Add(take);
        var text = sql.IsSqlServer
            ? $"""SELECT v.* FROM ({inner}) v {where} ORDER BY v."Score" DESC, v."TierRank" DESC, v."MemberId" OFFSET 0 ROWS FETCH NEXT {count} ROWS ONLY"""
            : $"""SELECT v.* FROM ({inner}) v {where} ORDER BY v."Score" DESC, v."TierRank" DESC, v."MemberId" LIMIT {count}""";
        var rows = await sql.Query<Row>(db, text, p).ToListAsync(cancellationToken);
        return [.. rows.Select(r => new RankedMember(r.MemberId, r.NetSpend, (int)r.TierRank, r.Score))];
    }

    private sealed class Row
    {
        public Guid MemberId { get; set; }

        public long TierRank { get; set; }

        public long NetSpend { get; set; }

        public long Score { get; set; }
    }
}
