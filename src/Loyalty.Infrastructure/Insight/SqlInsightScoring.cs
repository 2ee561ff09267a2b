using Loyalty.Application.Abstractions;
using Loyalty.Application.Features.Insight;
using Loyalty.Domain.Insight.Churn;
using Loyalty.Domain.Insight.Classes;
using Loyalty.Domain.Insight.Retention;
using Loyalty.Domain.Insight.Value;
using Loyalty.Domain.Social.Members;
using Loyalty.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Infrastructure.Insight;

/// <summary>
/// Insight's scoring in SQL, one statement per step whatever the number of members:
/// <list type="number">
/// <item>facts: one pass over the visits up to the instant (a window function gives each visit the gap since the
/// member's previous one), grouped per member — visits and net spend per window, last visit, sum and sum of squares
/// of the year's gaps;</item>
/// <item>scores per member from the facts and the latest NPS answer (stated intent): class and churn score with the Domain rules' thresholds
/// (<see cref="MemberClassRule"/>, <see cref="ChurnRisk"/>), lifetime value (<see cref="LifetimeValue"/>);</item>
/// <item>ranks over all members: RFM quintiles and value rank and decile (<see cref="Quintiles"/>) with RANK(), so ties share a bucket.</item>
/// </list>
/// The run inserts the result as its snapshot, on the primary; the backtest reads the same query as of a past instant,
/// from the reporting context (the read replica when one is configured): it stores nothing.
/// </summary>
public sealed class SqlInsightScoring(ILoyaltyDbContext db, IReportingDbContext reports) : IInsightScoring
{
    private const string Columns = """
        "MemberId", "TierId", "TenureDays", "Visits", "VisitsYear", "VisitsQuarter", "VisitsPreviousQuarter", "NetSpendYear", "NetSpendQuarter",
        "LastVisitAt", "DaysSinceLastVisit", "IntervalDays", "IntervalVariation", "Recency", "Frequency", "Monetary", "LifetimeValue", "ValueRank",
        "ValueDecile", "Class", "ChurnScore", "Nps"
        """;

    public async Task<(long Cohort, long Retained)> RetentionAsync(DateTimeOffset asOf, string currency, CancellationToken cancellationToken)
    {
        var sql = SetSql.For(db);
        var x = new InsightSql(sql);
        var p = sql.NewParameters();
        string yearAgo = p.Add(asOf.AddDays(-InsightWindows.YearDays)), twoYearsAgo = p.Add(asOf.AddDays(-2 * InsightWindows.YearDays)), until = p.Add(asOf);
        var text = $"""
            SELECT CAST(COUNT(*) AS bigint) AS "Cohort",
                   CAST(COALESCE(SUM(CASE WHEN EXISTS (SELECT 1 FROM "Purchases" q WHERE q."MemberId" = m."Id" AND q."PurchasedAt" > {yearAgo} AND q."PurchasedAt" <= {until} AND {x.IsVisit("q")}) THEN 1 ELSE 0 END), 0) AS bigint) AS "Retained"
            FROM "Members" m
            WHERE m."Status" = {p.Add(nameof(MemberStatus.Active))} AND m."ErasedAt" IS NULL
              AND EXISTS (SELECT 1 FROM "Purchases" p WHERE p."MemberId" = m."Id" AND p."PurchasedAt" > {twoYearsAgo} AND p."PurchasedAt" <= {yearAgo} AND {x.IsVisit("p")})
            """;
        var row = await sql.Query<RetentionRow>(db, text, p).SingleAsync(cancellationToken);
        return (row.Cohort, row.Retained);
    }

    public async Task<int> ScoreAsync(InsightRun run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        var sql = SetSql.For(db);
        var p = sql.NewParameters();
        var runId = p.Add(run.Id);
        var scored = Scored(sql, p, run.AsOf, run.Currency, run.ValueMultiple);
        var text = $"""
            INSERT INTO "MemberInsights" ("RunId", {Columns})
            SELECT {runId}, {Columns} FROM ({scored}) r
            """;
        // The gap pass sorts every visit and the ranks every member.
        await using (await SetSql.JobStatementsAsync(db, cancellationToken))
        {
            return await sql.ExecuteAsync(db, text, p, cancellationToken);
        }
    }

