using Loyalty.Application.Abstractions;
using Loyalty.Application.Common;
using Loyalty.Application.Features.Financial.Expiry;
using Loyalty.Domain.Financial.Ledger;
using Loyalty.Domain.Structural.Outbox;
using Loyalty.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Infrastructure.Expiry;

/// <summary>
/// The expiry run's statements in each provider's SQL (steps as <see cref="ExpirePointsHandler"/> describes them);
/// runs on the context it was resolved with, so inside the batch's transaction.
/// </summary>
public sealed class SqlPointsExpiry(ILoyaltyDbContext db) : IPointsExpiry
{
    /// <summary>A lot whose date has passed and that still holds spendable points.</summary>
    private static string Due(SetSql sql, string lot, string now, string? horizon) =>
        $"""{lot}."ExpiresAt" <= {now} AND {lot}."Remaining" > 0 AND {lot}."IsPending" = {sql.False}""";

    /// <summary>A spendable lot expiring within the notice period whose member has not been told yet.</summary>
    private static string Expiring(SetSql sql, string lot, string now, string? horizon) =>
        $"""{lot}."ExpiresAt" > {now} AND {lot}."ExpiresAt" <= {horizon} AND {lot}."Remaining" > 0 AND {lot}."IsPending" = {sql.False} AND {lot}."ExpiryNoticeAt" IS NULL""";

    public Task<List<(Guid? From, Guid To)>> ExpiredBatchesAsync(DateTimeOffset now, int size, CancellationToken cancellationToken) =>
        BatchesAsync(Due, now, null, size, cancellationToken);

    public Task<List<(Guid? From, Guid To)>> NoticeBatchesAsync(DateTimeOffset now, DateTimeOffset horizon, int size, CancellationToken cancellationToken) =>
        BatchesAsync(Expiring, now, horizon, size, cancellationToken);

    /// <summary>
    /// Splits the members with matching lots into ranges of <paramref name="size"/> members, in the database's own
    /// order of member ids: every size-th member, and the last one, ends a range. No matching lots, no ranges.
    /// </summary>
    private Task<List<(Guid? From, Guid To)>> BatchesAsync(
        Func<SetSql, string, string, string?, string> predicate, DateTimeOffset now, DateTimeOffset? horizon, int size, CancellationToken cancellationToken)
    {
        var sql = SetSql.For(db);
        var p = sql.NewParameters();
        var where = predicate(sql, "l", p.Add(now), horizon is null ? null : p.Add(horizon.Value));
        return IdRanges.SplitAsync(db, sql, p, $"""SELECT DISTINCT l."MemberId" AS "Id" FROM "PointsLots" l WHERE {where}""", size, cancellationToken);
    }

