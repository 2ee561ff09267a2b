using Loyalty.Application.Abstractions;
using Loyalty.Application.Features.Insight.Health;
using Loyalty.Domain.Customised.Offers;
using Loyalty.Domain.Financial.Earning;
using Loyalty.Domain.Financial.Ledger;
using Loyalty.Domain.Insight.Health;
using Loyalty.Domain.Social.Members;
using Loyalty.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Infrastructure.Insight;

/// <summary>
/// Programme health in SQL: each figure is one statement grouped by month (and channel, campaign, offer group), so
/// the database returns a few dozen rows whatever the number of members and purchases. Instants are grouped by
/// their UTC calendar month as an index (<see cref="HealthMeasures.Index"/>), so "the month before" is index − 1.
/// The rollup and the campaign value belong to the insight refresh and read the primary it writes to (the campaign
/// value joins the run's member rows, not yet committed); the offer value figures serve a dashboard and read the
/// reporting context (the read replica when one is configured).
/// </summary>
public sealed class SqlProgrammeHealthSums(ILoyaltyDbContext db, IReportingDbContext reports) : IProgrammeHealthSums
{
    public async Task<HealthRollup> ComputeAsync(int fromMonth, int toMonth, CancellationToken cancellationToken)
    {
        // The first rollup reads 37 months of every member's purchases: a job's statement, not a request's.
        await using var jobStatements = await SetSql.JobStatementsAsync(db, cancellationToken);
        var sql = SetSql.For(db);
        var x = new InsightSql(sql);
        var start = HealthMeasures.Start(fromMonth);
        var end = HealthMeasures.Start(toMonth + 1);

        // Visits per member and month, from the month before the first (its buyers are the first month's retention cohort).
        var p = sql.NewParameters();
        string MemberMonths(SetSql.Parameters q) => $"""
            SELECT v."MemberId", v."Month", COUNT(*) AS "Visits"
            FROM (SELECT p."MemberId", {x.MonthIndex("p.\"PurchasedAt\"")} AS "Month"
                  FROM "Purchases" p
                  WHERE p."PurchasedAt" >= {q.Add(HealthMeasures.Start(fromMonth - 1))} AND p."PurchasedAt" < {q.Add(end)} AND {x.IsVisit("p")}) v
            GROUP BY v."MemberId", v."Month"
            """;
        var activity = await sql.Query<ActivityRow>(db, $"""
            SELECT c."Month" AS "Month", CAST(COUNT(*) AS bigint) AS "Active",
                   CAST(SUM(CASE WHEN c."Visits" >= 2 THEN 1 ELSE 0 END) AS bigint) AS "Repeat",
                   CAST(SUM(c."Visits") AS bigint) AS "Visits",
                   CAST(SUM(CASE WHEN b."MemberId" IS NULL THEN 0 ELSE 1 END) AS bigint) AS "Retained"
            FROM ({MemberMonths(p)}) c
            LEFT JOIN ({MemberMonths(p)}) b ON b."MemberId" = c."MemberId" AND b."Month" = c."Month" - 1
            GROUP BY c."Month"
            """, p).ToListAsync(cancellationToken);

        var q = sql.NewParameters();
        var merged = q.Add(nameof(MemberStatus.Merged));
        var enrolled = $"""m."EnrolledAt" >= {q.Add(start)} AND m."EnrolledAt" < {q.Add(end)} AND m."Status" <> {merged}""";
        var channels = await sql.Query<ChannelRow>(db, $"""
            SELECT n."Month" AS "Month", n."Channel" AS "Channel", CAST(COUNT(*) AS bigint) AS "Members", CAST(SUM(n."Referred") AS bigint) AS "Referred"
            FROM (SELECT {x.MonthIndex("m.\"EnrolledAt\"")} AS "Month", m."EnrolmentChannel" AS "Channel",
                         CASE WHEN EXISTS (SELECT 1 FROM "Referrals" r WHERE r."RefereeId" = m."Id") THEN 1 ELSE 0 END AS "Referred"
                  FROM "Members" m
                  WHERE {enrolled}) n
            GROUP BY n."Month", n."Channel"
            """, q).ToListAsync(cancellationToken);

        var c = sql.NewParameters();
        var campaigns = await sql.Query<CampaignRow>(db, $"""
            SELECT n."Month" AS "Month", n."CampaignId" AS "CampaignId", CAST(COUNT(*) AS bigint) AS "Members"
            FROM (SELECT DISTINCT {x.MonthIndex("m.\"EnrolledAt\"")} AS "Month", l."CampaignId", m."Id"
                  FROM "Members" m
                  JOIN "EarnBreakdownLines" l ON l."MemberId" = m."Id"
                  JOIN "EarningRules" r ON r."Id" = l."RuleId" AND r."Version" = l."RuleVersion"
                  WHERE m."EnrolledAt" >= {c.Add(start)} AND m."EnrolledAt" < {c.Add(end)} AND m."Status" <> {c.Add(nameof(MemberStatus.Merged))}
                    AND l."LedgerEntryId" IS NOT NULL AND l."CampaignId" IS NOT NULL AND r."Trigger" = {c.Add(nameof(BonusTrigger.Enrolment))}) n
            GROUP BY n."Month", n."CampaignId"
            """, c).ToListAsync(cancellationToken);

        var l = sql.NewParameters();
        var points = await sql.Query<PointsRow>(db, $"""
            SELECT v."Month" AS "Month", v."Type" AS "Type", CAST(SUM(v."Points") AS bigint) AS "Points"
            FROM (SELECT {x.MonthIndex("e.\"OccurredAt\"")} AS "Month", e."Type", e."Points" + e."PendingPoints" AS "Points"
                  FROM "LedgerEntries" e
                  WHERE e."OccurredAt" >= {l.Add(start)} AND e."OccurredAt" < {l.Add(end)}
                    AND e."Type" IN ({l.Add(nameof(LedgerEntryType.Earn))}, {l.Add(nameof(LedgerEntryType.Bonus))}, {l.Add(nameof(LedgerEntryType.Redeem))}, {l.Add(nameof(LedgerEntryType.Expire))})) v
            GROUP BY v."Month", v."Type"
            """, l).ToListAsync(cancellationToken);

        var s = sql.NewParameters();
        var nps = await sql.Query<NpsRow>(db, $"""
            SELECT v."Month" AS "Month", CAST(COUNT(*) AS bigint) AS "Answers",
                   CAST(SUM(CASE WHEN v."Nps" >= {s.Add(HealthMeasures.PromoterMin)} THEN 1 ELSE 0 END) AS bigint) AS "Promoters",
                   CAST(SUM(CASE WHEN v."Nps" <= {s.Add(HealthMeasures.DetractorMax)} THEN 1 ELSE 0 END) AS bigint) AS "Detractors"
            FROM (SELECT {x.MonthIndex("s.\"AnsweredAt\"")} AS "Month", s."Nps"
                  FROM "Surveys" s
                  WHERE s."AnsweredAt" >= {s.Add(start)} AND s."AnsweredAt" < {s.Add(end)} AND s."Nps" IS NOT NULL) v
            GROUP BY v."Month"
            """, s).ToListAsync(cancellationToken);

        var months = new Dictionary<int, HealthCounts>();
        for (var m = fromMonth; m <= toMonth; m++)
        {
            var a = activity.SingleOrDefault(r => r.Month == m);
            var before = activity.SingleOrDefault(r => r.Month == m - 1);
            var joined = channels.Where(r => r.Month == m).ToList();
            long Points(LedgerEntryType type) => points.Where(r => r.Month == m && r.Type == type.ToString()).Sum(r => r.Points);
            var answers = nps.SingleOrDefault(r => r.Month == m);
            months[m] = new HealthCounts(
                a?.Active ?? 0,
                before?.Active ?? 0,
                a?.Retained ?? 0,
                a?.Repeat ?? 0,
                a?.Visits ?? 0,
                joined.Sum(r => r.Members),
                joined.Sum(r => r.Referred),
                Points(LedgerEntryType.Earn) + Points(LedgerEntryType.Bonus),
                -Points(LedgerEntryType.Redeem),
                -Points(LedgerEntryType.Expire),
                answers?.Answers ?? 0,
                answers?.Promoters ?? 0,
                answers?.Detractors ?? 0);
        }

        var acquisitions = channels.Select(r => (r.Month, AcquisitionSource.Channel, r.Channel, r.Members))
            .Concat(campaigns.Select(r => (r.Month, AcquisitionSource.Campaign, r.CampaignId.ToString(), r.Members)))
            .ToList();
        return new HealthRollup(months, acquisitions);
    }

