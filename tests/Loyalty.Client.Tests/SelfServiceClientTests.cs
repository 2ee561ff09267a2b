using Loyalty.Api.Tests.Infrastructure;
using Loyalty.Contracts.Admin;

namespace Loyalty.Client.Tests;

[Collection(ClientCollection.Name)]
public sealed class SelfServiceClientTests(ClientFixture fixture)
{
    [Fact]
    public async Task A_partner_manages_its_stores_and_keys_and_reads_its_settlement_through_the_client()
    {
        var s = await Scenario.StartAsync(fixture.Factory);
        var api = fixture.PartnerApi(s.Key.Key);
        var member = await s.EnrolAsync();
        var from = fixture.Factory.Clock.GetUtcNow();
        var purchase = await s.EarnAsync(member.MemberNumber, 25m);

        var store = Assert.Single((await api.ListStoresAsync()).Items);
        Assert.Equal("Uptown", (await api.UpdateStoreAsync(store.Id, new UpdateStoreRequest("Uptown", null, null), IdempotencyKeys.New())).Name);

        var settlement = await api.GetSettlementAsync(from, fixture.Factory.Clock.GetUtcNow().AddSeconds(1));
        Assert.Equal((purchase.PointsEarned, 0L), (settlement.Totals.PointsIssued, settlement.Totals.PointsRedeemed));
        var csv = await api.GetSettlementCsvAsync(from, fixture.Factory.Clock.GetUtcNow().AddSeconds(1));
        Assert.Contains(",Uptown,", csv, StringComparison.Ordinal);

        var rotated = await api.RotateApiKeyAsync(s.Key.Id, new RotateApiKeyRequest(0), IdempotencyKeys.New());
        var next = fixture.PartnerApi(rotated.Key);
        var keys = (await next.ListApiKeysAsync()).Items;
        Assert.NotNull(keys.Single(k => k.Id == s.Key.Id).ExpiresAt);
        await Assert.ThrowsAsync<LoyaltyAuthenticationException>(() => api.ListStoresAsync());
        Assert.Equal(rotated.Id, (await next.RevokeApiKeyAsync(rotated.Id, IdempotencyKeys.New())).Id);
    }
}
