using System.Net;
using Loyalty.Api.Tests.Infrastructure;
using Loyalty.Infrastructure.Persistence;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Loyalty.Api.Tests.Platform;

[Collection(ApiCollection.Name)]
public sealed class SecurityHeaderTests(ApiFixture fixture)
{
    [Fact]
    public async Task Every_api_response_is_nosniff_and_not_stored_successes_and_errors_alike()
    {
        var api = fixture.For(DatabaseProvider.Sqlite);
        var s = await Scenario.StartAsync(api);
        var member = await s.EnrolAsync();
        var subject = "headers-" + Unique.Id();
        using var memberClient = s.MemberClient(subject);
        using var anonymous = api.CreateClient();

        var responses = new List<HttpResponseMessage>
        {
            await memberClient.GetAsync("/api/v1/me"), // 404 not enrolled, still personal
            await memberClient.GetAsync("/api/v1/me/export"),
            await s.Admin.GetAsync($"/api/v1/admin/members/{member.Id}"),
            await s.Partner.GetAsync($"/api/v1/partner/members/{member.MemberNumber}"),
            await anonymous.GetAsync("/api/v1/me"), // 401
        };
        foreach (var response in responses)
        {
            using (response)
            {
                var where = $"{response.RequestMessage!.RequestUri} ({(int)response.StatusCode})";
                Assert.True(response.Headers.TryGetValues("X-Content-Type-Options", out var nosniff) && nosniff.Single() == "nosniff", where);
                Assert.True(response.Headers.CacheControl?.NoStore == true, where);
            }
        }

        using var health = await anonymous.GetAsync("/health/live");
        Assert.Equal("nosniff", health.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Fact]
    public void Kestrel_sends_no_server_banner() =>
        Assert.False(fixture.For(DatabaseProvider.Sqlite).Services.GetRequiredService<IOptions<KestrelServerOptions>>().Value.AddServerHeader);

    [Fact]
    public async Task A_refused_token_is_challenged_without_saying_why()
    {
        var forged = new Microsoft.IdentityModel.JsonWebTokens.JsonWebTokenHandler().CreateToken(new Microsoft.IdentityModel.Tokens.SecurityTokenDescriptor
        {
            Issuer = TestTokens.Issuer,
            Audience = TestTokens.Audience,
            Claims = new Dictionary<string, object> { ["sub"] = "mallory" },
            SigningCredentials = new(new Microsoft.IdentityModel.Tokens.SymmetricSecurityKey(new byte[32]), "HS256"),
        });
        using var client = fixture.For(DatabaseProvider.Sqlite).CreateClient().WithBearer(forged);

        using var response = await client.GetAsync("/api/v1/me");

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "unauthenticated");
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.ToString());
    }
}