    public async Task<IReadOnlyList<CampaignValueRow>> CampaignValueAsync(Guid? runId, CancellationToken cancellationToken)
    {
        var sql = SetSql.For(db);
        async Task<List<GroupValueRow>> ValueOf(string members, SetSql.Parameters p) => await sql.Query<GroupValueRow>(db, $"""
            SELECT a."CampaignId" AS "Key", CAST(COUNT(*) AS bigint) AS "Members", CAST(COUNT(i."MemberId") AS bigint) AS "Scored",
                   CAST(COALESCE(SUM(i."LifetimeValue"), 0) AS bigint) AS "Value",
                   CAST(SUM(CASE WHEN i."ValueDecile" <= 2 THEN 1 ELSE 0 END) AS bigint) AS "Top"
            FROM ({members}) a
            LEFT JOIN "MemberInsights" i ON i."RunId" = {p.Add(runId ?? Guid.Empty)} AND i."MemberId" = a."MemberId"
            GROUP BY a."CampaignId"
            """, p).ToListAsync(cancellationToken);

        var ap = sql.NewParameters();
        var acquired = await ValueOf($"""
            SELECT DISTINCT l."CampaignId", l."MemberId"
            FROM "EarnBreakdownLines" l JOIN "EarningRules" r ON r."Id" = l."RuleId" AND r."Version" = l."RuleVersion"
            WHERE l."LedgerEntryId" IS NOT NULL AND l."CampaignId" IS NOT NULL AND r."Trigger" = {ap.Add(nameof(BonusTrigger.Enrolment))}
            """, ap);
        var reached = await ValueOf("""
            SELECT DISTINCT l."CampaignId", l."MemberId"
            FROM "EarnBreakdownLines" l
            WHERE l."PurchaseId" IS NOT NULL AND l."CampaignId" IS NOT NULL
            """, sql.NewParameters());
        return [.. acquired.Select(r => r.Key).Union(reached.Select(r => r.Key)).Select(id =>
        {
            var a = acquired.SingleOrDefault(r => r.Key == id);
            var b = reached.SingleOrDefault(r => r.Key == id);
            return new CampaignValueRow(id, a?.Members ?? 0, a?.Scored ?? 0, a?.Value ?? 0, a?.Top ?? 0, b?.Members ?? 0, b?.Scored ?? 0, b?.Value ?? 0, b?.Top ?? 0);
        })];
    }

