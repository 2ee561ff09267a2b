using System.Net;
using System.Net.Http.Json;
using Loyalty.Api.Tests.Infrastructure;
using Loyalty.Contracts.Admin;
using Loyalty.Contracts.Member;
using Loyalty.Contracts.Partner;
using Loyalty.Domain.Financial.Rewards;
using Loyalty.Infrastructure.Persistence;
using static Loyalty.Api.Tests.Rewards.RewardKit;

namespace Loyalty.Api.Tests.Rewards;

[Collection(ApiCollection.Name)]
public sealed class PartnerVoucherTests(ApiFixture fixture)
{
    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_till_checks_a_voucher_honours_it_once_and_the_member_sees_it_used(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        var voucher = await IssueVoucherAsync(s);

        var before = await s.Partner.GetJsonAsync<PartnerVoucherResponse>($"/api/v1/partner/vouchers/{voucher.Code.ToLowerInvariant()}");
        Assert.Equal((voucher.Code, voucher.RewardId, voucher.RewardName, Loyalty.Contracts.Common.VoucherStatus.Issued, voucher.ExpiresAt), (before.Code, before.RewardId, before.RewardName, before.Status, before.ExpiresAt));
        Assert.Null(before.UsedAt);

        using var response = await s.Partner.PostAsync($"/api/v1/partner/vouchers/{voucher.Code}/use", new UseVoucherRequest(s.Store.Id, " R-77 "), Guid.NewGuid().ToString());

        await response.EnsureStatusAsync(HttpStatusCode.OK);
        var used = (await response.Content.ReadFromJsonAsync<PartnerVoucherResponse>(HttpTestExtensions.Json))!;
        Assert.Equal((Loyalty.Contracts.Common.VoucherStatus.Used, (Guid?)s.Store.Id, "R-77"), (used.Status, used.UsedAtStoreId, used.UseReference));
        Assert.NotNull(used.UsedAt);
        Assert.Equal(used, await s.Partner.GetJsonAsync<PartnerVoucherResponse>($"/api/v1/partner/vouchers/{voucher.Code.Replace("-", "", StringComparison.Ordinal)}"));

        // Another partner sees that it was used, not where or with which receipt.
        var other = await Scenario.StartAsync(s.Api);
        var seen = await other.Partner.GetJsonAsync<PartnerVoucherResponse>($"/api/v1/partner/vouchers/{voucher.Code}");
        Assert.Equal((Loyalty.Contracts.Common.VoucherStatus.Used, used.UsedAt, (Guid?)null, (string?)null), (seen.Status, seen.UsedAt, seen.UsedAtStoreId, seen.UseReference));

        var mine = await MemberOf(voucher).GetJsonAsync<VoucherResponse>($"/api/v1/me/vouchers/{voucher.Code}");
        Assert.Equal((Loyalty.Contracts.Common.VoucherStatus.Used, used.UsedAt), (mine.Status, mine.UsedAt));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_second_use_is_409_but_a_retry_with_the_same_key_replays_the_first_answer(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        var voucher = await IssueVoucherAsync(s);
        var url = $"/api/v1/partner/vouchers/{voucher.Code}/use";
        var request = new UseVoucherRequest(s.Store.Id, "R-1");
        var key = Guid.NewGuid().ToString();

        using var first = await s.Partner.PostAsync(url, request, key);
        using var retry = await s.Partner.PostAsync(url, request, key);
        using var again = await s.Partner.PostAsync(url, request, Guid.NewGuid().ToString());

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first.StatusCode, retry.StatusCode));
        Assert.Equal("true", retry.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(await first.Content.ReadAsStringAsync(), await retry.Content.ReadAsStringAsync());
        await again.AssertProblemAsync(HttpStatusCode.Conflict, "voucher_already_used");
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Ten_tills_racing_with_one_voucher_honour_it_once(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        var voucher = await IssueVoucherAsync(s);

        using var start = new ManualResetEventSlim();
        var attempts = Enumerable.Range(0, 10).Select(i => Task.Run(async () =>
        {
            start.Wait();
            using var response = await s.Partner.PostAsync($"/api/v1/partner/vouchers/{voucher.Code}/use", new UseVoucherRequest(s.Store.Id, "till-" + i), Guid.NewGuid().ToString());
            return (response.StatusCode, Body: await response.Content.ReadAsStringAsync());
        })).ToList();
        start.Set();
        var results = await Task.WhenAll(attempts);

        var winner = Assert.Single(results, r => r.StatusCode == HttpStatusCode.OK);
        Assert.All(results.Where(r => r.StatusCode != HttpStatusCode.OK), r =>
        {
            Assert.Equal(HttpStatusCode.Conflict, r.StatusCode);
            Assert.Contains("voucher_already_used", r.Body, StringComparison.Ordinal);
        });
        var stored = await s.Partner.GetJsonAsync<PartnerVoucherResponse>($"/api/v1/partner/vouchers/{voucher.Code}");
        Assert.Contains($"\"useReference\":\"{stored.UseReference}\"", winner.Body, StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task An_expired_voucher_is_422_and_stays_unused(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        var voucher = await IssueVoucherAsync(s, validityDays: 1);

        using (s.Api.Clock.Travel(TimeSpan.FromDays(1)))
        {
            Assert.Equal(Loyalty.Contracts.Common.VoucherStatus.Expired, (await s.Partner.GetJsonAsync<PartnerVoucherResponse>($"/api/v1/partner/vouchers/{voucher.Code}")).Status);
            using var response = await s.Partner.PostAsync($"/api/v1/partner/vouchers/{voucher.Code}/use", new UseVoucherRequest(s.Store.Id, null), Guid.NewGuid().ToString());
            await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "voucher_expired");
        }

        Assert.Null((await s.Partner.GetJsonAsync<PartnerVoucherResponse>($"/api/v1/partner/vouchers/{voucher.Code}")).UsedAt);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Only_the_partners_own_open_store_may_honour_a_voucher(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        var other = await Scenario.StartAsync(s.Api);
        var voucher = await IssueVoucherAsync(s);
        var url = $"/api/v1/partner/vouchers/{voucher.Code}/use";

        using var foreignStore = await s.Partner.PostAsync(url, new UseVoucherRequest(other.Store.Id, null), Guid.NewGuid().ToString());
        await foreignStore.AssertProblemAsync(HttpStatusCode.NotFound, "store_not_found");

        using var close = await s.Admin.PatchAsJsonAsync($"/api/v1/admin/partners/{s.PartnerInfo.Id}/stores/{s.Store.Id}", new UpdateStoreRequest(null, null, false));
        await close.EnsureStatusAsync(HttpStatusCode.OK);
        using var closedStore = await s.Partner.PostAsync(url, new UseVoucherRequest(s.Store.Id, null), Guid.NewGuid().ToString());
        await closedStore.AssertProblemAsync(HttpStatusCode.Conflict, "store_inactive");

        using var noStore = await s.Partner.PostAsync(url, new { reference = new string('x', 101) }, Guid.NewGuid().ToString());
        var problem = await noStore.AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        Assert.Equal(["reference", "storeId"], problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order());

        Assert.Equal(Loyalty.Contracts.Common.VoucherStatus.Issued, (await s.Partner.GetJsonAsync<PartnerVoucherResponse>($"/api/v1/partner/vouchers/{voucher.Code}")).Status);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Unknown_and_mistyped_codes_are_told_apart(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        var unknown = VoucherCode.Generate().Formatted;
        var voucher = await IssueVoucherAsync(s);
        var typo = voucher.Code[..^1] + (voucher.Code[^1] == '7' ? '8' : '7');

        using var notFound = await s.Partner.GetAsync($"/api/v1/partner/vouchers/{unknown}");
        using var useNotFound = await s.Partner.PostAsync($"/api/v1/partner/vouchers/{unknown}/use", new UseVoucherRequest(s.Store.Id, null), Guid.NewGuid().ToString());
        using var mistyped = await s.Partner.GetAsync($"/api/v1/partner/vouchers/{typo}");
        using var malformed = await s.Partner.PostAsync("/api/v1/partner/vouchers/12345/use", new UseVoucherRequest(s.Store.Id, null), Guid.NewGuid().ToString());

        await notFound.AssertProblemAsync(HttpStatusCode.NotFound, "voucher_not_found");
        await useNotFound.AssertProblemAsync(HttpStatusCode.NotFound, "voucher_not_found");
        await mistyped.AssertProblemAsync(HttpStatusCode.BadRequest, "invalid_voucher_code");
        await malformed.AssertProblemAsync(HttpStatusCode.BadRequest, "invalid_voucher_code");
    }

    private readonly Dictionary<string, HttpClient> _owners = [];

    private async Task<VoucherResponse> IssueVoucherAsync(Scenario s, int validityDays = 30)
    {
        var reward = await s.CreateRewardAsync(NewReward(cost: 10, validityDays: validityDays));
        var member = await s.JoinWithPointsAsync(10);
        var voucher = (await member.RedeemOkAsync(reward.Id)).Voucher;
        _owners[voucher.Code] = member.Client;
        return voucher;
    }

    private HttpClient MemberOf(VoucherResponse voucher) => _owners[voucher.Code];
}
