using Loyalty.Api.Tests.Infrastructure;
using Loyalty.Contracts.Admin;
using Loyalty.Contracts.Common;
using Loyalty.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using static Loyalty.Api.Tests.Insight.InsightKit;
using Survey = Loyalty.Domain.Care.Surveys.Survey;
using WireClass = Loyalty.Contracts.Admin.MemberClass;
using WireReason = Loyalty.Contracts.Admin.ChurnReasonKind;

namespace Loyalty.Api.Tests.Insight;

/// <summary>Care feeds insight: the latest NPS answer is stated intent in the class and the churn score, a reason for leaving leads the churn reasons.</summary>
[Collection(ApiCollection.Name)]
public sealed class InsightCareFeedTests(ApiFixture fixture)
{
    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_promoter_with_few_visits_is_loyal_a_detractor_is_not_and_scores_ten_more_risk(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        var now = Now(s);
        var promoter = await s.EnrolAsync();
        var detractor = await s.EnrolAsync();
        var silent = await s.EnrolAsync();
        foreach (var member in new[] { promoter, detractor, silent })
        {
            await s.HabitAsync(member.MemberNumber, visits: 3, every: 30, lastDaysAgo: 20, amount: 25m, from: now);
        }

        await using (var db = s.Api.CreateDbContext())
        {
            var ids = new[] { promoter.Id, detractor.Id, silent.Id };
            await db.Members.Where(m => ids.Contains(m.Id)).ExecuteUpdateAsync(u => u.SetProperty(m => m.EnrolledAt, now.AddDays(-400)));
            var tier = await db.Members.Where(m => m.Id == promoter.Id).Select(m => m.TierId).SingleAsync();
            void Answer(Guid memberId, long sequence, int nps, DateTimeOffset at)
            {
                var survey = Survey.Request(memberId, sequence, Loyalty.Domain.Care.Surveys.SurveyTouchpoint.Purchase, Guid.NewGuid(), s.Store.Id, s.PartnerInfo.Id, tier, at.AddHours(-1), TimeSpan.FromDays(14));
                survey.Answer(4, nps, null, [], [], tier, at);
                db.Surveys.Add(survey);
            }

            // Only the latest answer counts: the promoter once was a detractor, the detractor once a promoter.
            Answer(promoter.Id, 1, 2, now.AddDays(-60));
            Answer(promoter.Id, 2, 10, now.AddDays(-10));
            Answer(detractor.Id, 1, 10, now.AddDays(-60));
            Answer(detractor.Id, 2, 3, now.AddDays(-10));
            await db.SaveChangesAsync();
        }

        await s.RefreshAsync();
        var loyal = (await s.Admin.GetJsonAsync<MemberInsightResponse>(MemberInsight(promoter.Id))).Latest!;
        var general = (await s.Admin.GetJsonAsync<MemberInsightResponse>(MemberInsight(detractor.Id))).Latest!;
        var plain = (await s.Admin.GetJsonAsync<MemberInsightResponse>(MemberInsight(silent.Id))).Latest!;

        Assert.Equal(WireClass.Loyal, loyal.Class);
        Assert.Equal("usually buys every 30 days; last purchase 20 days ago; 3 purchases in the last year, regularly; a member for 400 days; would recommend us (NPS 10)", loyal.Explanation);
        Assert.Equal(WireClass.General, plain.Class);
        Assert.Equal("usually buys every 30 days; last purchase 20 days ago; 3 purchases in the last year (loyal members make 6 or more)", plain.Explanation);
        Assert.Equal(WireClass.General, general.Class);
        Assert.Equal("usually buys every 30 days; last purchase 20 days ago; 3 purchases in the last year (loyal members make 6 or more); said they are unlikely to recommend us (NPS 3)", general.Explanation);

        // Same behaviour, ten points apart: the detractor's answer is a churn reason of its own.
        Assert.Equal(plain.ChurnScore + 10, general.ChurnScore);
        Assert.Equal(plain.ChurnScore, loyal.ChurnScore);
        Assert.Contains(new ChurnReasonResponse(WireReason.Detractor, 10, "said they are unlikely to recommend us (NPS 3)"), general.ChurnReasons);
        Assert.DoesNotContain(plain.ChurnReasons, r => r.Kind == WireReason.Detractor);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_member_who_left_and_said_why_has_that_reason_first_among_the_churn_reasons(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        var now = Now(s);
        var member = await s.EnrolAsync();
        await s.HabitAsync(member.MemberNumber, visits: 4, every: 10, lastDaysAgo: 35, amount: 20m, from: now);
        var run = await s.RefreshAsync();
        var before = (await s.Admin.GetJsonAsync<MemberInsightResponse>(MemberInsight(member.Id))).Latest!;
        Assert.DoesNotContain(before.ChurnReasons, r => r.Kind == WireReason.LeavingReason);

        await s.Admin.PostJsonAsync<MemberLifecycleResponse>($"/api/v1/admin/members/{member.Id}/close", new CloseMemberRequest("Asked by phone", null, Loyalty.Contracts.Common.LeavingReason.PoorService, "Nobody called back"));
        await s.RefreshAsync(); // the closed member is no longer scored: their last scores stay, with the reason they gave
        var after = await s.Admin.GetJsonAsync<MemberInsightResponse>(MemberInsight(member.Id));

        var latest = after.Latest!;
        Assert.Equal(run.Id, latest.RunId);
        var left = s.Api.Clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(new ChurnReasonResponse(WireReason.LeavingReason, 0, $"left on {left}: poor service (\"Nobody called back\")"), latest.ChurnReasons[0]);
        Assert.Equal(before.ChurnReasons, latest.ChurnReasons.Skip(1));
        Assert.Equal(before.ChurnScore, latest.ChurnScore);
    }
}

/// <summary>The refresh keeps the last N runs and deletes the older ones with their members' rows and stored distribution (own database: runs are programme-wide).</summary>
public sealed class InsightRunPruningTests
{
    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_refresh_keeps_the_configured_number_of_runs(DatabaseProvider provider)
    {
        await using var api = new LoyaltyApiFactory(await TestDatabase.CreateAsync(provider), new Dictionary<string, string?> { ["Insight:KeepRuns"] = "3" });
        var s = await Scenario.StartAsync(api);
        await s.EnrolAsync();
        await s.EnrolAsync(); // beside the demo's members

        var runs = new List<InsightRunResponse>();
        for (var i = 0; i < 5; i++)
        {
            runs.Add(await s.RefreshAsync());
        }

        var kept = await s.Admin.GetJsonAsync<Page<InsightRunResponse>>("/api/v1/admin/insight/runs?limit=10");
        Assert.Equal(runs.Skip(2).Reverse().Select(r => r.Id), kept.Items.Select(r => r.Id));
        await using var db = api.CreateDbContext();
        var scored = await db.MemberInsights.AsNoTracking().GroupBy(i => i.RunId).Select(g => new { g.Key, Members = g.Count() }).ToListAsync();
        Assert.Equal(runs.Skip(2).Select(r => (r.Id, r.Members)).OrderBy(r => r.Id), scored.Select(r => (r.Key, r.Members)).OrderBy(r => r.Key));
        // The distribution stored with each run goes with it.
        var distributed = await db.RunValueCells.AsNoTracking().GroupBy(c => c.RunId).Select(g => new { g.Key, Members = g.Sum(c => c.Members) }).ToListAsync();
        Assert.Equal(runs.Skip(2).Select(r => (r.Id, (long)r.Members)).OrderBy(r => r.Id), distributed.Select(r => (r.Key, r.Members)).OrderBy(r => r.Key));
    }
}
