using Loyalty.Application.Abstractions;
using Loyalty.Application.Features.Financial.Reports;
using Loyalty.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Infrastructure.Reports;

/// <summary>The liability report's month sums in each provider's SQL (month of an instant differs per provider).</summary>
public sealed class SqlLiabilitySums(IReportingDbContext db) : ILiabilitySums
{
    public async Task<List<MonthTypeSum>> MovementsByMonthAsync(DateTimeOffset start, DateTimeOffset end, CancellationToken cancellationToken)
    {
        var sql = SetSql.For(db);
        var p = sql.NewParameters();
        var text = $"""
            SELECT {sql.Month("e.\"OccurredAt\"")} AS "Month", e."Type" AS "Type", SUM(e."Points" + e."PendingPoints") AS "Points"
            FROM "LedgerEntries" e
            WHERE e."OccurredAt" >= {p.Add(start)} AND e."OccurredAt" < {p.Add(end)}
            GROUP BY {sql.Month("e.\"OccurredAt\"")}, e."Type"
            """;
        return await sql.Query<MonthTypeSum>(db, text, p).ToListAsync(cancellationToken);
    }

    public async Task<List<ExpiryMonthSum>> RemainingByExpiryMonthAsync(CancellationToken cancellationToken)
    {
        var sql = SetSql.For(db);
        var p = sql.NewParameters();
        var text = $"""
            SELECT {sql.Month("l.\"ExpiresAt\"")} AS "Month",
                   SUM(CASE WHEN l."IsPending" = {sql.False} THEN l."Remaining" ELSE 0 END) AS "Available",
                   SUM(CASE WHEN l."IsPending" = {sql.False} THEN 0 ELSE l."Remaining" END) AS "Pending"
            FROM "PointsLots" l
            WHERE l."Remaining" > 0
            GROUP BY {sql.Month("l.\"ExpiresAt\"")}
            """;
        return await sql.Query<ExpiryMonthSum>(db, text, p).ToListAsync(cancellationToken);
    }
}