    public async Task<IReadOnlyList<OfferValueRow>> OfferValueAsync(Guid? runId, int months, string currency, CancellationToken cancellationToken)
    {
        var sql = SetSql.For(reports);
        var p = sql.NewParameters();
        var net = sql.TenThousandths($"""{sql.Number("p.\"Amount\"")} - {sql.Number("p.\"ReturnedAmount\"")}""");
        var text = $"""
            SELECT x."OfferId" AS "OfferId", x."Group" AS "Group", CAST(COUNT(*) AS bigint) AS "Members", CAST(COUNT(x."Scored") AS bigint) AS "Scored",
                   CAST(COALESCE(SUM(x."Value"), 0) AS bigint) AS "Value", CAST(COALESCE(SUM(x."Spend"), 0) AS bigint) AS "Spend"
            FROM (SELECT a."OfferId", a."Group", i."MemberId" AS "Scored", i."LifetimeValue" AS "Value",
                         (SELECT SUM({net}) FROM "Purchases" p
                          WHERE p."MemberId" = a."MemberId" AND p."PurchasedAt" >= o."StartsAt" AND p."PurchasedAt" < {sql.AddMonths("o.\"StartsAt\"", p.Add(months))}
                            AND p."Currency" = {p.Add(currency)}) AS "Spend"
                  FROM "OfferAssignments" a
                  JOIN "PersonalOffers" o ON o."Id" = a."OfferId"
                  LEFT JOIN "MemberInsights" i ON i."RunId" = {p.Add(runId ?? Guid.Empty)} AND i."MemberId" = a."MemberId"
                  WHERE o."Status" <> {p.Add(nameof(OfferStatus.Draft))}) x
            GROUP BY x."OfferId", x."Group"
            """;
        var rows = await sql.Query<OfferRow>(reports, text, p).ToListAsync(cancellationToken);
        return [.. rows.Select(r => new OfferValueRow(r.OfferId, r.Group, r.Members, r.Scored, r.Value, r.Spend))];
    }

    private sealed class ActivityRow
    {
        public int Month { get; set; }

        public long Active { get; set; }

        public long Repeat { get; set; }

        public long Visits { get; set; }

        public long Retained { get; set; }
    }

    private sealed class ChannelRow
    {
        public int Month { get; set; }

        public string Channel { get; set; } = "";

        public long Members { get; set; }

        public long Referred { get; set; }
    }

    private sealed class CampaignRow
    {
        public int Month { get; set; }

        public Guid CampaignId { get; set; }

        public long Members { get; set; }
    }

    private sealed class PointsRow
    {
        public int Month { get; set; }

        public string Type { get; set; } = "";

        public long Points { get; set; }
    }

    private sealed class NpsRow
    {
        public int Month { get; set; }

        public long Answers { get; set; }

        public long Promoters { get; set; }

        public long Detractors { get; set; }
    }

    private sealed class GroupValueRow
    {
        public Guid Key { get; set; }

        public long Members { get; set; }

        public long Scored { get; set; }

        public long Value { get; set; }

        public long Top { get; set; }
    }

    private sealed class OfferRow
    {
        public Guid OfferId { get; set; }

        public string Group { get; set; } = "";

        public long Members { get; set; }

        public long Scored { get; set; }

        public long Value { get; set; }

        public long Spend { get; set; }
    }
}