    public async Task<IReadOnlyList<BacktestCase>> BacktestAsync(DateTimeOffset asOf, string currency, CancellationToken cancellationToken)
    {
        var sql = SetSql.For(reports);
        var x = new InsightSql(sql);
        var p = sql.NewParameters();
        var facts = Scores(sql, p, asOf, currency, 1.0);
        var text = $"""
            SELECT s."MemberId", CAST(s."ChurnScore" AS integer) AS "Score", CAST(s."DaysSinceLastVisit" AS integer) AS "DaysSince",
                   CASE WHEN EXISTS (SELECT 1 FROM "Purchases" n WHERE n."MemberId" = s."MemberId" AND n."PurchasedAt" > {p.Add(asOf)}
                                     AND n."PurchasedAt" <= {p.Add(asOf.AddDays(InsightWindows.ChurnHorizonDays))} AND {x.IsVisit("n")}) THEN 0 ELSE 1 END AS "Churned"
            FROM ({facts}) s
            WHERE s."VisitsYear" > 0
            """;
        var rows = await sql.Query<BacktestRow>(reports, text, p).ToListAsync(cancellationToken);
        return [.. rows.Select(r => new BacktestCase(r.MemberId, r.Score, r.DaysSince, r.Churned == 1))];
    }

    public async Task<int> EvaluateRetentionAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var sql = SetSql.For(db);
        var x = new InsightSql(sql);
        const string Action = "\"RetentionActions\"";
        var due = sql.AddDays($"{Action}.\"TakenAt\"", $"{Action}.\"FollowUpDays\"");
        var p = sql.NewParameters();
        var pending = p.Add(nameof(RetentionOutcome.Pending));
        var nowValue = p.Add(now);
        var visit = $"""
            FROM "Purchases" v WHERE v."MemberId" = {Action}."MemberId" AND v."PurchasedAt" > {Action}."TakenAt" AND v."PurchasedAt" <= {due}
              AND v."PurchasedAt" <= {nowValue} AND {x.IsVisit("v")}
            """;
        var returned = await sql.ExecuteAsync(db, $"""
            UPDATE {Action} SET "Outcome" = {p.Add(nameof(RetentionOutcome.Returned))}, "EvaluatedAt" = {nowValue}, "ReturnedAt" = (SELECT MIN(v."PurchasedAt") {visit})
            WHERE "Outcome" = {pending} AND EXISTS (SELECT 1 {visit})
            """, p, cancellationToken);

