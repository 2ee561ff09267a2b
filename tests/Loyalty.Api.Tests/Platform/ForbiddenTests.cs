using System.Net;
using Loyalty.Api.Tests.Infrastructure;
using Loyalty.Contracts.Admin;
using Loyalty.Infrastructure.Persistence;

namespace Loyalty.Api.Tests.Platform;

/// <summary>A 403 names what was missing, from the route's own policy, and nothing about anyone else.</summary>
[Collection(ApiCollection.Name)]
public sealed class ForbiddenTests(ApiFixture fixture)
{
    [Fact]
    public async Task A_key_without_the_scope_is_told_which_scope_is_missing()
    {
        var api = fixture.For(DatabaseProvider.Sqlite);
        var s = await Scenario.StartAsync(api);
        var key = await s.Admin.PostJsonAsync<ApiKeyCreatedResponse>($"/api/v1/admin/partners/{s.PartnerInfo.Id}/api-keys", new CreateApiKeyRequest("reader", ["members:read"]));
        using var reader = api.CreateClient().WithApiKey(key.Key);

        using var response = await reader.PostAsync("/api/v1/partner/transactions", s.Purchase("800000000009", 10m), Guid.NewGuid().ToString());

        var problem = await response.AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        Assert.Equal("points:earn", problem.GetProperty("required_scope").GetString());
        Assert.DoesNotContain(s.PartnerInfo.Id.ToString(), problem.ToString(), StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("member", "/api/v1/admin/partners", new[] { "admin" })]
    [InlineData("marketing", "/api/v1/admin/partners", new[] { "admin" })]
    [InlineData("member", "/api/v1/admin/tiers", new[] { "admin", "marketing" })]
    public async Task Staff_routes_say_which_roles_would_do(string who, string url, string[] roles)
    {
        var api = fixture.For(DatabaseProvider.Sqlite);
        var token = who == "marketing" ? TestTokens.Marketing() : TestTokens.Member("forbidden-" + Unique.Id());
        using var client = api.CreateClient().WithBearer(token);

        using var response = await client.GetAsync(url);

        var problem = await response.AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        Assert.Equal(roles, problem.GetProperty("required_role").EnumerateArray().Select(r => r.GetString()!).ToArray());
    }
}