    public async Task<int> ExpireBatchAsync(DateTimeOffset now, Guid run, Guid? from, Guid to, CancellationToken cancellationToken)
    {
        // 1. Lock and mark the accounts of members with expired lots.
        var sql = SetSql.For(db);
        if (!await LockAndMarkAsync(sql, Due, now, null, from, to, cancellationToken))
        {
            return 0;
        }

        // Our entries get ids above today's highest: steps 3 and 4 find them by a short primary-key range (and our range
        // of members, as batches running side by side share the run's reference).
        var p = sql.NewParameters();
        var before = (await sql.Query<long>(db, """SELECT COALESCE(MAX("Id"), 0) AS "Value" FROM "LedgerEntries" """, p).ToListAsync(cancellationToken))[0];

        // 2. One Expire entry per marked member: the sum of their expired lots, which cannot move while we hold the locks.
        p = sql.NewParameters();
        var nowParam = p.Add(now);
        var members = await sql.ExecuteAsync(
            db,
            $"""
            INSERT INTO "LedgerEntries" ("MemberId", "Type", "Points", "PendingPoints", "Description", "OccurredAt", "ReferenceId")
            SELECT l."MemberId", {p.Add("Expire")}, -SUM(l."Remaining"), 0, {p.Add(ExpirePointsHandler.ExpiredDescription)}, {nowParam}, {p.Add(run)}
            FROM "PointsLots" l JOIN "PointsAccounts" a ON a."MemberId" = l."MemberId"
            WHERE {Due(sql, "l", nowParam, null)} AND a."UpdatedAt" = {nowParam}
              {IdRanges.InRange(p, "l.\"MemberId\"", from, to)}{IdRanges.InRange(p, "a.\"MemberId\"", from, to)}
            GROUP BY l."MemberId"
            """,
            p,
            cancellationToken);

        // Their points, for the expired counter when the batch commits (only while someone collects it).
        if (members > 0 && LoyaltyTelemetry.PointsExpired.Enabled)
        {
            p = sql.NewParameters();
            var expired = $"""SELECT COALESCE(SUM(e."Points"), 0) AS "Value" FROM "LedgerEntries" e WHERE e."Id" > {p.Add(before)} AND e."ReferenceId" = {p.Add(run)}{IdRanges.InRange(p, "e.\"MemberId\"", from, to)}""";
            WriteTransaction.Count(db, LedgerEntryType.Expire, (await sql.Query<long>(db, expired, p).ToListAsync(cancellationToken))[0]);
        }

        // 3. One points.expired message per entry: {"memberNumber":"…","points":…,"expiredAt":"…"}.
        p = sql.NewParameters();
        var payload = sql.Concat(
            p.Add("{\"memberNumber\":\""),
            "m.\"MemberNumber\"",
            p.Add("\",\"points\":"),
            sql.Text("-e.\"Points\""),
            p.Add(",\"expiredAt\":" + Json.Serialize(now) + "}"));
        var ours = $"""e."Id" > {p.Add(before)} AND e."ReferenceId" = {p.Add(run)}{IdRanges.InRange(p, "e.\"MemberId\"", from, to)}""";
        await sql.ExecuteAsync(
            db,
            $"""
            INSERT INTO "OutboxMessages" ("Id", "Type", "MemberId", "Payload", "OccurredAt")
            SELECT {sql.NewGuid}, {p.Add(EventTypes.PointsExpired)}, e."MemberId", {payload}, {p.Add(now)}
            FROM "LedgerEntries" e JOIN "Members" m ON m."Id" = e."MemberId"
            WHERE {ours}
            """,
            p,
            cancellationToken);

        // 4. The balances, by the entries just written.
        p = sql.NewParameters();
        ours = $"""e."Id" > {p.Add(before)} AND e."ReferenceId" = {p.Add(run)}{IdRanges.InRange(p, "e.\"MemberId\"", from, to)}""";
        await sql.ExecuteAsync(
            db,
            $"""
            UPDATE "PointsAccounts"
            SET "Available" = "Available" + (SELECT e."Points" FROM "LedgerEntries" e WHERE e."MemberId" = "PointsAccounts"."MemberId" AND {ours})
            WHERE "MemberId" IN (SELECT e."MemberId" FROM "LedgerEntries" e WHERE {ours})
            """,
            p,
            cancellationToken);

        // 5. The lots.
        p = sql.NewParameters();
        nowParam = p.Add(now);
        await sql.ExecuteAsync(
            db,
            $"""
            UPDATE "PointsLots" SET "Remaining" = 0
            WHERE {Due(sql, "\"PointsLots\"", nowParam, null)}
              AND EXISTS (
                  SELECT 1 FROM "PointsAccounts" a
                  WHERE a."MemberId" = "PointsLots"."MemberId" AND a."UpdatedAt" = {nowParam}{IdRanges.InRange(p, "a.\"MemberId\"", from, to)})
              {IdRanges.InRange(p, "\"PointsLots\".\"MemberId\"", from, to)}
            """,
            p,
            cancellationToken);
        return members;
    }

