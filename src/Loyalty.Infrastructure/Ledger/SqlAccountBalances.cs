using Loyalty.Application.Abstractions;
using Loyalty.Application.Features.Financial.Ledger;
using Loyalty.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Infrastructure.Ledger;

/// <summary>
/// Moves an account's balances in one statement that also hands back the new available balance (RETURNING on
/// SQLite and PostgreSQL, OUTPUT on SQL Server): the till path needs the balance, and reading it separately would
/// cost a second round trip while the row is locked.
/// </summary>
public sealed class SqlAccountBalances(ILoyaltyDbContext db) : IAccountBalances
{
    public async Task<long?> ApplyAsync(
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

    /// <inheritdoc/>
    /// <remarks>One statement on PostgreSQL (UPDATE … FROM a list of deltas), one per member elsewhere.</remarks>
    public async Task<Dictionary<Guid, long>> ApplyManyAsync(IReadOnlyList<AccountDelta> deltas, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var provider = SetSql.For(db);
        var result = new Dictionary<Guid, long>(deltas.Count);
        if (!provider.IsPostgreSql)
        {
            foreach (var d in deltas)
            {
                result[d.MemberId] = await ApplyAsync(d.MemberId, d.Available, d.Pending, held: 0, d.Earned, long.MinValue, now, cancellationToken)
                    ?? throw new InvalidOperationException($"Member {d.MemberId} has no points account.");
            }

            return result;
        }

        foreach (var part in deltas.Chunk(1000))
        {
            var p = provider.NewParameters();
            var rows = string.Join(
                "\nUNION ALL ",
                part.Select(d => $"SELECT {p.Add(d.MemberId)} AS \"Id\", {p.Add(d.Available)} AS \"A\", {p.Add(d.Pending)} AS \"P\", {p.Add(d.Earned)} AS \"E\""));
            var text = $"""
                UPDATE "PointsAccounts" AS a
                SET "Available" = a."Available" + v."A", "Pending" = a."Pending" + v."P", "LifetimeEarned" = a."LifetimeEarned" + v."E", "UpdatedAt" = {p.Add(now)}
                FROM ({rows}) AS v
                WHERE a."MemberId" = v."Id"
                RETURNING a."MemberId" AS "MemberId", a."Available" AS "Available"
                """;
            foreach (var row in await provider.Query<AccountBalance>(db, text, p).ToListAsync(cancellationToken))
            {
                result[row.MemberId] = row.Available;
            }
        }

        return result.Count == deltas.Count ? result : throw new InvalidOperationException("A member has no points account.");
    }
}
