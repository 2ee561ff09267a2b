using Loyalty.Application.Abstractions;
using Loyalty.Application.Features.Customised.AccountManagers;
using Loyalty.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Infrastructure.Customised;

/// <summary>
/// Ranks unassigned active members in one statement: net spend since the window start (purchases less returns, in the
/// spend currency, as exact ten-thousandths) weighted by tier rank, <c>spend × (4 + rank)</c> — four times
/// <see cref="Domain.Customised.AccountManagers.MemberValue.Score"/>, so the ranking and the keyset stay in whole numbers.
/// </summary>
public sealed class SqlMemberValueSource(ILoyaltyDbContext db) : IMemberValueSource
{
    public Task<IReadOnlyList<RankedMember>> RankUnassignedAsync(
        string currency, DateTimeOffset since, (long Score, int TierRank, Guid MemberId)? after, int take, CancellationToken cancellationToken) =>
        RankAsync(currency, since, after, take, insightRunId: null, cancellationToken);

    /// <summary>
    /// The same ranking; with <paramref name="insightRunId"/>, a member that insight run scored ranks by 4 × its lifetime
    /// value instead (see <see cref="Insight.InsightMemberValueSource"/>), the others by spend × tier as above.
    /// </summary>
    internal async Task<IReadOnlyList<RankedMember>> RankAsync(
        string currency, DateTimeOffset since, (long Score, int TierRank, Guid MemberId)? after, int take, Guid? insightRunId, CancellationToken cancellationToken)
    {
        var sql = SetSql.For(db);
        var p = sql.NewParameters();
        var spend = sql.TenThousandths($"{sql.Number("p.\"Amount\"")} - {sql.Number("p.\"ReturnedAmount\"")}");
        var bySpend = "CAST(COALESCE(s.\"Spend\", 0) AS bigint) * (4 + t.\"Rank\")";
        var (scoreSql, insightJoin) = insightRunId is { } runId
            ? ($"CAST(CASE WHEN i.\"MemberId\" IS NOT NULL THEN i.\"LifetimeValue\" * 4 ELSE {bySpend} END AS bigint)",
               $"LEFT JOIN \"MemberInsights\" i ON i.\"MemberId\" = m.\"Id\" AND i.\"RunId\" = {p.Add(runId)}")
            : (bySpend, "");
        var inner = $"""
            SELECT m."Id" AS "MemberId", CAST(t."Rank" AS bigint) AS "TierRank", CAST(COALESCE(s."Spend", 0) AS bigint) AS "NetSpend",
                   {scoreSql} AS "Score"
            FROM "Members" m
            JOIN "Tiers" t ON t."Id" = m."TierId"
            LEFT JOIN (
                SELECT p."MemberId", SUM(CASE WHEN p."Currency" = {p.Add(currency)} THEN {spend} ELSE 0 END) AS "Spend"
                FROM "Purchases" p
                WHERE p."PurchasedAt" >= {p.Add(since)}
                GROUP BY p."MemberId") s ON s."MemberId" = m."Id"
            {insightJoin}
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
