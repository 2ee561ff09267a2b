using System.Net;
using Loyalty.Api.Tests.Infrastructure;
using Loyalty.Contracts.Admin;
using Loyalty.Infrastructure.Persistence;
using static Loyalty.Api.Tests.Rewards.RewardKit;

namespace Loyalty.Api.Tests.Rewards;

/// <summary>Real parallel requests against the limits a redemption must never break.</summary>
[Collection(ApiCollection.Name)]
public sealed class RewardRaceTests(ApiFixture fixture)
{
    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Twenty_parallel_redeems_by_one_member_stop_at_the_per_member_limit(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        var reward = await s.CreateRewardAsync(NewReward(cost: 10, limit: 2));
        var me = await s.JoinWithPointsAsync(1_000);

        var results = await RaceAsync(Enumerable.Repeat(me, 20), m => m.RedeemAsync(reward.Id));

        Assert.Equal(2, results.Count(r => r.Status == HttpStatusCode.Created));
        Assert.All(results.Where(r => r.Status != HttpStatusCode.Created), r =>
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, r.Status);
            Assert.Contains("reward_limit_reached", r.Body, StringComparison.Ordinal);
        });
        Assert.Equal(2, await s.VoucherCountAsync(me, reward.Id));
        Assert.Equal(980, await s.AssertBalanceEqualsLedgerAsync(me.Number));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_last_unit_of_stock_goes_to_exactly_one_of_twenty_members(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        var reward = await s.CreateRewardAsync(NewReward(cost: 25, stock: 1));
        var members = new List<AppMember>();
        for (var i = 0; i < 20; i++)
        {
            members.Add(await s.JoinWithPointsAsync(100));
        }

        var results = await RaceAsync(members, m => m.RedeemAsync(reward.Id));

        var winner = Assert.Single(results, r => r.Status == HttpStatusCode.Created);
        Assert.All(results.Where(r => r.Status != HttpStatusCode.Created), r =>
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, r.Status);
            Assert.Contains("reward_out_of_stock", r.Body, StringComparison.Ordinal);
        });
        Assert.Equal(0, (await s.Admin.GetJsonAsync<RewardResponse>($"{AdminRewards}/{reward.Id}")).Stock);
        foreach (var member in members)
        {
            var won = member == winner.Member;
            Assert.Equal(won ? 75 : 100, await s.AssertBalanceEqualsLedgerAsync(member.Number));
            Assert.Equal(won ? 1 : 0, await s.VoucherCountAsync(member, reward.Id));
        }
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Limited_stock_shared_by_members_redeeming_twice_each_never_oversells(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        var reward = await s.CreateRewardAsync(NewReward(cost: 10, stock: 5, limit: 1));
        var members = new List<AppMember>();
        for (var i = 0; i < 8; i++)
        {
            members.Add(await s.JoinWithPointsAsync(100));
        }

        var results = await RaceAsync(members.Concat(members), m => m.RedeemAsync(reward.Id));

        Assert.Equal(5, results.Count(r => r.Status == HttpStatusCode.Created));
        Assert.All(results.Where(r => r.Status != HttpStatusCode.Created), r => Assert.Equal(HttpStatusCode.UnprocessableEntity, r.Status));
        Assert.Equal(0, (await s.Admin.GetJsonAsync<RewardResponse>($"{AdminRewards}/{reward.Id}")).Stock);
        var total = 0;
        foreach (var member in members)
        {
            var vouchers = await s.VoucherCountAsync(member, reward.Id);
            Assert.InRange(vouchers, 0, 1);
            Assert.Equal(100 - (10 * vouchers), await s.AssertBalanceEqualsLedgerAsync(member.Number));
            total += vouchers;
        }

        Assert.Equal(5, total);
    }

    /// <summary>Starts every request at once (released together) and collects status and body per caller.</summary>
    private static async Task<(AppMember Member, HttpStatusCode Status, string Body)[]> RaceAsync(IEnumerable<AppMember> callers, Func<AppMember, Task<HttpResponseMessage>> send)
    {
        using var start = new ManualResetEventSlim();
        var attempts = callers.Select(member => Task.Run(async () =>
        {
            start.Wait();
            using var response = await send(member);
            return (member, response.StatusCode, await response.Content.ReadAsStringAsync());
        })).ToList();
        start.Set();
        return await Task.WhenAll(attempts);
    }
}
