using System.Net;
using Loyalty.Api.Tests.Infrastructure;
using Loyalty.Api.Tests.Redemptions;
using Loyalty.Contracts.Partner;
using Loyalty.Infrastructure.Persistence;

namespace Loyalty.Api.Tests.Returns;

[Collection(ApiCollection.Name)]
public sealed class OrderConfirmationTests(ApiFixture fixture)
{
    private static string Confirm(string externalId) => $"/api/v1/partner/transactions/{Uri.EscapeDataString(externalId)}/confirm";

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Confirming_an_order_makes_its_pending_points_available_and_confirming_again_is_harmless(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        await using var policy = await s.PolicyAsync(p => p with { PendingDays = 0 });
        var member = await s.EnrolAsync();
        var purchase = await s.Partner.PostJsonAsync<PurchaseResponse>("/api/v1/partner/transactions", s.Purchase(member.MemberNumber, 42m) with { AwaitConfirmation = true }, idempotent: true);
        Assert.True(purchase.PointsPending);
        Assert.Null(purchase.PendingUntil);
        Assert.Equal((0L, 42L), Balances(await s.AccountAsync(member.MemberNumber)));

        var confirmed = await s.Partner.PostJsonAsync<PurchaseConfirmationResponse>(Confirm(purchase.ExternalId), new { }, idempotent: true);
        var again = await s.Partner.PostJsonAsync<PurchaseConfirmationResponse>(Confirm(purchase.ExternalId), new { }, idempotent: true);

        Assert.Equal((purchase.ExternalId, member.MemberNumber, 42L, 42L), (confirmed.ExternalId, confirmed.MemberNumber, confirmed.PointsConfirmed, confirmed.AvailablePoints));
        Assert.Equal((0L, 42L), (again.PointsConfirmed, again.AvailablePoints));
        Assert.Equal((42L, 0L), Balances(await s.AccountAsync(member.MemberNumber)));
        Assert.Equal(42, await s.AssertBalanceEqualsLedgerAsync(member.MemberNumber));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Confirming_ends_the_pending_period_early(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        await using var policy = await s.PolicyAsync(p => p with { PendingDays = 14 });
        var member = await s.EnrolAsync();
        var purchase = await s.EarnAsync(member.MemberNumber, 30m);
        Assert.NotNull(purchase.PendingUntil);

        var confirmed = await s.Partner.PostJsonAsync<PurchaseConfirmationResponse>(Confirm(purchase.ExternalId), new { }, idempotent: true);

        Assert.Equal((30L, 30L), (confirmed.PointsConfirmed, confirmed.AvailablePoints));
        Assert.All(await s.LotsAsync(member.MemberNumber), l => Assert.False(l.IsPending));
        Assert.Equal(30, await s.AssertBalanceEqualsLedgerAsync(member.MemberNumber));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_return_before_confirmation_takes_back_pending_points_and_the_confirmation_the_rest(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        await using var policy = await s.PolicyAsync(p => p with { PendingDays = 0, ReturnPolicy = ReturnPolicy.ReversePendingOnly });
        var member = await s.EnrolAsync();
        var purchase = await s.Partner.PostJsonAsync<PurchaseResponse>("/api/v1/partner/transactions", s.Purchase(member.MemberNumber, 50m) with { AwaitConfirmation = true }, idempotent: true);

        var returned = await s.Partner.PostJsonAsync<ReturnResponse>($"/api/v1/partner/transactions/{purchase.ExternalId}/returns", new RecordReturnRequest("R-1", 20m, null), idempotent: true);
        var confirmed = await s.Partner.PostJsonAsync<PurchaseConfirmationResponse>(Confirm(purchase.ExternalId), new { }, idempotent: true);

        Assert.Equal((20L, 20L), (returned.PointsReversed, returned.PendingPointsReversed));
        Assert.Equal((30L, 30L), (confirmed.PointsConfirmed, confirmed.AvailablePoints));
        Assert.Equal((30L, 0L), Balances(await s.AccountAsync(member.MemberNumber)));
        Assert.Equal(30, await s.AssertBalanceEqualsLedgerAsync(member.MemberNumber));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Confirming_an_unknown_or_another_partners_order_is_not_found(DatabaseProvider provider)
    {
        var api = fixture.For(provider);
        var mine = await Scenario.StartAsync(api);
        var theirs = await Scenario.StartAsync(api);
        var member = await mine.EnrolAsync();
        var purchase = await mine.Partner.PostJsonAsync<PurchaseResponse>("/api/v1/partner/transactions", mine.Purchase(member.MemberNumber, 10m) with { AwaitConfirmation = true }, idempotent: true);

        using var unknown = await mine.Partner.PostAsync(Confirm("NOPE-" + Unique.Id()), new { }, Guid.NewGuid().ToString());
        using var foreign = await theirs.Partner.PostAsync(Confirm(purchase.ExternalId), new { }, Guid.NewGuid().ToString());

        await unknown.AssertProblemAsync(HttpStatusCode.NotFound, "transaction_not_found");
        await foreign.AssertProblemAsync(HttpStatusCode.NotFound, "transaction_not_found");
        Assert.Equal((0L, 10L), Balances(await mine.AccountAsync(member.MemberNumber)));
    }

    private static (long Available, long Pending) Balances(Domain.Financial.Ledger.PointsAccount account) => (account.Available, account.Pending);
}
