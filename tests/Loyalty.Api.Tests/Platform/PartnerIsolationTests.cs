using System.Net;
using Loyalty.Api.Tests.Infrastructure;
using Loyalty.Infrastructure.Persistence;

namespace Loyalty.Api.Tests.Platform;

/// <summary>From the attacker's side: a key acts only for its own partner, and only with credentials that are real.</summary>
[Collection(ApiCollection.Name)]
public sealed class PartnerIsolationTests(ApiFixture fixture)
{
    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_key_cannot_earn_or_spend_at_another_partners_store(DatabaseProvider provider)
    {
        var api = fixture.For(provider);
        var mine = await Scenario.StartAsync(api);
        var theirs = await Scenario.StartAsync(api);
        var member = await mine.EnrolAsync();
        await mine.EarnAsync(member.MemberNumber, 50m);

        using var earn = await mine.Partner.PostAsync("/api/v1/partner/transactions", mine.Purchase(member.MemberNumber, 10m) with { StoreId = theirs.Store.Id }, Guid.NewGuid().ToString());
        using var spend = await mine.Partner.PostAsync("/api/v1/partner/redemptions", mine.Redemption(member.MemberNumber, 10) with { StoreId = theirs.Store.Id }, Guid.NewGuid().ToString());
        using var enrol = await mine.Partner.PostAsync("/api/v1/partner/members", mine.NewMember() with { StoreId = theirs.Store.Id }, Guid.NewGuid().ToString());

        await earn.AssertProblemAsync(HttpStatusCode.NotFound, "store_not_found");
        await spend.AssertProblemAsync(HttpStatusCode.NotFound, "store_not_found");
        await enrol.AssertProblemAsync(HttpStatusCode.NotFound, "store_not_found");
        Assert.Equal(50, await mine.AssertBalanceEqualsLedgerAsync(member.MemberNumber));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("not-a-key")]
    [InlineData("lk_abcdefghij_forgedsecretforgedsecretforgedsecret00")]
    public async Task Missing_malformed_or_forged_keys_are_401(string? key)
    {
        var s = await Scenario.StartAsync(fixture.For(DatabaseProvider.Sqlite));
        var member = await s.EnrolAsync();
        using var client = fixture.For(DatabaseProvider.Sqlite).CreateClient();
        if (key is not null)
        {
            client.WithApiKey(key);
        }

        using var response = await client.GetAsync($"/api/v1/partner/members/{member.MemberNumber}");

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "unauthenticated");
    }

    [Fact]
    public async Task A_real_key_prefix_with_a_wrong_secret_is_401()
    {
        var s = await Scenario.StartAsync(fixture.For(DatabaseProvider.Sqlite));
        var member = await s.EnrolAsync();
        var forged = s.Key.Key[..^4] + "AAAA";
        using var client = fixture.For(DatabaseProvider.Sqlite).CreateClient().WithApiKey(forged);

        using var response = await client.GetAsync($"/api/v1/partner/members/{member.MemberNumber}");

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "unauthenticated");
    }

    [Fact]
    public async Task A_member_or_admin_token_is_not_a_partner_credential()
    {
        var s = await Scenario.StartAsync(fixture.For(DatabaseProvider.Sqlite));
        var member = await s.EnrolAsync();

        using var asAdmin = await s.Admin.GetAsync($"/api/v1/partner/members/{member.MemberNumber}");
        using var asMember = await s.MemberClient("someone").GetAsync($"/api/v1/partner/members/{member.MemberNumber}");

        await asAdmin.AssertProblemAsync(HttpStatusCode.Unauthorized, "unauthenticated");
        await asMember.AssertProblemAsync(HttpStatusCode.Unauthorized, "unauthenticated");
    }
}
