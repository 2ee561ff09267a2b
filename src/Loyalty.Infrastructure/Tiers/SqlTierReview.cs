using Loyalty.Application.Abstractions;
using Loyalty.Application.Common;
using Loyalty.Application.Features.Social.Tiers;
using Loyalty.Domain.Social.Tiers;
using Loyalty.Domain.Structural.Outbox;
using Loyalty.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Infrastructure.Tiers;

/// <summary>
/// The review run's statements in each provider's SQL (steps as <see cref="ReviewTiersHandler"/> describes them);
/// downgrades write what every tier move writes (<see cref="SqlTierMoves"/>), with the target tier chosen in SQL.
/// Runs on the context it was resolved with, so inside the batch's transaction.
/// </summary>
public sealed class SqlTierReview(ILoyaltyDbContext db) : ITierReview
{
    /// <summary>Ranges of <paramref name="size"/> due members in the database's order of ids.</summary>
    public async Task<List<(Guid? From, Guid To)>> DueBatchesAsync(TierSchemeSnapshot scheme, DateTimeOffset now, int size, CancellationToken cancellationToken)
    {
        var plan = new Plan(SetSql.For(db), scheme, now);
        var p = plan.Sql.NewParameters();
        return await IdRanges.SplitAsync(db, plan.Sql, p, $"""SELECT m."Id" AS "Id" FROM "Members" m WHERE {plan.Due(p, "m")}""", size, cancellationToken);
    }

