using Loyalty.Application.Abstractions;
using Loyalty.Application.Common;
using Loyalty.Domain.Social.Tiers;
using Loyalty.Domain.Structural.Outbox;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Loyalty.Application.Features.Social.Tiers;

/// <summary>The tier review run: keeps, starts grace for, or moves down every member whose review (or grace) is due. Returns members reviewed.</summary>
public sealed record ReviewTiersCommand(int MembersPerBatch = ReviewTiersCommand.DefaultMembersPerBatch, int Parallelism = ReviewTiersCommand.DefaultParallelism) : ICommand<int>
{
    public const int DefaultMembersPerBatch = 10_000;

    /// <summary>Batches run at once on a database server (their member ranges are disjoint); SQLite runs one.</summary>
    public const int DefaultParallelism = 2;
}

/// <summary>
/// Set-based, one transaction per range of member ids, a handful of statements per range whatever its size:
/// (1) SELECT … FOR UPDATE locks the due members of the range (a purchase that moves a member up waits on the same row
/// lock), (2) downgrades as history rows, the activity added up in SQL and the target tier chosen by a CASE built
/// from the scheme, (3) one tier.changed message per such row, (4) the downgraded members, (5) in one UPDATE, the
/// next review for those who kept their tier and grace for those who fell short the first time. Every UPDATE
/// repeats "due" in its WHERE, and a reviewed member is no longer due: a second run, or a second instance waiting
/// on the locks, finds nothing left to do.
/// </summary>
public sealed class ReviewTiersHandler(ILoyaltyDbContext db, IServiceScopeFactory scopes, TierSchemeCache schemes, IWriteGate writeGate, TimeProvider clock)
    : ICommandHandler<ReviewTiersCommand, int>
{
    public const string Actor = "system";

    public async ValueTask<int> Handle(ReviewTiersCommand command, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(command.MembersPerBatch, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(command.Parallelism, 1);
        schemes.Invalidate(); // a run is rare: decide on the scheme as it is now
        var scheme = await schemes.GetAsync(db, cancellationToken);
        var reviewed = scheme.Tiers.Where(t => !t.IsEntry).ToList();
        if (reviewed.Count == 0 || !scheme.Tiers.Any(t => t.IsEntry))
        {
            return 0;
        }

        var sql = SetSql.For(db);
        var plan = new Plan(sql, scheme, clock.GetUtcNow());
        var batches = await BatchesAsync(plan, command.MembersPerBatch, cancellationToken);
        if (sql.SingleWriter || command.Parallelism == 1 || batches.Count < 2)
        {
            var total = 0;
            foreach (var (from, to) in batches)
            {
                total += await InTransactionAsync(db, plan, from, to, cancellationToken);
            }

            return total;
        }

        var counts = new int[batches.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, batches.Count),
            new ParallelOptions { MaxDegreeOfParallelism = command.Parallelism, CancellationToken = cancellationToken },
            async (i, ct) =>
            {
                await using var scope = scopes.CreateAsyncScope();
                counts[i] = await InTransactionAsync(scope.ServiceProvider.GetRequiredService<ILoyaltyDbContext>(), plan, batches[i].From, batches[i].To, ct);
            });
        return counts.Sum();
    }

    private async Task<int> InTransactionAsync(ILoyaltyDbContext context, Plan plan, Guid? from, Guid to, CancellationToken cancellationToken)
    {
        await using var transaction = await WriteTransaction.BeginAsync(context, writeGate, cancellationToken);
        var count = await ReviewBatchAsync(context, plan, from, to, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return count;
    }

    /// <summary>Ranges of <paramref name="size"/> due members in the database's order of ids.</summary>
    private async Task<List<(Guid? From, Guid To)>> BatchesAsync(Plan plan, int size, CancellationToken cancellationToken)
    {
        var p = plan.Sql.NewParameters();
        var text = $"""
            SELECT n."Id" AS "Value" FROM (
                SELECT m."Id", ROW_NUMBER() OVER (ORDER BY m."Id") AS "Row", COUNT(*) OVER () AS "Total"
                FROM "Members" m WHERE {plan.Due(p, "m")}
            ) n
            WHERE n."Row" % {p.Add((long)size)} = 0 OR n."Row" = n."Total"
            ORDER BY n."Row"
            """;
        var ends = await plan.Sql.Query<Guid>(db, text, p).ToListAsync(cancellationToken);
        var batches = new List<(Guid? From, Guid To)>();
        Guid? start = null;
        foreach (var end in ends)
        {
            batches.Add((start, end));
            start = end;
        }

        return batches;
    }

    private static async Task<int> ReviewBatchAsync(ILoyaltyDbContext db, Plan plan, Guid? from, Guid to, CancellationToken cancellationToken)
    {
        var sql = plan.Sql;

        // 1. Lock the range's due members (without writing them: each is written once, below).
        var p = sql.NewParameters();
        var locked = (await sql.Query<long>(db, sql.LockedCount("\"Members\"", "m", $"{plan.Due(p, "m")}{InRange(p, "m.\"Id\"", from, to)}"), p).ToListAsync(cancellationToken))[0];
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
            INSERT INTO "TierChanges" ("MemberId", "FromTierId", "ToTierId", "Reason", "PointsEarned", "Spend", "Visits", "OccurredAt", "Actor")
            SELECT a."MemberId", a."TierId", {plan.Target(p, "a")}, {p.Add(nameof(TierChangeReason.Downgraded))}, a."Points", a."Spend" / 10000.0, a."Visits", {p.Add(plan.Now)}, {p.Add(Actor)}
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
            INSERT INTO "OutboxMessages" ("Id", "Type", "MemberId", "Payload", "OccurredAt")
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
            UPDATE "Members" SET
                "TierId" = {target},
                "TierSince" = {p.Add(plan.Now)},
                "TierReviewAt" = CASE WHEN {target} = {p.Add(plan.Scheme.Entry.Id)} THEN NULL ELSE {p.Add(firstReview)} END,
                "TierGraceUntil" = NULL
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

    private static string InRange(SetSql.Parameters p, string column, Guid? from, Guid to) =>
        (from is { } f ? $" AND {column} > {p.Add(f)}" : "") + $" AND {column} <= {p.Add(to)}";

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
            var start = Sql.AddMonths("m.\"TierReviewAt\"", months);
            if (Scheme.Settings.WindowKind == QualificationWindowKind.SinceLastChange)
            {
                start = $"""CASE WHEN m."TierSince" > {start} THEN m."TierSince" ELSE {start} END""";
            }

            var currency = p.Add(Scheme.Settings.SpendCurrency);
            return $"""
                SELECT m."Id" AS "MemberId", m."TierId", m."TierGraceUntil",
                {TierActivity.Columns(Sql, currency, null)}
                FROM "Members" m
                LEFT JOIN "Purchases" p ON p."MemberId" = m."Id" AND p."PurchasedAt" >= {start} AND p."PurchasedAt" <= {p.Add(Now)}
                WHERE {Due(p, "m")}{InRange(p, "m.\"Id\"", from, to)}
                GROUP BY m."Id", m."TierId", m."TierGraceUntil"
                """;
        }

        /// <summary>The activity row meets the retention thresholds of the member's tier.</summary>
        public string Retained(SetSql.Parameters p, string a) =>
            "(" + string.Join(" OR ", Scheme.Tiers.Where(t => !t.IsEntry).Select(t => $"""({a}."TierId" = {p.Add(t.Id)} AND {TierActivity.Meets(p, t.Retain, a)})""")) + ")";

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
                    var steps = below.Where(t => !t.IsEntry).Select(t => $"WHEN {TierActivity.Meets(p, t.Qualify, a)} THEN {p.Add(t.Id)}");
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
            $"""{c}."Id" > {p.Add(before)} AND {c}."Reason" = {p.Add(nameof(TierChangeReason.Downgraded))} AND {c}."OccurredAt" = {p.Add(Now)}{InRange(p, $"{c}.\"MemberId\"", from, to)}""";
    }
}
