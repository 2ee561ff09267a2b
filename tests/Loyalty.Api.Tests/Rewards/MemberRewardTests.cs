using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Loyalty.Api.Tests.Infrastructure;
using Loyalty.Contracts.Admin;
using Loyalty.Contracts.Common;
using Loyalty.Contracts.Member;
using Loyalty.Domain.Common;
using Loyalty.Domain.Financial.Ledger;
using Loyalty.Domain.Financial.Rewards;
using Loyalty.Domain.Social.Members;
using Loyalty.Domain.Structural.Outbox;
using Loyalty.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using static Loyalty.Api.Tests.Rewards.RewardKit;

namespace Loyalty.Api.Tests.Rewards;

[Collection(ApiCollection.Name)]
public sealed class MemberRewardTests(ApiFixture fixture)
{
    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_catalogue_shows_what_my_tier_may_redeem_now_with_whether_I_can_afford_it(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        var now = s.Api.Clock.GetUtcNow();
        var gold = await s.TierIdAsync("Gold");
        var open = await s.CreateRewardAsync(NewReward(cost: 80, stock: 3, limit: 5));
        var dear = await s.CreateRewardAsync(NewReward(cost: 1_000_000));
        var windowed = await s.CreateRewardAsync(NewReward(cost: 10, from: now.AddMinutes(-1), until: now.AddDays(1)));
        var inactive = await s.CreateRewardAsync(NewReward(active: false));
        var future = await s.CreateRewardAsync(NewReward(from: now.AddDays(1)));
        var past = await s.CreateRewardAsync(NewReward(from: now.AddDays(-10), until: now.AddDays(-1)));
        var goldOnly = await s.CreateRewardAsync(NewReward(tiers: [gold]));
        var me = await s.JoinWithPointsAsync(100);

        var catalogue = await me.CatalogueAsync();

        var offer = Assert.Single(catalogue, r => r.Id == open.Id);
        Assert.Equal((open.Name, 80L, (int?)3, (int?)5, 0, (int?)3, true, true), (offer.Name, offer.PointsCost, offer.StockLeft, offer.PerMemberLimit, offer.RedeemedByYou, offer.RemainingForYou, offer.CanAfford, offer.CanRedeem));
        var tooDear = Assert.Single(catalogue, r => r.Id == dear.Id);
        Assert.Equal((false, false, (int?)null), (tooDear.CanAfford, tooDear.CanRedeem, tooDear.RemainingForYou));
        Assert.Equal(windowed.AvailableUntil, Assert.Single(catalogue, r => r.Id == windowed.Id).AvailableUntil);
        Assert.DoesNotContain(catalogue, r => r.Id == inactive.Id || r.Id == future.Id || r.Id == past.Id || r.Id == goldOnly.Id);

        await s.MoveToTierAsync(me, "Gold");
        Assert.Contains(await me.CatalogueAsync(), r => r.Id == goldOnly.Id);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_catalogue_is_cheapest_first_and_pages_without_gaps_or_repeats(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        var mine = new List<RewardResponse>();
        foreach (var cost in new long[] { 7, 3, 7, 5 })
        {
            mine.Add(await s.CreateRewardAsync(NewReward(cost: cost)));
        }

        var me = await s.JoinWithPointsAsync(0);

        var paged = await me.CatalogueAsync(pageSize: 2);
        var whole = await me.CatalogueAsync();

        Assert.Equal(whole.Select(r => r.Id), paged.Select(r => r.Id));
        Assert.Equal(paged.Count, paged.Select(r => r.Id).Distinct().Count());
        Assert.Equal(paged.Select(r => r.PointsCost).Order(), paged.Select(r => r.PointsCost));
        Assert.All(mine, r => Assert.Contains(paged, x => x.Id == r.Id));
        using var bad = await me.Client.GetAsync("/api/v1/me/rewards?cursor=" + Uri.EscapeDataString(Convert.ToBase64String("x:y"u8.ToArray())));
        await bad.AssertProblemAsync(HttpStatusCode.BadRequest, "invalid_cursor");
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Redeeming_takes_the_points_issues_a_voucher_lowers_the_stock_and_writes_the_event(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        var reward = await s.CreateRewardAsync(NewReward(cost: 60, stock: 10, limit: 3, validityDays: 7));
        var me = await s.JoinWithPointsAsync(100);

        using var response = await me.RedeemAsync(reward.Id);

        await response.EnsureStatusAsync(HttpStatusCode.Created);
        var redemption = (await response.Content.ReadFromJsonAsync<RewardRedemptionResponse>(HttpTestExtensions.Json))!;
        var voucher = redemption.Voucher;
        Assert.Equal($"/api/v1/me/vouchers/{voucher.Code}", response.Headers.Location?.OriginalString);
        Assert.Matches("^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$", voucher.Code);
        Assert.Equal((reward.Id, reward.Name, 60L, Loyalty.Contracts.Common.VoucherStatus.Issued), (voucher.RewardId, voucher.RewardName, voucher.PointsSpent, voucher.Status));
        Assert.Equal(voucher.IssuedAt.AddDays(7), voucher.ExpiresAt);
        Assert.Null(voucher.UsedAt);
        Assert.Equal(40, redemption.AvailablePoints);
        Assert.Equal(40, await s.AssertBalanceEqualsLedgerAsync(me.Number));
        Assert.Equal(9, (await s.Admin.GetJsonAsync<RewardResponse>($"{AdminRewards}/{reward.Id}")).Stock);

        await using (var db = s.Api.CreateDbContext())
        {
            var stored = await db.Vouchers.SingleAsync(v => v.Code == voucher.Code.Replace("-", "", StringComparison.Ordinal));
            var entry = await db.LedgerEntries.SingleAsync(e => e.MemberId == stored.MemberId && e.Type == LedgerEntryType.Redeem);
            Assert.Equal((-60L, $"Reward: {reward.Name}", (Guid?)stored.Id), (entry.Points, entry.Description, entry.ReferenceId));
            var events = await db.OutboxMessages.Where(m => m.MemberId == stored.MemberId).ToListAsync();
            Assert.DoesNotContain(events, m => m.Type == EventTypes.PointsRedeemed);
            var redeemed = JsonDocument.Parse(Assert.Single(events, m => m.Type == EventTypes.RewardRedeemed).Payload).RootElement;
            Assert.Equal(60, redeemed.GetProperty("points").GetInt64());
            Assert.Equal(stored.Id, redeemed.GetProperty("voucherId").GetGuid());
            Assert.Equal(reward.Id, redeemed.GetProperty("rewardId").GetGuid());
            Assert.Equal(me.Number, redeemed.GetProperty("memberNumber").GetString());
        }

        var history = await me.Client.GetJsonAsync<Page<PointsHistoryEntry>>("/api/v1/me/points/history");
        Assert.Equal((PointsEntryType.Redeem, -60L, $"Reward: {reward.Name}"), (history.Items[0].Type, history.Items[0].Points, history.Items[0].Description));
        var offer = Assert.Single(await me.CatalogueAsync(), r => r.Id == reward.Id);
        Assert.Equal((1, (int?)2, (int?)9, false), (offer.RedeemedByYou, offer.RemainingForYou, offer.StockLeft, offer.CanAfford));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Each_refusal_has_its_code_and_costs_nothing(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        var now = s.Api.Clock.GetUtcNow();
        var gold = await s.TierIdAsync("Gold");
        var me = await s.JoinWithPointsAsync(100);
        var once = await s.CreateRewardAsync(NewReward(cost: 10, limit: 1));
        await me.RedeemOkAsync(once.Id);

        var cases = new (Guid RewardId, HttpStatusCode Status, string Code)[]
        {
            (Guid.NewGuid(), HttpStatusCode.NotFound, "reward_not_found"),
            ((await s.CreateRewardAsync(NewReward(active: false))).Id, HttpStatusCode.UnprocessableEntity, "reward_unavailable"),
            ((await s.CreateRewardAsync(NewReward(from: now.AddDays(1)))).Id, HttpStatusCode.UnprocessableEntity, "reward_unavailable"),
            ((await s.CreateRewardAsync(NewReward(from: now.AddDays(-2), until: now.AddDays(-1)))).Id, HttpStatusCode.UnprocessableEntity, "reward_unavailable"),
            ((await s.CreateRewardAsync(NewReward(tiers: [gold]))).Id, HttpStatusCode.UnprocessableEntity, "reward_not_eligible"),
            ((await s.CreateRewardAsync(NewReward(stock: 0))).Id, HttpStatusCode.UnprocessableEntity, "reward_out_of_stock"),
            (once.Id, HttpStatusCode.UnprocessableEntity, "reward_limit_reached"),
            ((await s.CreateRewardAsync(NewReward(cost: 91))).Id, HttpStatusCode.UnprocessableEntity, "insufficient_points"),
        };

        foreach (var (rewardId, status, code) in cases)
        {
            using var response = await me.RedeemAsync(rewardId);
            await response.AssertProblemAsync(status, code);
        }

        Assert.Equal(90, await s.AssertBalanceEqualsLedgerAsync(me.Number));
        Assert.Equal(1, await s.VoucherCountAsync(me));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_suspended_member_a_stranger_and_a_missing_idempotency_key_are_refused(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        var reward = await s.CreateRewardAsync(NewReward(cost: 10));
        var me = await s.JoinWithPointsAsync(50);
        var stranger = new AppMember(s.MemberClient("stranger-" + Unique.Id()), "");

        using var noKey = await me.RedeemAsync(reward.Id, idempotencyKey: null);
        using var notEnrolled = await stranger.RedeemAsync(reward.Id);
        await s.SetStatusAsync(me, Loyalty.Domain.Social.Members.MemberStatus.Suspended);
        using var suspended = await me.RedeemAsync(reward.Id);

        await noKey.AssertProblemAsync(HttpStatusCode.BadRequest, "idempotency_key_required");
        await notEnrolled.AssertProblemAsync(HttpStatusCode.NotFound, "member_not_found");
        await suspended.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "member_suspended");
        Assert.False(Assert.Single(await me.CatalogueAsync(), r => r.Id == reward.Id).CanRedeem);
        Assert.Equal(50, await s.AssertBalanceEqualsLedgerAsync(me.Number));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_retried_redeem_replays_the_first_voucher_and_takes_the_points_once(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        var reward = await s.CreateRewardAsync(NewReward(cost: 30, stock: 5));
        var me = await s.JoinWithPointsAsync(100);
        var key = Guid.NewGuid().ToString();

        using var first = await me.RedeemAsync(reward.Id, key);
        using var retry = await me.RedeemAsync(reward.Id, key);

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Created), (first.StatusCode, retry.StatusCode));
        Assert.Equal("true", retry.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(await first.Content.ReadAsStringAsync(), await retry.Content.ReadAsStringAsync());
        Assert.Equal(1, await s.VoucherCountAsync(me));
        Assert.Equal(4, (await s.Admin.GetJsonAsync<RewardResponse>($"{AdminRewards}/{reward.Id}")).Stock);
        Assert.Equal(70, await s.AssertBalanceEqualsLedgerAsync(me.Number));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task My_vouchers_are_newest_first_paged_and_found_by_code_typed_any_way(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        var rewards = new List<RewardResponse>();
        for (var i = 0; i < 3; i++)
        {
            rewards.Add(await s.CreateRewardAsync(NewReward(cost: 10)));
        }

        var me = await s.JoinWithPointsAsync(100);
        var issued = new List<VoucherResponse>();
        foreach (var reward in rewards)
        {
            issued.Add((await me.RedeemOkAsync(reward.Id)).Voucher);
        }

        var first = await me.Client.GetJsonAsync<Page<VoucherResponse>>("/api/v1/me/vouchers?limit=2");
        var second = await me.Client.GetJsonAsync<Page<VoucherResponse>>("/api/v1/me/vouchers?limit=2&cursor=" + Uri.EscapeDataString(first.NextCursor!));

        Assert.Equal(issued.AsEnumerable().Reverse().Select(v => v.Code), first.Items.Concat(second.Items).Select(v => v.Code));
        Assert.Null(second.NextCursor);
        var code = issued[0].Code;
        Assert.Equal(issued[0], await me.Client.GetJsonAsync<VoucherResponse>($"/api/v1/me/vouchers/{code}"));
        Assert.Equal(issued[0], await me.Client.GetJsonAsync<VoucherResponse>($"/api/v1/me/vouchers/{code.Replace("-", "", StringComparison.Ordinal).ToLowerInvariant()}"));

        var other = await s.JoinWithPointsAsync(0);
        using var notMine = await other.Client.GetAsync($"/api/v1/me/vouchers/{code}");
        await notMine.AssertProblemAsync(HttpStatusCode.NotFound, "voucher_not_found");
        Assert.Empty((await other.Client.GetJsonAsync<Page<VoucherResponse>>("/api/v1/me/vouchers")).Items);

        var typo = code[..^1] + (code[^1] == 'A' ? 'B' : 'A');
        using var mistyped = await me.Client.GetAsync($"/api/v1/me/vouchers/{typo}");
        await mistyped.AssertProblemAsync(HttpStatusCode.BadRequest, "invalid_voucher_code");
        using var malformed = await me.Client.GetAsync("/api/v1/me/vouchers/NOT-A-CODE");
        await malformed.AssertProblemAsync(HttpStatusCode.BadRequest, "invalid_voucher_code");
        using var badCursor = await me.Client.GetAsync("/api/v1/me/vouchers?cursor=abc");
        await badCursor.AssertProblemAsync(HttpStatusCode.BadRequest, "invalid_cursor");
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_voucher_shows_as_expired_once_its_validity_has_passed(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        var reward = await s.CreateRewardAsync(NewReward(cost: 10, validityDays: 3));
        var me = await s.JoinWithPointsAsync(10);
        var voucher = (await me.RedeemOkAsync(reward.Id)).Voucher;

        using (s.Api.Clock.Travel(TimeSpan.FromDays(3) - TimeSpan.FromMinutes(1)))
        {
            Assert.Equal(Loyalty.Contracts.Common.VoucherStatus.Issued, (await me.Client.GetJsonAsync<VoucherResponse>($"/api/v1/me/vouchers/{voucher.Code}")).Status);
        }

        using (s.Api.Clock.Travel(TimeSpan.FromDays(3)))
        {
            Assert.Equal(Loyalty.Contracts.Common.VoucherStatus.Expired, (await me.Client.GetJsonAsync<VoucherResponse>($"/api/v1/me/vouchers/{voucher.Code}")).Status);
            Assert.Equal(Loyalty.Contracts.Common.VoucherStatus.Expired, Assert.Single((await me.Client.GetJsonAsync<Page<VoucherResponse>>("/api/v1/me/vouchers")).Items).Status);
        }

        Assert.Equal(0, await s.AssertBalanceEqualsLedgerAsync(me.Number)); // expiry gives nothing back
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_renamed_reward_keeps_the_name_the_voucher_was_bought_under(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        var reward = await s.CreateRewardAsync(NewReward(cost: 10));
        var me = await s.JoinWithPointsAsync(10);
        var voucher = (await me.RedeemOkAsync(reward.Id)).Voucher;

        using var patch = await s.Admin.PatchAsJsonAsync($"{AdminRewards}/{reward.Id}", new { name = "Renamed " + Unique.Id() });
        await patch.EnsureStatusAsync(HttpStatusCode.OK);

        Assert.Equal(reward.Name, (await me.Client.GetJsonAsync<VoucherResponse>($"/api/v1/me/vouchers/{voucher.Code}")).RewardName);
        Assert.Equal(CodeParseResult.Valid, VoucherCode.TryParse(voucher.Code, out _));
    }
}
