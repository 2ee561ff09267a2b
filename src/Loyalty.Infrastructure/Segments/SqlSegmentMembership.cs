using Loyalty.Application.Abstractions;
using Loyalty.Application.Common;
using Loyalty.Application.Features.Customised.Segments;
using Loyalty.Domain.Customised.Segments;
using Loyalty.Domain.Structural.Outbox;
using Loyalty.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Infrastructure.Segments;

/// <summary>Segment membership in each provider's SQL, on the caller's context (so inside its transaction).</summary>
public sealed class SqlSegmentMembership(ILoyaltyDbContext db, IEnumerable<ISegmentScoreSql> scores) : ISegmentMembership
{
    private readonly Dictionary<string, ISegmentScoreSql> _scores = scores.ToDictionary(s => s.Name, StringComparer.Ordinal);

    public IQueryable<Guid> Matching(SegmentRule definition, DateTimeOffset now)
    {
        var sql = SetSql.For(db);
        var p = sql.NewParameters();
        var text = new SegmentRuleSql(sql, p, now, _scores).MemberIds(definition);
        return sql.Query<Guid>(db, text, p);
    }

    /// <summary>
    /// (1) Lock the segment's row, so refreshes of one segment run one after the other; (2) note the highest history
    /// id; (3) append Entered for matching members not in the segment and (4) Left for members no longer matching —
    /// two disjoint sets, so each member is compared once; (5) delete the leavers and (6) insert the newcomers, both
    /// read back from the rows just appended; (7) one outbox message per change; (8) the count.
    /// </summary>
    public async Task<SegmentRefreshCounts> RefreshAsync(Segment segment, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(segment);
        var sql = SetSql.For(db);

        var p = sql.NewParameters();
        await sql.ExecuteAsync(db, $"""UPDATE "Segments" SET "LastRefreshedAt" = {p.Add(now)} WHERE "Id" = {p.Add(segment.Id)}""", p, cancellationToken);

        p = sql.NewParameters();
        var before = (await sql.Query<long>(db, """SELECT COALESCE(MAX("Id"), 0) AS "Value" FROM "SegmentMembershipChanges" """, p).ToListAsync(cancellationToken))[0];

        p = sql.NewParameters();
        var id = p.Add(segment.Id);
        var members = new SegmentRuleSql(sql, p, now, _scores).MemberIds(segment.Definition);
        var entered = await sql.ExecuteAsync(
            db,
            $"""
            INSERT INTO "SegmentMembershipChanges" ("SegmentId", "MemberId", "Change", "At")
            SELECT {id}, t."Value", {p.Add(nameof(SegmentChange.Entered))}, {p.Add(now)}
            FROM ({members}) t
            WHERE NOT EXISTS (SELECT 1 FROM "SegmentMembers" sm WHERE sm."SegmentId" = {id} AND sm."MemberId" = t."Value")
            """,
            p,
            cancellationToken);

        p = sql.NewParameters();
        id = p.Add(segment.Id);
        members = new SegmentRuleSql(sql, p, now, _scores).MemberIds(segment.Definition);
        var left = await sql.ExecuteAsync(
            db,
            $"""
            INSERT INTO "SegmentMembershipChanges" ("SegmentId", "MemberId", "Change", "At")
            SELECT {id}, sm."MemberId", {p.Add(nameof(SegmentChange.Left))}, {p.Add(now)}
            FROM "SegmentMembers" sm
            WHERE sm."SegmentId" = {id} AND NOT EXISTS (SELECT 1 FROM ({members}) t WHERE t."Value" = sm."MemberId")
            """,
            p,
            cancellationToken);

        if (left > 0)
        {
            p = sql.NewParameters();
            id = p.Add(segment.Id);
            await sql.ExecuteAsync(
                db,
                $"""
                DELETE FROM "SegmentMembers"
                WHERE "SegmentId" = {id} AND "MemberId" IN (
                    SELECT c."MemberId" FROM "SegmentMembershipChanges" c
                    WHERE c."SegmentId" = {id} AND c."Id" > {p.Add(before)} AND c."Change" = {p.Add(nameof(SegmentChange.Left))})
                """,
                p,
                cancellationToken);
        }

        if (entered > 0)
        {
            p = sql.NewParameters();
            id = p.Add(segment.Id);
            await sql.ExecuteAsync(
                db,
                $"""
                INSERT INTO "SegmentMembers" ("SegmentId", "MemberId", "EnteredAt")
                SELECT {id}, c."MemberId", {p.Add(now)}
                FROM "SegmentMembershipChanges" c
                WHERE c."SegmentId" = {id} AND c."Id" > {p.Add(before)} AND c."Change" = {p.Add(nameof(SegmentChange.Entered))}
                """,
                p,
                cancellationToken);
        }

        if (entered > 0)
        {
            await EventsAsync(sql, segment, now, before, SegmentChange.Entered, cancellationToken);
        }

        if (left > 0)
        {
            await EventsAsync(sql, segment, now, before, SegmentChange.Left, cancellationToken);
        }

        p = sql.NewParameters();
        id = p.Add(segment.Id);
        await sql.ExecuteAsync(
            db,
            $"""
            UPDATE "Segments" SET "MemberCount" = (SELECT COUNT(*) FROM "SegmentMembers" sm WHERE sm."SegmentId" = {id})
            WHERE "Id" = {id}
            """,
            p,
            cancellationToken);
        p = sql.NewParameters();
        var count = (await sql.Query<int>(db, $"""SELECT "MemberCount" AS "Value" FROM "Segments" WHERE "Id" = {p.Add(segment.Id)}""", p).ToListAsync(cancellationToken))[0];
        return new SegmentRefreshCounts(entered, left, count);
    }

    /// <summary>
    /// One segment.entered or segment.left message per change just appended:
    /// {"segmentId":"…","segmentName":"…","memberNumber":"…","enteredAt"|"leftAt":"…"}.
    /// </summary>
    private async Task EventsAsync(SetSql sql, Segment segment, DateTimeOffset now, long before, SegmentChange change, CancellationToken cancellationToken)
    {
        var p = sql.NewParameters();
        var (type, at) = change == SegmentChange.Entered ? (EventTypes.SegmentEntered, "enteredAt") : (EventTypes.SegmentLeft, "leftAt");
        var payload = sql.Concat(
            p.Add($"{{\"segmentId\":{Json.Serialize(segment.Id)},\"segmentName\":{Json.Serialize(segment.Name)},\"memberNumber\":\""),
            "m.\"MemberNumber\"",
            p.Add($"\",\"{at}\":{Json.Serialize(now)}}}"));
        var id = p.Add(segment.Id);
        await sql.ExecuteAsync(
            db,
            $"""
            INSERT INTO "OutboxMessages" ("Id", "Type", "MemberId", "Payload", "OccurredAt")
            SELECT {sql.NewGuid}, {p.Add(type)}, c."MemberId", {payload}, {p.Add(now)}
            FROM "SegmentMembershipChanges" c JOIN "Members" m ON m."Id" = c."MemberId"
            WHERE c."SegmentId" = {id} AND c."Id" > {p.Add(before)} AND c."Change" = {p.Add(change.ToString())}
            """,
            p,
            cancellationToken);
    }
}
