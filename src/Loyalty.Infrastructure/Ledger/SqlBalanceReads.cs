using System.Data.Common;
using System.Globalization;
using Loyalty.Application.Abstractions;
using Loyalty.Application.Features.Social.Members;
using Loyalty.Domain.Social.Members;
using Loyalty.Infrastructure.Persistence;

namespace Loyalty.Infrastructure.Ledger;

/// <summary>The app's balance read: the most frequent request there is, so one fixed statement and one round trip.</summary>
public sealed class SqlBalanceReads(ILoyaltyDbContext db) : IBalanceReads
{
    // The account through the member's subject; the first expiry is the lowest ExpiresAt of the spendable lots (one step
    // down IX_PointsLots_MemberExpiry), and that UTC day's points a range on the same index. The predicates repeat the
    // index's filter ("Remaining" > 0) so every provider can use it.
    private static readonly FixedStatement Read = FixedStatement.OfColumns<Member>(
        sql => $"""
            SELECT b."Available", b."Pending", b."Held", b."LifetimeEarned", b."FirstExpiry",
                (SELECT SUM(d."Remaining") FROM "PointsLots" d
                 WHERE d."MemberId" = b."MemberId" AND d."IsPending" = {sql.False} AND d."Remaining" > 0
                   AND d."ExpiresAt" >= b."FirstExpiry" AND d."ExpiresAt" < {sql.DayEnd("b.\"FirstExpiry\"")}) AS "FirstExpiryDayPoints"
            FROM (
                SELECT a."MemberId", a."Available", a."Pending", a."Held", a."LifetimeEarned",
                    (SELECT MIN(l."ExpiresAt") FROM "PointsLots" l
                     WHERE l."MemberId" = a."MemberId" AND l."IsPending" = {sql.False} AND l."Remaining" > 0 AND l."ExpiresAt" IS NOT NULL) AS "FirstExpiry"
                FROM "Members" m
                JOIN "PointsAccounts" a ON a."MemberId" = m."Id"
                WHERE m."ExternalId" = {"{0}"}
            ) b
            """,
        nameof(Member.ExternalId));

    public async Task<BalanceRead?> ForSubjectAsync(string subject, CancellationToken cancellationToken)
    {
        var (found, row) = await Read.FirstAsync(db, ReadRow, [subject], cancellationToken);
        return found ? row : null;
    }

    private static BalanceRead ReadRow(DbDataReader r) => r.IsDBNull(4)
        ? new BalanceRead(r.GetInt64(0), r.GetInt64(1), r.GetInt64(2), r.GetInt64(3), null, 0)
        : new BalanceRead(r.GetInt64(0), r.GetInt64(1), r.GetInt64(2), r.GetInt64(3), SetSql.InstantFrom(r.GetValue(4)), Convert.ToInt64(r.GetValue(5), CultureInfo.InvariantCulture)); // PostgreSQL sums bigints as numeric
}
