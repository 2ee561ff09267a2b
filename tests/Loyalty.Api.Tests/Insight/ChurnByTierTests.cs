using Loyalty.Api.Tests.Infrastructure;
using Loyalty.Contracts.Admin;
using Loyalty.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using static Loyalty.Api.Tests.Insight.InsightKit;

namespace Loyalty.Api.Tests.Insight;

/// <summary>The dashboard's churn-risk-by-tier figures: bands low &lt; 25, medium 25–49, high ≥ 50 per tier of the latest run.</summary>
[Collection(ApiCollection.Name)]
public sealed class ChurnByTierTests(ApiFixture fixture)
{
    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Every_scored_member_of_the_latest_run_is_counted_once_in_their_tier_and_band(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        var now = Now(s);
        var drifting = await s.EnrolAsync();
        await s.HabitAsync(drifting.MemberNumber, visits: 8, every: 9, lastDaysAgo: 41, amount: 50m, from: now);
        var regular = await s.EnrolAsync();
        await s.HabitAsync(regular.MemberNumber, visits: 12, every: 7, lastDaysAgo: 2, amount: 20m, from: now);
        var run = await s.RefreshAsync();

        var byTier = await s.Admin.GetJsonAsync<ChurnRiskByTierResponse>("/api/v1/admin/insight/churn/by-tier");

        Assert.Equal(run.Id, byTier.RunId);
        await using var db = s.Api.CreateDbContext();
        var scores = await db.MemberInsights.AsNoTracking().Where(i => i.RunId == run.Id).Select(i => new { i.MemberId, i.TierId, i.ChurnScore }).ToListAsync();
        var tiers = await db.Tiers.AsNoTracking().OrderBy(t => t.Rank).Select(t => new { t.Id, t.Name }).ToListAsync();
        var expected = tiers.Select(t =>
        {
            var inTier = scores.Where(x => x.TierId == t.Id).ToList();
            return new ChurnRiskTier(
                t.Id,
                t.Name,
                inTier.Count,
                inTier.Count(x => x.ChurnScore < 25),
                inTier.Count(x => x.ChurnScore is >= 25 and < 50),
                inTier.Count(x => x.ChurnScore >= 50),
                inTier.Count == 0 ? null : Math.Round((decimal)inTier.Sum(x => x.ChurnScore) / inTier.Count, 1));
        });
        Assert.Equal(expected, byTier.Tiers);
        Assert.Equal(run.Members, byTier.Tiers.Sum(t => t.Members));

        // This test's two members sit at both ends: the one 41 days into a 9-day habit is high, the regular one low.
        var mine = scores.Where(x => x.MemberId == drifting.Id || x.MemberId == regular.Id).ToDictionary(x => x.MemberId, x => x.ChurnScore);
        Assert.True(mine[drifting.Id] >= 50, $"drifting scored {mine[drifting.Id]}");
        Assert.True(mine[regular.Id] < 25, $"regular scored {mine[regular.Id]}");
    }
}
