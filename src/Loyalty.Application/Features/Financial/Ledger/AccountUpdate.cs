using Loyalty.Application.Abstractions;
using Loyalty.Application.Common;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Financial.Ledger;

/// <summary>
/// Moves an account's balances in one statement that also hands back the new available balance (RETURNING on
/// SQLite and PostgreSQL, OUTPUT on SQL Server): the till path needs the balance, and reading it separately would
/// cost a second round trip while the row is locked.
/// </summary>
internal static class AccountUpdate
{
    /// <summary>Applies the deltas when <c>Available &gt;= minimumAvailable</c>; returns the new available balance, or null when no row matched.</summary>
    public static async Task<long?> ApplyAsync(
        ILoyaltyDbContext db,
        Guid memberId,
        long available,
        long pending,
        long held,
        long earned,
        long minimumAvailable,
        DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var provider = SetSql.For(db);
        var stamp = provider.Instant(now);
        var sql = provider.IsSqlServer
            ? (FormattableString)$"""
                UPDATE "PointsAccounts"
                SET "Available" = "Available" + {available}, "Pending" = "Pending" + {pending}, "Held" = "Held" + {held},
                    "LifetimeEarned" = "LifetimeEarned" + {earned}, "UpdatedAt" = {stamp}
                OUTPUT INSERTED."Available" AS "Value"
                WHERE "MemberId" = {memberId} AND "Available" >= {minimumAvailable}
                """
            : $"""
                UPDATE "PointsAccounts"
                SET "Available" = "Available" + {available}, "Pending" = "Pending" + {pending}, "Held" = "Held" + {held},
                    "LifetimeEarned" = "LifetimeEarned" + {earned}, "UpdatedAt" = {stamp}
                WHERE "MemberId" = {memberId} AND "Available" >= {minimumAvailable}
                RETURNING "Available" AS "Value"
                """;
        var rows = await db.Database.SqlQuery<long>(sql).ToListAsync(cancellationToken);
        return rows.Count == 0 ? null : rows[0];
    }
}
