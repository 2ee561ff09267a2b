using System.Net;
using System.Net.Http.Json;
using Loyalty.Api.Tests.Customised.AccountManagers;
using Loyalty.Api.Tests.Infrastructure;
using Loyalty.Contracts.Admin;
using Loyalty.Contracts.Partner;
using Loyalty.Domain.Insight.Churn;
using Loyalty.Domain.Insight.Classes;
using Loyalty.Domain.Insight.Value;
using Loyalty.Infrastructure.Insight;
using Loyalty.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Loyalty.Api.Tests.Customised.AccountManagers.AccountManagerKit;
using static Loyalty.Api.Tests.Insight.InsightKit;
using DomainClass = Loyalty.Domain.Insight.Classes.MemberClass;
using WireClass = Loyalty.Contracts.Admin.MemberClass;
using WireReason = Loyalty.Contracts.Admin.ChurnReasonKind;

namespace Loyalty.Api.Tests.Insight;

[Collection(ApiCollection.Name)]
public sealed class InsightTests(ApiFixture fixture)
{
    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_drifting_member_is_explained_from_their_real_purchases_and_every_stored_score_follows_the_domain_rules(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        var now = Now(s);
        var member = await s.EnrolAsync();
        await s.HabitAsync(member.MemberNumber, visits: 5, every: 9, lastDaysAgo: 41, amount: 20m, from: now);
        // Returns: a purchase returned in full is no visit (it would break the rhythm); a partial one lowers the spend.
        var returned = await s.BuyAsync(member.MemberNumber, now.AddDays(-45), 30m);
        await s.Partner.PostJsonAsync<ReturnResponse>($"/api/v1/partner/transactions/{returned.ExternalId}/returns", new RecordReturnRequest("RET-" + Unique.Id(), null, null), idempotent: true);
        var partly = await s.BuyAsync(member.MemberNumber, now.AddDays(-86), 10m); // in step with the habit
        await s.Partner.PostJsonAsync<ReturnResponse>($"/api/v1/partner/transactions/{partly.ExternalId}/returns", new RecordReturnRequest("RET-" + Unique.Id(), 4m, null), idempotent: true);

        var run = await s.RefreshAsync();
        var insight = await s.Admin.GetJsonAsync<MemberInsightResponse>(MemberInsight(member.Id));

        var latest = insight.Latest!;
        Assert.Equal(run.Id, latest.RunId);
        Assert.Equal(WireClass.Drifting, latest.Class);
        Assert.Equal("usually buys every 9 days; last purchase 41 days ago", latest.Explanation);
        var facts = latest.Facts;
        Assert.Equal((6, 6, 6, 0, 106m, 106m, 41), (facts.Visits, facts.VisitsLastYear, facts.VisitsLast90Days, facts.VisitsPrevious90Days, facts.NetSpendLastYear, facts.NetSpendLast90Days, facts.DaysSinceLastPurchase!.Value));
        Assert.Equal(now.AddDays(-41), facts.LastPurchaseAt);
        Assert.Equal(9.0, facts.UsualIntervalDays!.Value, 6);
        Assert.Equal(WireReason.Overdue, latest.ChurnReasons[0].Kind);
        Assert.Equal("last purchase 41 days ago; usually every 9 days", latest.ChurnReasons[0].Text);
        Assert.Equal(60, latest.ChurnScore);
        Assert.Equal(
            LifetimeValue.Estimate(1_060_000, facts.TenureDays, run.ValueMultiple) / 10_000m,
            latest.LifetimeValue);
        Assert.Single(insight.History);

        // Every stored row agrees with the pure rules: class, churn score, value, and the ranks over the whole run.
        await using var db = s.Api.CreateDbContext();
        var rows = await db.MemberInsights.AsNoTracking().Where(i => i.RunId == run.Id).ToListAsync();
        Assert.Equal(run.Members, rows.Count);
        var n = rows.Count;
        var values = rows.Select(r => r.LifetimeValue).OrderDescending().ToArray();
        foreach (var row in rows)
        {
            var f = row.Facts;
            Assert.Equal(MemberClassRule.Classify(f, row.Nps), row.Class);
            Assert.Equal(ChurnRisk.Score(f, row.Nps), row.ChurnScore);
            Assert.Equal(LifetimeValue.Estimate(row.NetSpendYear, row.TenureDays, run.ValueMultiple), row.LifetimeValue);
            var rank = 1 + rows.Count(o => o.LifetimeValue > row.LifetimeValue);
            Assert.Equal((rank, Quintiles.Decile(rank, n)), (row.ValueRank, row.ValueDecile));
            Assert.Equal(Quintiles.Quintile(1 + rows.Count(o => (o.DaysSinceLastVisit ?? int.MaxValue) > (row.DaysSinceLastVisit ?? int.MaxValue)), n), row.Recency);
            Assert.Equal(Quintiles.Quintile(1 + rows.Count(o => o.VisitsYear < row.VisitsYear), n), row.Frequency);
            Assert.Equal(Quintiles.Quintile(1 + rows.Count(o => o.NetSpendYear < row.NetSpendYear), n), row.Monetary);
        }

        var distribution = await s.Admin.GetJsonAsync<ValueDistributionResponse>("/api/v1/admin/insight/value/distribution");
        Assert.Equal(n, distribution.Deciles.Sum(d => d.Members));
        Assert.Equal(n, distribution.RfmCells.Sum(c => c.Members));
        // The distribution is stored with the run: each decile and RFM cell agrees with the run's member rows.
        Assert.Equal(
            rows.GroupBy(r => r.ValueDecile).OrderBy(g => g.Key)
                .Select(g => (g.Key, g.Count(), g.Sum(r => r.LifetimeValue) / 10_000m, g.Min(r => r.LifetimeValue) / 10_000m, g.Max(r => r.LifetimeValue) / 10_000m)),
            distribution.Deciles.Select(d => (d.Decile, d.Members, d.TotalLifetimeValue, d.MinLifetimeValue, d.MaxLifetimeValue)));
        Assert.Equal(
            rows.GroupBy(r => (r.Recency, r.Frequency, r.Monetary)).Select(g => (g.Key.Recency, g.Key.Frequency, g.Key.Monetary, g.Count())).Order(),
            distribution.RfmCells.Select(c => (c.Recency, c.Frequency, c.Monetary, c.Members)).Order());
        var classes = await s.Admin.GetJsonAsync<ClassSummaryResponse>("/api/v1/admin/insight/classes");
        Assert.Equal(n, classes.Total.Loyal + classes.Total.General + classes.Total.Drifting);
        Assert.Equal(rows.Count(r => r.Class == DomainClass.Drifting), classes.Total.Drifting);
        Assert.Equal(classes.Total, new ClassCounts(
            classes.ByTier.Sum(t => t.Counts.Loyal), classes.ByTier.Sum(t => t.Counts.General), classes.ByTier.Sum(t => t.Counts.Drifting)));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Runs_are_kept_so_class_movements_show_and_managers_see_their_at_risk_members_and_segments_use_the_scores(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        var (owner, ownerClient) = await s.ManagerAsync();
        var (_, otherClient) = await s.ManagerAsync();
        var drifting = await s.AssignedMemberAsync(owner.Id);
        await s.HabitAsync(drifting.MemberNumber, visits: 5, every: 9, lastDaysAgo: 41, amount: 400m);
        var regular = await s.EnrolAsync();
        await s.HabitAsync(regular.MemberNumber, visits: 8, every: 7, lastDaysAgo: 2, amount: 15m);

        var first = await s.RefreshAsync();

        var atRisk = await ownerClient.GetAllAsync<AtRiskMemberResponse>("/api/v1/admin/insight/at-risk?maxDecile=10");
        var mine = Assert.Single(atRisk);
        Assert.Equal((drifting.Id, WireClass.Drifting, WireReason.Overdue), (mine.MemberId, mine.Class, mine.Reasons[0].Kind));
        Assert.True(mine.ChurnScore >= 60);
        Assert.DoesNotContain(await otherClient.GetAllAsync<AtRiskMemberResponse>("/api/v1/admin/insight/at-risk?maxDecile=10"), m => m.MemberId == drifting.Id);
        using (var refused = await otherClient.GetAsync(MemberInsight(drifting.Id)))
        {
            await refused.EnsureStatusAsync(HttpStatusCode.Forbidden, HttpStatusCode.NotFound);
        }

        // Segments read the scores: drifting buyers of this store, and the same by churn risk.
        SegmentRuleDto AtThisStore(SegmentRuleDto score) => new(SegmentRuleKind.All, [score, new SegmentRuleDto(SegmentRuleKind.Store, StoreIds: [s.Store.Id])]);
        var byClass = await s.Admin.PostJsonAsync<SegmentPreviewResponse>("/api/v1/admin/segments/preview",
            new SegmentPreviewRequest(AtThisStore(new SegmentRuleDto(SegmentRuleKind.Score, Score: "memberClass", Values: ["drifting"]))));
        Assert.Equal([drifting.MemberNumber], byClass.Sample.Select(m => m.MemberNumber));
        var byRisk = await s.Admin.PostJsonAsync<SegmentPreviewResponse>("/api/v1/admin/segments/preview",
            new SegmentPreviewRequest(AtThisStore(new SegmentRuleDto(SegmentRuleKind.Score, Score: "churnRisk", Min: 50))));
        Assert.Equal([drifting.MemberNumber], byRisk.Sample.Select(m => m.MemberNumber));
        var byValue = await s.Admin.PostJsonAsync<SegmentPreviewResponse>("/api/v1/admin/segments/preview",
            new SegmentPreviewRequest(AtThisStore(new SegmentRuleDto(SegmentRuleKind.Score, Score: "valueDecile", Min: 1, Max: 10))));
        Assert.Equal(2, byValue.Count);

        // Assignment suggestions rank by the lifetime value once a run exists.
        var regularScores = (await s.Admin.GetJsonAsync<MemberInsightResponse>(MemberInsight(regular.Id))).Latest!;
        var suggestion = (await s.Admin.GetAllAsync<AssignmentSuggestionResponse>($"{Managers}/suggestions")).Single(x => x.MemberId == regular.Id);
        Assert.Equal(regularScores.LifetimeValue, suggestion.Value);

        // The drifting member comes back; a day later the next run shows the move.
        await s.BuyAsync(drifting.MemberNumber, Now(s), 50m);
        using (s.Api.Clock.Travel(TimeSpan.FromDays(1)))
        {
            var second = await s.RefreshAsync();
            var transitions = await s.Admin.GetJsonAsync<ClassTransitionsResponse>("/api/v1/admin/insight/classes/transitions");
            Assert.Equal((first.Id, second.Id), (transitions.FromRunId, transitions.ToRunId));
            Assert.Contains(transitions.Transitions, t => t.From == WireClass.Drifting && t.To == WireClass.General && t.Members >= 1);

            var history = (await ownerClient.GetJsonAsync<MemberInsightResponse>(MemberInsight(drifting.Id))).History;
            Assert.Equal([(second.Id, WireClass.General), (first.Id, WireClass.Drifting)], history.Select(h => (h.RunId, h.Class)));
            Assert.DoesNotContain(await ownerClient.GetAllAsync<AtRiskMemberResponse>("/api/v1/admin/insight/at-risk?maxDecile=10"), m => m.MemberId == drifting.Id);

            var runs = await s.Admin.GetJsonAsync<Loyalty.Contracts.Common.Page<InsightRunResponse>>("/api/v1/admin/insight/runs?limit=2");
            Assert.Equal([second.Id, first.Id], runs.Items.Select(r => r.Id));
        }
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Retention_actions_credit_goodwill_once_through_the_ledger_and_the_job_records_who_came_back(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        var goodwill = await s.EnrolAsync();
        var called = await s.EnrolAsync();
        await s.BuyAsync(goodwill.MemberNumber, Now(s).AddDays(-60), 25m);
        await s.BuyAsync(called.MemberNumber, Now(s).AddDays(-60), 25m);
        await s.RefreshAsync();
        var before = await s.AssertBalanceEqualsLedgerAsync(goodwill.MemberNumber);

        var key = Guid.NewGuid().ToString();
        var request = new RecordRetentionActionRequest(RetentionActionKind.GoodwillPoints, "Sorry about the late delivery", Points: 150, FollowUpDays: 14);
        RetentionActionResponse action;
        using (var response = await s.Admin.PostAsync(RetentionActions(goodwill.Id), request, key))
        {
            await response.EnsureStatusAsync(HttpStatusCode.Created);
            action = (await response.Content.ReadFromJsonAsync<RetentionActionResponse>(HttpTestExtensions.Json))!;
        }

        using (var replay = await s.Admin.PostAsync(RetentionActions(goodwill.Id), request, key))
        {
            await replay.EnsureStatusAsync(HttpStatusCode.Created);
            Assert.Equal(action, await replay.Content.ReadFromJsonAsync<RetentionActionResponse>(HttpTestExtensions.Json));
        }

        Assert.Equal((RetentionOutcome.Pending, 150L, 14), (action.Outcome, action.Points!.Value, action.FollowUpDays));
        Assert.NotNull(action.ChurnScore);
        Assert.Equal(before + 150, await s.AssertBalanceEqualsLedgerAsync(goodwill.MemberNumber));
        await using (var db = s.Api.CreateDbContext())
        {
            var entity = goodwill.Id.ToString();
            var audited = await db.AuditLog.Where(a => a.EntityId == entity).Select(a => a.Action).ToListAsync();
            Assert.Equal(1, audited.Count(a => a == "points.adjusted"));
            Assert.Equal(1, audited.Count(a => a == "retention_action.recorded"));
            Assert.Equal(1, await db.RetentionActions.CountAsync(a => a.MemberId == goodwill.Id));
        }

        using (var missingPoints = await s.Admin.PostAsync(RetentionActions(called.Id), new RecordRetentionActionRequest(RetentionActionKind.GoodwillPoints, "No points"), Guid.NewGuid().ToString()))
        {
            await missingPoints.AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        }

        using (var call = await s.Admin.PostAsync(RetentionActions(called.Id), new RecordRetentionActionRequest(RetentionActionKind.Call, "Asked how we can help", FollowUpDays: 7), Guid.NewGuid().ToString()))
        {
            await call.EnsureStatusAsync(HttpStatusCode.Created);
        }

        var job = s.Api.Services.GetRequiredService<InsightJob>();
        DateTimeOffset cameBack;
        using (s.Api.Clock.Travel(TimeSpan.FromDays(3)))
        {
            cameBack = Now(s);
            await s.BuyAsync(goodwill.MemberNumber, cameBack, 12m);
            await job.RunOnceAsync(default);
        }

        using (s.Api.Clock.Travel(TimeSpan.FromDays(8)))
        {
            await job.RunOnceAsync(default);
            var settled = (await s.Admin.GetJsonAsync<Loyalty.Contracts.Common.Page<RetentionActionResponse>>(RetentionActions(goodwill.Id))).Items.Single();
            Assert.Equal((RetentionOutcome.Returned, cameBack), (settled.Outcome, settled.ReturnedAt!.Value));
            var lapsed = (await s.Admin.GetJsonAsync<Loyalty.Contracts.Common.Page<RetentionActionResponse>>(RetentionActions(called.Id))).Items.Single();
            Assert.Equal((RetentionOutcome.NotReturned, null), (lapsed.Outcome, lapsed.ReturnedAt));

            var report = await s.Admin.GetJsonAsync<RetentionReportResponse>("/api/v1/admin/insight/retention/report");
            var goodwillKind = report.Kinds.Single(k => k.Kind == RetentionActionKind.GoodwillPoints);
            Assert.True(goodwillKind.Returned >= 1 && goodwillKind.ReturnRate > 0);
            Assert.True(report.Kinds.Single(k => k.Kind == RetentionActionKind.Call).NotReturned >= 1);
        }
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_demo_manager_sees_a_drifting_member_at_risk_with_the_explanation(DatabaseProvider provider)
    {
        var api = fixture.For(provider);
        using var demo = api.CreateClient().WithBearer(TestTokens.Create(Loyalty.Infrastructure.Seeding.DemoProgrammeSeeder.DemoManagerSubject, "account-manager"));

        var carl = Assert.Single(await demo.GetAllAsync<AtRiskMemberResponse>("/api/v1/admin/insight/at-risk"));

        Assert.Equal(("Carl", WireClass.Drifting, WireReason.Overdue), (carl.FirstName, carl.Class, carl.Reasons[0].Kind));
        var insight = (await demo.GetJsonAsync<MemberInsightResponse>(MemberInsight(carl.MemberId))).Latest!;
        Assert.StartsWith("usually buys every 9 days; last purchase ", insight.Explanation, StringComparison.Ordinal);
    }
}
