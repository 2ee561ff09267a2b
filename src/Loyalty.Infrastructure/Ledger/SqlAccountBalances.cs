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
    // Every balance change runs it (each purchase once): constant text, prepared once per model (see FixedStatement).
    private static readonly FixedStatement Apply = new(
        sql => sql.IsSqlServer
            ? """
                UPDATE "PointsAccounts"
                SET "Available" = "Available" + {0}, "Pending" = "Pending" + {1}, "Held" = "Held" + {2},
                    "LifetimeEarned" = "LifetimeEarned" + {3}, "UpdatedAt" = {4}
                OUTPUT INSERTED."Available"
                WHERE "MemberId" = {5} AND "Available" >= {6}
                """
            : """
                UPDATE "PointsAccounts"
                SET "Available" = "Available" + {0}, "Pending" = "Pending" + {1}, "Held" = "Held" + {2},
                    "LifetimeEarned" = "LifetimeEarned" + {3}, "UpdatedAt" = {4}
                WHERE "MemberId" = {5} AND "Available" >= {6}
                RETURNING "Available"
                """,
        typeof(long),
        typeof(long),
        typeof(long),
        typeof(long),
        typeof(DateTimeOffset),
        typeof(Guid),
        typeof(long));

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
        var (found, balance) = await Apply.FirstAsync(db, static r => r.GetInt64(0), [available, pending, held, earned, now, memberId, minimumAvailable], cancellationToken);
        return found ? balance : null;
    }

    /// <inheritdoc/>
    /// <remarks>
    /// On PostgreSQL two statements per 1,000 members (the accounts locked in key order, then UPDATE … FROM a list of
    /// deltas); one per member elsewhere, in the same order.
    /// </remarks>
    public async Task<Dictionary<Guid, long>> ApplyManyAsync(IReadOnlyList<AccountDelta> deltas, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deltas);
        var provider = SetSql.For(db);
        var result = new Dictionary<Guid, long>(deltas.Count);

        // Every batch locks accounts in one global order, PostgreSQL's uuid order (the bytes as the text shows them), as
        // the expiry and tier jobs do: two imports sharing members then queue on the first account they share instead of
        // each holding one the other waits for.
        var ordered = deltas.OrderBy(d => d.MemberId.ToString(), StringComparer.Ordinal).ToList();
        if (!provider.IsPostgreSql)
        {
            foreach (var d in ordered)
            {
                result[d.MemberId] = await ApplyAsync(d.MemberId, d.Available, d.Pending, held: 0, d.Earned, long.MinValue, now, cancellationToken)
                    ?? throw new InvalidOperationException($"Member {d.MemberId} has no points account.");
            }

            return result;
        }

        foreach (var part in ordered.Chunk(1000))
        {
            // The UPDATE … FROM would lock in its join's order (the list's, or the table's): lock in key order first.
            var ids = provider.NewParameters();
            var keys = string.Join(", ", part.Select(d => ids.Add(d.MemberId)));
            await provider.Query<long>(db, provider.LockedCount("\"PointsAccounts\"", "a", "\"MemberId\"", $"a.\"MemberId\" IN ({keys})"), ids).ToListAsync(cancellationToken);

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
