using System.Net;
using System.Net.Http.Json;
using Loyalty.Api.Tests.Infrastructure;
using Loyalty.Contracts.Common;
using Loyalty.Contracts.Partner;
using Loyalty.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Api.Tests.Partner;

[Collection(ApiCollection.Name)]
public sealed class CoreLoopTests(ApiFixture fixture)
{
    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_member_enrolled_at_the_till_earns_and_spends_points_and_the_balance_equals_the_ledger(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        var member = await s.EnrolAsync();
        Assert.Equal(12, member.MemberNumber.Length);
        Assert.Equal("Bronze", member.Tier.Name);

        var purchase = await s.EarnAsync(member.MemberNumber, 42.99m);
        Assert.Equal(42, purchase.PointsEarned); // rounded down, never up
        Assert.Equal(42, purchase.AvailablePoints);
        Assert.Equal(EarnLineKind.Base, Assert.Single(purchase.Breakdown).Kind);

        var redemption = await s.Partner.PostJsonAsync<RedemptionResponse>("/api/v1/partner/redemptions", s.Redemption(member.MemberNumber, 40), idempotent: true);
        Assert.Equal(2, redemption.AvailablePoints);
        var captured = await s.Partner.PostJsonAsync<RedemptionResponse>($"/api/v1/partner/redemptions/{redemption.RedemptionId}/capture", new { }, idempotent: true);
        Assert.Equal((RedemptionStatus.Captured, 40L, 2L), (captured.Status, captured.CapturedPoints, captured.AvailablePoints));

        var lookup = await s.Partner.GetJsonAsync<MemberLookupResponse>($"/api/v1/partner/members/{member.MemberNumber}");
        Assert.Equal(2, lookup.AvailablePoints);
        Assert.Equal(member.DisplayName, lookup.DisplayName);
        Assert.Equal(2, await s.AssertBalanceEqualsLedgerAsync(member.MemberNumber));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_tier_multiplier_adds_a_tier_line_to_the_breakdown(DatabaseProvider provider)
    {
        var api = fixture.For(provider);
        var s = await Scenario.StartAsync(api);
        var member = await s.EnrolAsync();
        await using (var db = api.CreateDbContext())
        {
            var gold = await db.Tiers.Where(t => t.Name == "Gold").Select(t => t.Id).SingleAsync();
            await db.Members.Where(m => m.MemberNumber == member.MemberNumber).ExecuteUpdateAsync(u => u.SetProperty(m => m.TierId, gold));
        }

        var purchase = await s.EarnAsync(member.MemberNumber, 101m);

        Assert.Equal(151, purchase.PointsEarned); // floor(101 × 1 × 1.5)
        Assert.Collection(
            purchase.Breakdown,
            line => Assert.Equal((EarnLineKind.Base, 101L), (line.Kind, line.Points)),
            line => Assert.Equal((EarnLineKind.Tier, 50L), (line.Kind, line.Points)));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Spending_more_than_the_balance_is_refused_and_costs_nothing(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        var member = await s.EnrolAsync();
        await s.EarnAsync(member.MemberNumber, 10m);

        using var response = await s.Partner.PostAsync("/api/v1/partner/redemptions", s.Redemption(member.MemberNumber, 11), Guid.NewGuid().ToString());

        await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "insufficient_points");
        Assert.Equal(10, await s.AssertBalanceEqualsLedgerAsync(member.MemberNumber));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_same_receipt_never_earns_twice(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        var member = await s.EnrolAsync();
        await s.EarnAsync(member.MemberNumber, 10m, "RECEIPT-1");

        using var again = await s.Partner.PostAsync("/api/v1/partner/transactions", s.Purchase(member.MemberNumber, 10m, "RECEIPT-1"), Guid.NewGuid().ToString());

        await again.AssertProblemAsync(HttpStatusCode.Conflict, "duplicate_transaction");
        Assert.Equal(10, await s.AssertBalanceEqualsLedgerAsync(member.MemberNumber));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Fifty_parallel_redemptions_against_a_balance_for_ten_let_exactly_ten_through(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        var member = await s.EnrolAsync();
        await s.EarnAsync(member.MemberNumber, 100m); // 100 points: ten redemptions of 10

        using var start = new ManualResetEventSlim();
        var attempts = Enumerable.Range(0, 50).Select(_ => Task.Run(async () =>
        {
            start.Wait();
            using var response = await s.Partner.PostAsync("/api/v1/partner/redemptions", s.Redemption(member.MemberNumber, 10), Guid.NewGuid().ToString());
            return (response.StatusCode, Body: await response.Content.ReadAsStringAsync());
        })).ToList();
        start.Set();
        var results = await Task.WhenAll(attempts);

        Assert.Equal(10, results.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.All(results.Where(r => r.StatusCode != HttpStatusCode.Created), r =>
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, r.StatusCode);
            Assert.Contains("insufficient_points", r.Body, StringComparison.Ordinal);
        });
        Assert.Equal(0, await s.AssertBalanceEqualsLedgerAsync(member.MemberNumber));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_suspended_partner_can_no_longer_use_its_keys(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        var member = await s.EnrolAsync();
        using var patch = await s.Admin.PatchAsJsonAsync($"/api/v1/admin/partners/{s.PartnerInfo.Id}", new { status = "suspended" });
        await patch.EnsureStatusAsync(HttpStatusCode.OK);

        using var response = await s.Partner.GetAsync($"/api/v1/partner/members/{member.MemberNumber}");

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "unauthenticated");
    }
}