        var q = sql.NewParameters();
        var lapsed = await sql.ExecuteAsync(db, $"""
            UPDATE {Action} SET "Outcome" = {q.Add(nameof(RetentionOutcome.NotReturned))}, "EvaluatedAt" = {q.Add(now)}
            WHERE "Outcome" = {q.Add(nameof(RetentionOutcome.Pending))} AND {due} <= {q.Add(now)}
            """, q, cancellationToken);
        return returned + lapsed;
    }

    /// <summary>Every active member's facts, class, churn score and lifetime value, then the ranks over all of them.</summary>
    private static string Scored(SetSql sql, SetSql.Parameters p, DateTimeOffset asOf, string currency, double multiple)
    {
        var scores = Scores(sql, p, asOf, currency, multiple);
        const string Over = "COUNT(*) OVER ()";
        return $"""
            SELECT s.*,
                   1 + (5 * (RANK() OVER (ORDER BY COALESCE(s."DaysSinceLastVisit", 100000000) DESC) - 1)) / {Over} AS "Recency",
                   1 + (5 * (RANK() OVER (ORDER BY s."VisitsYear") - 1)) / {Over} AS "Frequency",
                   1 + (5 * (RANK() OVER (ORDER BY s."NetSpendYear") - 1)) / {Over} AS "Monetary",
                   RANK() OVER (ORDER BY s."LifetimeValue" DESC) AS "ValueRank",
                   1 + (10 * (RANK() OVER (ORDER BY s."LifetimeValue" DESC) - 1)) / {Over} AS "ValueDecile"
            FROM ({scores}) s
            """;
    }

    /// <summary>Facts plus the per-member scores (no ranks).</summary>
    private static string Scores(SetSql sql, SetSql.Parameters p, DateTimeOffset asOf, string currency, double multiple)
    {
        var x = new InsightSql(sql);
        var facts = Facts(sql, x, p, asOf, currency);
        string P(object v) => p.Add(v);
        var interval = x.Greatest("f.\"IntervalDays\"", "1.0");
        var since = x.Real("f.\"DaysSinceLastVisit\"");
        var classOf = $"""
            CASE
              WHEN f."DaysSinceLastVisit" IS NULL THEN CASE WHEN f."TenureDays" >= {P(MemberClassRule.DormantDays)} THEN {P(nameof(MemberClass.Drifting))} ELSE {P(nameof(MemberClass.General))} END
              WHEN f."IntervalDays" IS NULL THEN CASE WHEN f."DaysSinceLastVisit" >= {P(MemberClassRule.DormantDays)} THEN {P(nameof(MemberClass.Drifting))} ELSE {P(nameof(MemberClass.General))} END
              WHEN {since} > {P(MemberClassRule.DriftFactor)} * {interval} AND f."DaysSinceLastVisit" >= {P(MemberClassRule.MinDriftDays)} THEN {P(nameof(MemberClass.Drifting))}
              WHEN {since} <= {P(MemberClassRule.LoyalFactor)} * {interval}
                   AND f."VisitsYear" >= CASE WHEN f."Nps" >= {P(MemberClassRule.PromoterMin)} THEN {P(MemberClassRule.PromoterVisits)} ELSE {P(MemberClassRule.LoyalVisits)} END
                   AND (f."Nps" IS NULL OR f."Nps" > {P(MemberClassRule.DetractorMax)})
                   AND f."IntervalVariation" <= {P(MemberClassRule.MaxSpread * MemberClassRule.MaxSpread)}
                   AND f."TenureDays" >= {P(MemberClassRule.LoyalTenureDays)}
                   AND f."NetSpendYear" > 0 AND {x.Real("f.\"NetSpendQuarter\"")} / {x.Real("f.\"NetSpendYear\"")} >= {P(MemberClassRule.MinRecentShare)}
                THEN {P(nameof(MemberClass.Loyal))}
              ELSE {P(nameof(MemberClass.General))}
            END
            """;
        var cap = P(ChurnRisk.LatenessCap);
        var lateness = $"""
            CASE
              WHEN f."DaysSinceLastVisit" IS NULL THEN {P(ChurnRisk.NeverBoughtPoints)}
              WHEN f."IntervalDays" IS NULL THEN {x.Least(cap, x.Greatest("0.0", $"{since} / {P(ChurnRisk.LapsedDaysPerPoint)}"))}
              ELSE {x.Least(cap, x.Greatest("0.0", $"({since} / {interval} - 1) * {P(ChurnRisk.PointsPerIntervalOverdue)}"))}
            END
            """;
        var fewerVisits = $"""
            CASE WHEN f."VisitsPreviousQuarter" > 0
                 THEN {x.Real(x.Greatest("0", "f.\"VisitsPreviousQuarter\" - f.\"VisitsQuarter\""))} / {x.Real("f.\"VisitsPreviousQuarter\"")} * {P(ChurnRisk.VisitsCap)}
                 ELSE 0.0 END
            """;
        var steady = P(ChurnRisk.SteadyShare);
        var spendDown = $"""
            CASE WHEN f."NetSpendYear" > 0
                 THEN {x.Greatest("0.0", $"{steady} - {x.Real("f.\"NetSpendQuarter\"")} / {x.Real("f.\"NetSpendYear\"")}")} / {steady} * {P(ChurnRisk.SpendCap)}
                 ELSE 0.0 END
            """;
        var detractor = $"""CASE WHEN f."Nps" <= {P(MemberClassRule.DetractorMax)} THEN {P(ChurnRisk.DetractorPoints)} ELSE 0.0 END""";
        var churn = x.Least("100", x.Greatest("0", x.Truncate($"({lateness}) + ({fewerVisits}) + ({spendDown}) + ({detractor})")));
        var observed = x.Least(P(InsightWindows.YearDays), x.Greatest(P(LifetimeValue.MinObservedDays), "f.\"TenureDays\""));
        var value = $"""CASE WHEN f."NetSpendYear" > 0 THEN {x.Truncate($"{x.Real("f.\"NetSpendYear\"")} * {P((double)InsightWindows.YearDays)} / {x.Real(observed)} * {P(multiple)}")} ELSE 0 END""";
        return $"""
            SELECT f.*, {classOf} AS "Class", {churn} AS "ChurnScore", {value} AS "LifetimeValue"
            FROM ({facts}) f
            """;
    }

    /// <summary>One row per active member enrolled by <paramref name="asOf"/>: the facts of <see cref="MemberFacts"/>, from visits up to it.</summary>
    private static string Facts(SetSql sql, InsightSql x, SetSql.Parameters p, DateTimeOffset asOf, string currency)
    {
        var until = p.Add(asOf);
        var year = p.Add(asOf.AddDays(-InsightWindows.YearDays));
        var quarter = p.Add(asOf.AddDays(-InsightWindows.QuarterDays));
        var previousQuarter = p.Add(asOf.AddDays(-2 * InsightWindows.QuarterDays));
        var inCurrency = p.Add(currency);
        var net = sql.TenThousandths($"{sql.Number("p.\"Amount\"")} - {sql.Number("p.\"ReturnedAmount\"")}");
        var gap = x.Days("v.\"PurchasedAt\"", "v.\"Previous\"");
        var visits = $"""
            SELECT v."MemberId",
                   COUNT(*) AS "Visits",
                   SUM(CASE WHEN v."PurchasedAt" > {year} THEN 1 ELSE 0 END) AS "VisitsYear",
                   SUM(CASE WHEN v."PurchasedAt" > {quarter} THEN 1 ELSE 0 END) AS "VisitsQuarter",
                   SUM(CASE WHEN v."PurchasedAt" > {previousQuarter} AND v."PurchasedAt" <= {quarter} THEN 1 ELSE 0 END) AS "VisitsPreviousQuarter",
                   SUM(CASE WHEN v."PurchasedAt" > {year} AND v."Currency" = {inCurrency} THEN v."Net" ELSE 0 END) AS "NetSpendYear",
                   SUM(CASE WHEN v."PurchasedAt" > {quarter} AND v."Currency" = {inCurrency} THEN v."Net" ELSE 0 END) AS "NetSpendQuarter",
                   MAX(v."PurchasedAt") AS "LastVisitAt",
                   SUM(CASE WHEN v."Previous" > {year} THEN {gap} ELSE 0.0 END) AS "GapSum",
                   SUM(CASE WHEN v."Previous" > {year} THEN {gap} * {gap} ELSE 0.0 END) AS "GapSquares"
            FROM (SELECT p."MemberId", p."PurchasedAt", p."Currency", {net} AS "Net",
                         LAG(p."PurchasedAt") OVER (PARTITION BY p."MemberId" ORDER BY p."PurchasedAt") AS "Previous"
                  FROM "Purchases" p
                  WHERE p."PurchasedAt" <= {until} AND {x.IsVisit("p")}) v
            GROUP BY v."MemberId"
            """;
        // Stated intent: the latest NPS answered up to the instant (care's surveys), one row per member.
        var latestNps = $"""
            SELECT sv."MemberId", sv."Nps", ROW_NUMBER() OVER (PARTITION BY sv."MemberId" ORDER BY sv."AnsweredAt" DESC, sv."Sequence" DESC) AS "Latest"
            FROM "Surveys" sv
            WHERE sv."AnsweredAt" IS NOT NULL AND sv."AnsweredAt" <= {until} AND sv."Nps" IS NOT NULL
            """;
        var gaps = $"""{x.Real("a.\"VisitsYear\" - 1")}""";
        var mean = $"(a.\"GapSum\" / {gaps})";
        return $"""
            SELECT m."Id" AS "MemberId", m."TierId",
                   {x.WholeDays(until, "m.\"EnrolledAt\"")} AS "TenureDays",
                   COALESCE(a."Visits", 0) AS "Visits",
                   COALESCE(a."VisitsYear", 0) AS "VisitsYear",
                   COALESCE(a."VisitsQuarter", 0) AS "VisitsQuarter",
                   COALESCE(a."VisitsPreviousQuarter", 0) AS "VisitsPreviousQuarter",
                   COALESCE(a."NetSpendYear", 0) AS "NetSpendYear",
                   COALESCE(a."NetSpendQuarter", 0) AS "NetSpendQuarter",
                   a."LastVisitAt",
                   CASE WHEN a."LastVisitAt" IS NULL THEN NULL ELSE {x.WholeDays(until, "a.\"LastVisitAt\"")} END AS "DaysSinceLastVisit",
                   CASE WHEN a."VisitsYear" >= 2 THEN {mean} END AS "IntervalDays",
                   CASE WHEN a."VisitsYear" >= 2 THEN
                        CASE WHEN a."GapSum" > 0 THEN {x.Greatest("0.0", $"(a.\"GapSquares\" / {gaps}) / ({mean} * {mean}) - 1")} ELSE 0.0 END
                   END AS "IntervalVariation",
                   lastNps."Nps"
            FROM "Members" m
            LEFT JOIN ({visits}) a ON a."MemberId" = m."Id"
            LEFT JOIN ({latestNps}) lastNps ON lastNps."MemberId" = m."Id" AND lastNps."Latest" = 1
            WHERE m."Status" = {p.Add(nameof(MemberStatus.Active))} AND m."ErasedAt" IS NULL AND m."EnrolledAt" <= {until}
            """;
    }

    private sealed class RetentionRow
    {
        public long Cohort { get; set; }

        public long Retained { get; set; }
    }

    private sealed class BacktestRow
    {
        public Guid MemberId { get; set; }

        public int Score { get; set; }

        public int DaysSince { get; set; }

        public int Churned { get; set; }
    }
}
