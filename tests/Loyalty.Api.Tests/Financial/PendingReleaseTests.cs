using System.Net;
using Loyalty.Api.Tests.Infrastructure;
using Loyalty.Domain.Financial.Ledger;
using Loyalty.Infrastructure.Jobs;
using Loyalty.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using static Loyalty.Api.Tests.Financial.PointsTestKit;

namespace Loyalty.Api.Tests.Financial;

[Collection(ApiCollection.Name)]
public sealed class PendingReleaseTests(ApiFixture fixture)
{
    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Pending_points_become_available_when_their_period_ends_with_one_confirm_entry_per_member_and_run(DatabaseProvider provider)
    {
        var api = fixture.For(provider);
        var s = await Scenario.StartAsync(api);
        await using var policy = await PolicyAsync(s, p => p with { PendingDays = 14 });
        var number = (await s.EnrolAsync()).MemberNumber;
        var first = await s.EarnAsync(number, 100m);
        await s.EarnAsync(number, 20m);
        Assert.True(first.PointsPending);
        using (api.Clock.Travel(TimeSpan.FromDays(1)))
        {
            await s.EarnAsync(number, 30m); // pending until day 15
        }

        using (api.Clock.Travel(TimeSpan.FromDays(14.5)))
        {
            await RunAsync<ReleasePendingPointsJob>(api);
            await RunAsync<ReleasePendingPointsJob>(api);
            var confirm = Assert.Single(await EntriesAsync(api, number, LedgerEntryType.Confirm));
            Assert.Equal((120L, -120L, "Points now available"), (confirm.Points, confirm.PendingPoints, confirm.Description));
            Assert.Equal(120, await s.AssertBalanceEqualsLedgerAsync(number));
            Assert.Equal(90, await RedeemAsync(s, number, 30)); // spendable now
        }

        using (api.Clock.Travel(TimeSpan.FromDays(16)))
        {
            await RunAsync<ReleasePendingPointsJob>(api);
            Assert.Equal([120L, 30L], (await EntriesAsync(api, number, LedgerEntryType.Confirm)).Select(e => e.Points));
            Assert.Equal(120, await s.AssertBalanceEqualsLedgerAsync(number));
        }

        await using var db = api.CreateDbContext();
        var memberId = await MemberIdAsync(api, number);
        var account = await db.PointsAccounts.AsNoTracking().SingleAsync(a => a.MemberId == memberId);
        Assert.Equal((0L, 150L), (account.Pending, account.LifetimeEarned));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Points_awaiting_the_partners_confirmation_are_not_released_by_the_job(DatabaseProvider provider)
    {
        var api = fixture.For(provider);
        var s = await Scenario.StartAsync(api);
        var number = (await s.EnrolAsync()).MemberNumber;
        using var awaiting = await s.Partner.PostAsync("/api/v1/partner/transactions", s.Purchase(number, 40m) with { AwaitConfirmation = true }, Guid.NewGuid().ToString());
        await awaiting.EnsureStatusAsync(HttpStatusCode.Created);

        using (api.Clock.Travel(TimeSpan.FromDays(400)))
        {
            await RunAsync<ReleasePendingPointsJob>(api);
        }

        Assert.Empty(await EntriesAsync(api, number, LedgerEntryType.Confirm));
        Assert.Equal(0, await s.AssertBalanceEqualsLedgerAsync(number));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Two_release_runs_at_once_release_each_lot_once(DatabaseProvider provider)
    {
        var api = fixture.For(provider);
        var s = await Scenario.StartAsync(api);
        await using var policy = await PolicyAsync(s, p => p with { PendingDays = 3 });
        var numbers = new List<string>();
        for (var i = 0; i < 10; i++)
        {
            var number = (await s.EnrolAsync()).MemberNumber;
            await s.EarnAsync(number, 10m + i);
            await s.EarnAsync(number, 1m);
            numbers.Add(number);
        }

        using (api.Clock.Travel(TimeSpan.FromDays(4)))
        {
            await Task.WhenAll(RunAsync<ReleasePendingPointsJob>(api), RunAsync<ReleasePendingPointsJob>(api));
        }

        for (var i = 0; i < numbers.Count; i++)
        {
            var confirm = Assert.Single(await EntriesAsync(api, numbers[i], LedgerEntryType.Confirm));
            Assert.Equal(11L + i, confirm.Points);
            Assert.Equal(11L + i, await s.AssertBalanceEqualsLedgerAsync(numbers[i]));
        }
    }
}
