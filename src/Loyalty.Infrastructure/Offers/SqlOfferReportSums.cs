using Loyalty.Application.Abstractions;
using Loyalty.Application.Features.Customised.Offers;
using Loyalty.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Infrastructure.Offers;

/// <summary>An offer's report sums per group in one aggregate (SQLite stores amounts as text, so they are summed as exact ten-thousandths).</summary>
public sealed class SqlOfferReportSums(IReportingDbContext db) : IOfferReportSums
{
    public async Task<IReadOnlyList<OfferGroupActivity>> ActivityAsync(Guid offerId, DateTimeOffset from, DateTimeOffset to, string currency, CancellationToken cancellationToken)
    {
        var sql = SetSql.For(db);
        var p = sql.NewParameters();
        var net = sql.TenThousandths($"""{sql.Number("p.\"Amount\"")} - {sql.Number("p.\"ReturnedAmount\"")}""");
        var text = $"""
            SELECT a."Group" AS "Group", CAST(COALESCE(SUM({net}), 0) AS bigint) AS "SpendUnits", CAST(COUNT(p."Id") AS bigint) AS "Visits"
            FROM "OfferAssignments" a JOIN "Purchases" p ON p."MemberId" = a."MemberId"
            WHERE a."OfferId" = {p.Add(offerId)} AND p."PurchasedAt" >= {p.Add(from)} AND p."PurchasedAt" < {p.Add(to)} AND p."Currency" = {p.Add(currency)}
            GROUP BY a."Group"
            """;
        return await sql.Query<OfferGroupActivity>(db, text, p).ToListAsync(cancellationToken);
    }
}
