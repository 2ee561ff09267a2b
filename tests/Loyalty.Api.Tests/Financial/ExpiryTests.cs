using System.Net;
using System.Text.Json;
using Loyalty.Api.Tests.Infrastructure;
using Loyalty.Contracts.Member;
using Loyalty.Contracts.Partner;
using Loyalty.Domain.Financial.Ledger;
using Loyalty.Infrastructure.Jobs;
using Loyalty.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Loyalty.Api.Tests.Financial.PointsTestKit;

namespace Loyalty.Api.Tests.Financial;

[Collection(ApiCollection.Name)]
public sealed class ExpiryTests(ApiFixture fixture)
{
    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Expiry_takes_what_is_left_of_each_lot_after_oldest_first_spending_and_a_second_run_changes_nothing(DatabaseProvider provider)
    {
        var api = fixture.For(provider);
        var s = await Scenario.StartAsync(api);
        await using var policy = await PolicyAsync(s, p => p.ExpiringAfterDays(30));
        var number = (await s.EnrolAsync()).MemberNumber;
        await s.EarnAsync(number, 100m); // lot 1: 100 points, expires on day 30
        using (api.Clock.Travel(TimeSpan.FromDays(10)))
        {
            await s.EarnAsync(number, 50m); // lot 2: 50 points, expires on day 40
            Assert.Equal(90, await RedeemAsync(s, number, 60)); // oldest first: lot 1 keeps 40, lot 2 all 50
        }

        using (api.Clock.Travel(TimeSpan.FromDays(31)))
        {
            Assert.True(await RunAsync<ExpirePointsJob>(api) >= 1);
            var expired = Assert.Single(await EntriesAsync(api, number, LedgerEntryType.Expire));
            Assert.Equal((-40L, 0L, "Points expired"), (expired.Points, expired.PendingPoints, expired.Description));
            Assert.Equal(50, await s.AssertBalanceEqualsLedgerAsync(number));

            await RunAsync<ExpirePointsJob>(api);
            Assert.Single(await EntriesAsync(api, number, LedgerEntryType.Expire));
            var message = Assert.Single(await OutboxAsync(api, number, "points.expired"));
            var payload = JsonDocument.Parse(message.Payload).RootElement;
            Assert.Equal(number, payload.GetProperty("memberNumber").GetString());
            Assert.Equal(40, payload.GetProperty("points").GetInt64());
            Assert.Equal(expired.OccurredAt, payload.GetProperty("expiredAt").GetDateTimeOffset());

            Assert.Equal(30, await RedeemAsync(s, number, 20)); // from lot 2, the only one left
        }

        using (api.Clock.Travel(TimeSpan.FromDays(41)))
        {
            await RunAsync<ExpirePointsJob>(api);
            Assert.Equal([-40L, -30L], (await EntriesAsync(api, number, LedgerEntryType.Expire)).Select(e => e.Points));
            Assert.Equal(0, await s.AssertBalanceEqualsLedgerAsync(number));
            Assert.Equal(2, (await OutboxAsync(api, number, "points.expired")).Count);
        }
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Points_that_never_expire_and_pending_points_are_left_alone(DatabaseProvider provider)
    {
        var api = fixture.For(provider);
        var s = await Scenario.StartAsync(api);
        var forever = (await s.EnrolAsync()).MemberNumber;
        await s.EarnAsync(forever, 25m); // the default policy: points never expire
        var pending = (await s.EnrolAsync()).MemberNumber;
        await using (await PolicyAsync(s, p => p.ExpiringAfterDays(5)))
        {
            using var awaiting = await s.Partner.PostAsync("/api/v1/partner/transactions", s.Purchase(pending, 30m) with { AwaitConfirmation = true }, Guid.NewGuid().ToString());
            await awaiting.EnsureStatusAsync(HttpStatusCode.Created);
        }

        using (api.Clock.Travel(TimeSpan.FromDays(3650)))
        {
            await RunAsync<ExpirePointsJob>(api);
        }

        Assert.Empty(await EntriesAsync(api, forever, LedgerEntryType.Expire));
        Assert.Empty(await EntriesAsync(api, pending, LedgerEntryType.Expire));
        Assert.Equal(25, await s.AssertBalanceEqualsLedgerAsync(forever));
        Assert.Equal(0, await s.AssertBalanceEqualsLedgerAsync(pending));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Members_see_upcoming_expiries_by_day_and_are_told_once_per_lot(DatabaseProvider provider)
    {
        var api = fixture.For(provider);
        var s = await Scenario.StartAsync(api);
        await using var policy = await PolicyAsync(s, p => p.ExpiringAfterDays(30, noticeDays: 10));
        var (me, profile) = await JoinAsync(s);
        var number = profile.MemberNumber;
        var first = await s.EarnAsync(number, 100m);
        await s.EarnAsync(number, 20m); // same instant's day: one group with the first
        using (api.Clock.Travel(TimeSpan.FromDays(5)))
        {
            await s.EarnAsync(number, 7m);
        }

        var expiring = await me.GetJsonAsync<ExpiringPointsResponse>("/api/v1/me/points/expiring");
        var firstDay = DateOnly.FromDateTime(first.RecordedAt.UtcDateTime.AddDays(30));
        Assert.Equal(127, expiring.TotalPoints);
        Assert.Collection(
            expiring.Items,
            day => Assert.Equal((firstDay, 120L), (day.Date, day.Points)),
            day => Assert.Equal((firstDay.AddDays(5), 7L), (day.Date, day.Points)));
        Assert.Equal(first.RecordedAt.AddDays(30), expiring.Items[0].ExpiresAt);
        var balance = await me.GetJsonAsync<PointsBalanceResponse>("/api/v1/me/points");
        Assert.Equal(expiring.Items[0], balance.NextExpiry);

        using (api.Clock.Travel(TimeSpan.FromDays(21))) // day 21: the first lots are within the 10-day notice period
        {
            await RunAsync<ExpirePointsJob>(api);
            await RunAsync<ExpirePointsJob>(api);
        }

        var notice = Assert.Single(await OutboxAsync(api, number, "points.expiring"));
        var payload = JsonDocument.Parse(notice.Payload).RootElement;
        Assert.Equal((number, 120L), (payload.GetProperty("memberNumber").GetString(), payload.GetProperty("points").GetInt64()));
        Assert.Equal(first.RecordedAt.AddDays(30), payload.GetProperty("expiresAt").GetDateTimeOffset());

        using (api.Clock.Travel(TimeSpan.FromDays(26)))
        {
            await RunAsync<ExpirePointsJob>(api);
        }

        var notices = await OutboxAsync(api, number, "points.expiring");
        Assert.Equal(2, notices.Count);
        Assert.Equal(7, JsonDocument.Parse(notices[1].Payload).RootElement.GetProperty("points").GetInt64());

        using (api.Clock.Travel(TimeSpan.FromDays(31)))
        {
            await RunAsync<ExpirePointsJob>(api);
            var after = await me.GetJsonAsync<PointsBalanceResponse>("/api/v1/me/points");
            Assert.Equal((7L, firstDay.AddDays(5)), (after.Available, after.NextExpiry!.Date));
            Assert.Equal(7, after.NextExpiry.Points);
        }

        Assert.Equal(2, (await OutboxAsync(api, number, "points.expiring")).Count);
        Assert.Equal(7, await s.AssertBalanceEqualsLedgerAsync(number));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_next_expiry_adds_up_its_utc_day_and_stops_at_midnight(DatabaseProvider provider)
    {
        var api = fixture.For(provider);
        var s = await Scenario.StartAsync(api);
        await using var policy = await PolicyAsync(s, p => p.ExpiringAfterDays(30));
        var (me, profile) = await JoinAsync(s);
        var number = profile.MemberNumber;

        // Earn at 22:30, 23:50 and (the next UTC day) 00:10, whatever the test clock's time of day: the balance's next
        // expiry is the first lot's instant, with the first two lots' points and not the third's.
        var now = api.Clock.GetUtcNow();
        var toLateEvening = now.UtcDateTime.Date.AddDays(1).AddMinutes(-90) - now.UtcDateTime;
        if (toLateEvening < TimeSpan.Zero)
        {
            toLateEvening += TimeSpan.FromDays(1); // only ever forward
        }

        PurchaseResponse first;
        using (api.Clock.Travel(toLateEvening))
        {
            first = await s.EarnAsync(number, 10m);
        }

        using (api.Clock.Travel(toLateEvening + TimeSpan.FromMinutes(80)))
        {
            await s.EarnAsync(number, 20m);
        }

        using (api.Clock.Travel(toLateEvening + TimeSpan.FromMinutes(100)))
        {
            await s.EarnAsync(number, 40m);
        }

        var balance = await me.GetJsonAsync<PointsBalanceResponse>("/api/v1/me/points");
        var expiring = await me.GetJsonAsync<ExpiringPointsResponse>("/api/v1/me/points/expiring");

        Assert.Equal(first.RecordedAt.AddDays(30), balance.NextExpiry!.ExpiresAt);
        Assert.Equal(DateOnly.FromDateTime(first.RecordedAt.UtcDateTime.AddDays(30)), balance.NextExpiry.Date);
        Assert.Equal(30, balance.NextExpiry.Points);
        Assert.Equal(expiring.Items[0], balance.NextExpiry);
        Assert.Equal([30L, 40L], expiring.Items.Select(d => d.Points));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Without_expiring_points_there_is_no_next_expiry(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        var (me, profile) = await JoinAsync(s);
        await s.EarnAsync(profile.MemberNumber, 10m);

        var balance = await me.GetJsonAsync<PointsBalanceResponse>("/api/v1/me/points");
        var expiring = await me.GetJsonAsync<ExpiringPointsResponse>("/api/v1/me/points/expiring");

        Assert.Null(balance.NextExpiry);
        Assert.Empty(expiring.Items);
        using var stranger = await s.MemberClient("nobody-" + Unique.Id()).GetAsync("/api/v1/me/points/expiring");
        await stranger.AssertProblemAsync(HttpStatusCode.NotFound, "member_not_found");
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Two_expiry_runs_at_once_expire_each_lot_once(DatabaseProvider provider)
    {
        var api = fixture.For(provider);
        var s = await Scenario.StartAsync(api);
        await using var policy = await PolicyAsync(s, p => p.ExpiringAfterDays(30, noticeDays: 5));
        var numbers = new List<string>();
        for (var i = 0; i < 12; i++)
        {
            var number = (await s.EnrolAsync()).MemberNumber;
            await s.EarnAsync(number, 10m + i);
            await s.EarnAsync(number, 5m);
            numbers.Add(number);
        }

        using (api.Clock.Travel(TimeSpan.FromDays(26)))
        {
            // Small batches, so the two runs interleave over several transactions.
            await Task.WhenAll(SendAsync(api, 5), SendAsync(api, 5));
        }

        using (api.Clock.Travel(TimeSpan.FromDays(31)))
        {
            await Task.WhenAll(SendAsync(api, 5), SendAsync(api, 5));
        }

        for (var i = 0; i < numbers.Count; i++)
        {
            var expired = Assert.Single(await EntriesAsync(api, numbers[i], LedgerEntryType.Expire));
            Assert.Equal(-(15L + i), expired.Points);
            Assert.Single(await OutboxAsync(api, numbers[i], "points.expired"));
            Assert.Single(await OutboxAsync(api, numbers[i], "points.expiring"));
            Assert.Equal(0, await s.AssertBalanceEqualsLedgerAsync(numbers[i]));
        }
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Redemptions_racing_an_expiry_run_never_overspend_and_every_point_is_spent_expired_or_left(DatabaseProvider provider)
    {
        var api = fixture.For(provider);
        var s = await Scenario.StartAsync(api);
        // The notice period covers the later lots, so the run also claims lots for notices while the tills spend.
        await using var policy = await PolicyAsync(s, p => p.ExpiringAfterDays(30, noticeDays: 365));
        var numbers = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            var number = (await s.EnrolAsync()).MemberNumber;
            await s.EarnAsync(number, 100m); // expires on day 30
            numbers.Add(number);
        }

        await using (await PolicyAsync(s, p => p.ExpiringAfterDays(365)))
        {
            foreach (var number in numbers)
            {
                await s.EarnAsync(number, 50m); // still valid on day 31
            }
        }

        using (api.Clock.Travel(TimeSpan.FromDays(31)))
        {
            using var start = new ManualResetEventSlim();
            var redemptions = numbers.SelectMany(n => new[] { n, n }).Select(n => Task.Run(async () =>
            {
                start.Wait();
                using var response = await s.Partner.PostAsync("/api/v1/partner/redemptions", s.Redemption(n, 60), Guid.NewGuid().ToString());
                Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.UnprocessableEntity, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
                return (Number: n, Spent: response.StatusCode == HttpStatusCode.Created ? 60L : 0L);
            })).ToList();
            var expiry = Task.Run(async () =>
            {
                start.Wait();
                return await RunAsync<ExpirePointsJob>(api);
            });
            start.Set();
            var spent = await Task.WhenAll(redemptions);
            await expiry;
            await RunAsync<ExpirePointsJob>(api); // whatever a redemption left in an expired lot goes now

            foreach (var number in numbers)
            {
                var left = await s.AssertBalanceEqualsLedgerAsync(number);
                var expired = -(await EntriesAsync(api, number, LedgerEntryType.Expire)).Sum(e => e.Points);
                var redeemed = spent.Where(r => r.Number == number).Sum(r => r.Spent);
                Assert.Equal(150, redeemed + expired + left);
                Assert.True(left >= 0);
                // An authorised redemption is a Hold until captured (none is, here): count both.
                var held = (await EntriesAsync(api, number, LedgerEntryType.Hold)).Sum(e => e.Points);
                Assert.Equal(-redeemed, held + (await EntriesAsync(api, number, LedgerEntryType.Redeem)).Sum(e => e.Points));
                await using var db = api.CreateDbContext();
                var memberId = await MemberIdAsync(api, number);
                var oldLot = await db.PointsLots.Where(l => l.MemberId == memberId).OrderBy(l => l.Id).FirstAsync();
                Assert.Equal(0, oldLot.Remaining); // the day-30 lot is spent or expired, whatever the order
                Assert.Single(await OutboxAsync(api, number, "points.expiring")); // the later lot always keeps some points
            }
        }
    }

    private static async Task<int> SendAsync(LoyaltyApiFactory api, int membersPerBatch)
    {
        await using var scope = api.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<Mediator.ISender>()
            .Send(new Loyalty.Application.Features.Financial.Expiry.ExpirePointsCommand(membersPerBatch));
    }
}