    public async Task<int> NoticeBatchAsync(DateTimeOffset now, DateTimeOffset horizon, Guid? from, Guid to, CancellationToken cancellationToken)
    {
        // Lock the accounts first, as every spend does: a spend racing us then waits before touching any lot, rather
        // than holding one lot while we hold another.
        var sql = SetSql.For(db);
        if (!await LockAndMarkAsync(sql, Expiring, now, horizon, from, to, cancellationToken))
        {
            return 0;
        }

        // Claim the lots of the locked members: a concurrent run finds them claimed and skips them.
        var p = sql.NewParameters();
        var nowParam = p.Add(now);
        var claimed = await sql.ExecuteAsync(
            db,
            $"""
            UPDATE "PointsLots" SET "ExpiryNoticeAt" = {nowParam}
            WHERE {Expiring(sql, "\"PointsLots\"", nowParam, p.Add(horizon))}
              AND EXISTS (
                  SELECT 1 FROM "PointsAccounts" a
                  WHERE a."MemberId" = "PointsLots"."MemberId" AND a."UpdatedAt" = {nowParam}{IdRanges.InRange(p, "a.\"MemberId\"", from, to)})
              {IdRanges.InRange(p, "\"PointsLots\".\"MemberId\"", from, to)}
            """,
            p,
            cancellationToken);
        if (claimed == 0)
        {
            return 0;
        }

        // One points.expiring message per member and day: {"memberNumber":"…","points":…,"expiresAt":"…"}.
        p = sql.NewParameters();
        nowParam = p.Add(now);
        var payload = sql.Concat(
            p.Add("{\"memberNumber\":\""),
            "m.\"MemberNumber\"",
            p.Add("\",\"points\":"),
            sql.Text("x.\"Points\""),
            p.Add(",\"expiresAt\":\""),
            sql.IsoText("x.\"ExpiresAt\""),
            p.Add("\"}"));
        return await sql.ExecuteAsync(
            db,
            $"""
            INSERT INTO "OutboxMessages" ("Id", "Type", "MemberId", "Payload", "OccurredAt")
            SELECT {sql.NewGuid}, {p.Add(EventTypes.PointsExpiring)}, x."MemberId", {payload}, {nowParam}
            FROM (
                SELECT l."MemberId", SUM(l."Remaining") AS "Points", MIN(l."ExpiresAt") AS "ExpiresAt"
                FROM "PointsLots" l
                WHERE l."ExpiryNoticeAt" = {nowParam} AND l."Remaining" > 0 AND l."IsPending" = {sql.False}{IdRanges.InRange(p, "l.\"MemberId\"", from, to)}
                GROUP BY l."MemberId", {sql.Day("l.\"ExpiresAt\"")}
            ) x JOIN "Members" m ON m."Id" = x."MemberId"
            """,
            p,
            cancellationToken);
    }

    /// <summary>
    /// Locks, in member order, the accounts in the range whose members have lots matching <paramref name="lots"/>, then
    /// marks them with the run's instant so the later steps touch only them. False when there are none. Two runs at once
    /// (or a notice batch beside an expiry batch of another run, over ranges cut differently) then queue on their first
    /// shared account instead of each holding one the other waits for.
    /// </summary>
    private async Task<bool> LockAndMarkAsync(
        SetSql sql, Func<SetSql, string, string, string?, string> lots, DateTimeOffset now, DateTimeOffset? horizon, Guid? from, Guid to, CancellationToken cancellationToken)
    {
        var p = sql.NewParameters();
        var matching = $"""EXISTS (SELECT 1 FROM "PointsLots" l WHERE l."MemberId" = a."MemberId" AND {lots(sql, "l", p.Add(now), horizon is null ? null : p.Add(horizon.Value))}){IdRanges.InRange(p, "a.\"MemberId\"", from, to)}""";
        var locked = (await sql.Query<long>(db, sql.LockedCount("\"PointsAccounts\"", "a", "\"MemberId\"", matching), p).ToListAsync(cancellationToken))[0];
        if (locked == 0)
        {
            return false;
        }

        p = sql.NewParameters();
        var nowParam = p.Add(now);
        await sql.ExecuteAsync(
            db,
            $"""
            UPDATE "PointsAccounts" SET "UpdatedAt" = {nowParam}
            WHERE EXISTS (SELECT 1 FROM "PointsLots" l WHERE l."MemberId" = "PointsAccounts"."MemberId" AND {lots(sql, "l", nowParam, horizon is null ? null : p.Add(horizon.Value))})
            {IdRanges.InRange(p, "\"PointsAccounts\".\"MemberId\"", from, to)}
            """,
            p,
            cancellationToken);
        return true;
    }
}