    public async Task<int> ReviewBatchAsync(TierSchemeSnapshot scheme, DateTimeOffset now, Guid? from, Guid to, CancellationToken cancellationToken)
    {
        var plan = new Plan(SetSql.For(db), scheme, now);
        var sql = plan.Sql;

        // 1. Lock the range's due members (without writing them: each is written once, below).
        var p = sql.NewParameters();
        var locked = (await sql.Query<long>(db, sql.LockedCount("\"Members\"", "m", "\"Id\"", $"{plan.Due(p, "m")}{IdRanges.InRange(p, "m.\"Id\"", from, to)}"), p).ToListAsync(cancellationToken))[0];
        if (locked == 0)
        {
            return 0;
        }

        p = sql.NewParameters();
        var before = (await sql.Query<long>(db, """SELECT COALESCE(MAX("Id"), 0) AS "Value" FROM "TierChanges" """, p).ToListAsync(cancellationToken))[0];

        // 2. A history row per member who did not keep their tier and has no grace (left).
        p = sql.NewParameters();
        var activity = plan.Activity(p, from, to);
        var graceOver = plan.Scheme.Settings.GraceDays > 0 ? """ AND a."TierGraceUntil" IS NOT NULL""" : "";
        await sql.ExecuteAsync(
            db,
            $"""
            INSERT INTO "TierChanges" ({SqlTierMoves.HistoryColumns})
            SELECT a."MemberId", a."TierId", {plan.Target(p, "a")}, {p.Add(nameof(TierChangeReason.Downgraded))}, a."Points", a."Spend" / 10000.0, a."Visits", {p.Add(plan.Now)}, {p.Add(ReviewTiersHandler.Actor)}
            FROM ({activity}) a
            WHERE NOT {plan.Retained(p, "a")}{graceOver}
            """,
            p,
            cancellationToken);

        // 3. One tier.changed message per row: the same payload as TierChanges.Payload.
        p = sql.NewParameters();
        var payload = sql.Concat(
            p.Add("{\"memberNumber\":\""),
            "m.\"MemberNumber\"",
            p.Add("\",\"from\":"),
            plan.TierJson(p, "c.\"FromTierId\""),
            p.Add(",\"to\":"),
            plan.TierJson(p, "c.\"ToTierId\""),
            p.Add($",\"reason\":\"{TierChanges.ReasonName(TierChangeReason.Downgraded)}\",\"activity\":{{\"pointsEarned\":"),
            sql.Text("c.\"PointsEarned\""),
            p.Add(",\"spend\":"),
            sql.Text("c.\"Spend\""),
            p.Add(",\"visits\":"),
            sql.Text("c.\"Visits\""),
            p.Add("},\"occurredAt\":" + Json.Serialize(plan.Now) + "}"));
        await sql.ExecuteAsync(
            db,
            $"""
            INSERT INTO "OutboxMessages" ({SqlTierMoves.EventColumns})
            SELECT {sql.NewGuid}, {p.Add(EventTypes.TierChanged)}, c."MemberId", {payload}, {p.Add(plan.Now)}
            FROM "TierChanges" c JOIN "Members" m ON m."Id" = c."MemberId"
            WHERE {plan.Ours(p, "c", before, from, to)}
            """,
            p,
            cancellationToken);

        // 4. The downgraded members: the new tier from their row, reviewed a window on (the entry tier never).
        p = sql.NewParameters();
        var target = $"""(SELECT c."ToTierId" FROM "TierChanges" c WHERE c."MemberId" = "Members"."Id" AND {plan.Ours(p, "c", before, from, to)})""";
        var firstReview = TierQualification.FirstReview(plan.Scheme.Settings, plan.Now);
        await sql.ExecuteAsync(
            db,
            $"""
            UPDATE "Members" SET {SqlTierMoves.Standing(target, p.Add(plan.Now), $"CASE WHEN {target} = {p.Add(plan.Scheme.Entry.Id)} THEN NULL ELSE {p.Add(firstReview)} END", "NULL")}
            WHERE "Id" IN (SELECT c."MemberId" FROM "TierChanges" c WHERE {plan.Ours(p, "c", before, from, to)}) AND {plan.Due(p, "\"Members\"")}
            """,
            p,
            cancellationToken);

        // 5. The others, in one statement: kept (next review one window on, grace over) or, short for the first
        // time, grace from the review date.
        p = sql.NewParameters();
        activity = plan.Activity(p, from, to);
        var t = sql.IsSqlServer ? "m" : "\"Members\"";
        var retained = plan.Retained(p, "a");
        var grace = plan.Scheme.Settings.GraceDays > 0;
        var assignments = $"""
            "TierGraceUntil" = CASE WHEN {retained} THEN NULL ELSE {(grace ? sql.AddDays($"{t}.\"TierReviewAt\"", p.Add(plan.Scheme.Settings.GraceDays)) : "NULL")} END,
            "TierReviewAt" = CASE WHEN {retained} THEN {sql.AddMonths($"{t}.\"TierReviewAt\"", p.Add(TierQualification.WindowMonthsOf(plan.Scheme.Settings)))} ELSE {t}."TierReviewAt" END
            """;
        var which = $"""{plan.Due(p, t)} AND ({retained}{(grace ? $" OR {t}.\"TierGraceUntil\" IS NULL" : "")})""";
        await sql.ExecuteAsync(
            db,
            sql.IsSqlServer
                ? $"""UPDATE m SET {assignments} FROM "Members" m JOIN ({activity}) a ON a."MemberId" = m."Id" WHERE {which}"""
                : $"""UPDATE "Members" SET {assignments} FROM ({activity}) a WHERE a."MemberId" = "Members"."Id" AND {which}""",
            p,
            cancellationToken);
        return (int)locked;
    }

    /// <summary>The SQL fragments of one run, built from the scheme in force (a handful of tiers).</summary>
    private sealed class Plan(SetSql sql, TierSchemeSnapshot scheme, DateTimeOffset now)
    {
        public SetSql Sql { get; } = sql;

        public TierSchemeSnapshot Scheme { get; } = scheme;

        public DateTimeOffset Now { get; } = now;

        /// <summary>In a tier that is reviewed, and the review (or the grace after it) has come.</summary>
        public string Due(SetSql.Parameters p, string m)
        {
            var tiers = string.Join(", ", Scheme.Tiers.Where(t => !t.IsEntry).Select(t => p.Add(t.Id)));
            var now = p.Add(Now);
            return $"""{m}."TierId" IN ({tiers}) AND (({m}."TierGraceUntil" IS NULL AND {m}."TierReviewAt" <= {now}) OR {m}."TierGraceUntil" <= {now})""";
        }

        /// <summary>Per due member of the range: tier, grace and activity in the retention window up to now (grace included).</summary>
        public string Activity(SetSql.Parameters p, Guid? from, Guid to)
        {
            var months = p.Add(-TierQualification.WindowMonthsOf(Scheme.Settings));
            // Never before the tier was reached (TierQualification.RetentionWindowStart): month arithmetic clamps to
            // the end of a shorter month, so review − N months can fall before a 29 February or 31 January reach.
            var back = Sql.AddMonths("m.\"TierReviewAt\"", months);
            var start = $"""CASE WHEN m."TierSince" > {back} THEN m."TierSince" ELSE {back} END""";

            var currency = p.Add(Scheme.Settings.SpendCurrency);
            return $"""
                SELECT m."Id" AS "MemberId", m."TierId", m."TierGraceUntil",
                {TierActivitySql.Columns(Sql, currency, null)}
                FROM "Members" m
                LEFT JOIN "Purchases" p ON p."MemberId" = m."Id" AND p."PurchasedAt" >= {start} AND p."PurchasedAt" <= {p.Add(Now)}
                WHERE {Due(p, "m")}{IdRanges.InRange(p, "m.\"Id\"", from, to)}
                GROUP BY m."Id", m."TierId", m."TierGraceUntil"
                """;
        }

        /// <summary>The activity row meets the retention thresholds of the member's tier.</summary>
        public string Retained(SetSql.Parameters p, string a) =>
            "(" + string.Join(" OR ", Scheme.Tiers.Where(t => !t.IsEntry).Select(t => $"""({a}."TierId" = {p.Add(t.Id)} AND {TierActivitySql.Meets(p, t.Retain, a)})""")) + ")";

        /// <summary>Where a member who did not keep their tier lands, by the programme's downgrade mode.</summary>
        public string Target(SetSql.Parameters p, string a)
        {
            var cases = new List<string>();
            foreach (var tier in Scheme.Tiers.Where(t => !t.IsEntry))
            {
                var below = Scheme.Tiers.Where(t => t.Rank < tier.Rank).OrderByDescending(t => t.Rank).ToList();
                string to;
                if (Scheme.Settings.DowngradeMode == DowngradeMode.OneTier)
                {
                    to = p.Add(below[0].Id);
                }
                else
                {
                    var steps = below.Where(t => !t.IsEntry).Select(t => $"WHEN {TierActivitySql.Meets(p, t.Qualify, a)} THEN {p.Add(t.Id)}");
                    to = $"CASE {string.Join(" ", steps)} ELSE {p.Add(Scheme.Entry.Id)} END";
                    if (below.All(t => t.IsEntry))
                    {
                        to = p.Add(Scheme.Entry.Id);
                    }
                }

                cases.Add($"""WHEN {a}."TierId" = {p.Add(tier.Id)} THEN {to}""");
            }

            return $"CASE {string.Join(" ", cases)} END";
        }

        /// <summary>A tier id column as the JSON object {"id","name","rank"} of the event payload.</summary>
        public string TierJson(SetSql.Parameters p, string column) =>
            $"CASE {string.Join(" ", Scheme.Tiers.Select(t => $"WHEN {column} = {p.Add(t.Id)} THEN {p.Add(Json.Serialize(TierChanges.Ref(t)))}"))} ELSE 'null' END";

        /// <summary>The history rows this batch wrote.</summary>
        public string Ours(SetSql.Parameters p, string c, long before, Guid? from, Guid to) =>
            $"""{c}."Id" > {p.Add(before)} AND {c}."Reason" = {p.Add(nameof(TierChangeReason.Downgraded))} AND {c}."OccurredAt" = {p.Add(Now)}{IdRanges.InRange(p, $"{c}.\"MemberId\"", from, to)}""";
    }
}
