using Loyalty.Application.Abstractions;
using Loyalty.Domain.Financial.Ledger;
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
        var stamp = StoreValue(db, now);
        var sql = db.Database.IsSqlServer()
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

    /// <summary>A timestamp as the provider stores it (SQLite keeps UTC ticks through a value converter).</summary>
    private static object StoreValue(ILoyaltyDbContext db, DateTimeOffset value)
    {
        var converter = db.Model.FindEntityType(typeof(PointsAccount))!.FindProperty(nameof(PointsAccount.UpdatedAt))!.GetTypeMapping().Converter;
        return converter?.ConvertToProvider(value) ?? value;
    }
}

internal static class ProviderChecks
{
    public static bool IsSqlServer(this Microsoft.EntityFrameworkCore.Infrastructure.DatabaseFacade database) =>
        database.ProviderName == "Microsoft.EntityFrameworkCore.SqlServer";
}
