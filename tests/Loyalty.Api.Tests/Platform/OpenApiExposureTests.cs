using System.Net;
using System.Net.Http.Headers;
using Loyalty.Api.Tests.Infrastructure;
using Loyalty.Infrastructure.Persistence;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Loyalty.Api.Tests.Platform;

/// <summary>In Production the admin document maps the back office only for admins; the member and partner documents stay public.</summary>
[Collection(ApiCollection.Name)]
public sealed class OpenApiExposureTests(ApiFixture fixture)
{
    [Fact]
    public async Task In_production_the_admin_document_is_served_only_to_admins()
    {
        await using var production = fixture.For(DatabaseProvider.Sqlite).WithWebHostBuilder(b => b.UseEnvironment("Production"));
        using var client = production.CreateClient();

        using var anonymous = await client.GetAsync("/swagger/admin/swagger.json");
        await anonymous.AssertProblemAsync(HttpStatusCode.Unauthorized, "unauthenticated");

        using var asMember = await GetAsync(client, "/swagger/admin/swagger.json", TestTokens.Member("anna@test"));
        await asMember.AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");

        using var asMarketing = await GetAsync(client, "/swagger/admin/swagger.json", TestTokens.Marketing());
        await asMarketing.AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");

        using var asAdmin = await GetAsync(client, "/swagger/admin/swagger.json", TestTokens.Admin());
        Assert.Equal(HttpStatusCode.OK, asAdmin.StatusCode);
        Assert.Contains("Loyalty admin API", await asAdmin.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        foreach (var document in new[] { "member", "partner" })
        {
            using var open = await client.GetAsync($"/swagger/{document}/swagger.json");
            Assert.Equal(HttpStatusCode.OK, open.StatusCode);
        }

        // Swagger UI stays public but no longer lists a document it could not fetch.
        using var ui = await client.GetAsync("/swagger/index.html");
        Assert.Equal(HttpStatusCode.OK, ui.StatusCode);
        using var uiConfig = await client.GetAsync("/swagger/index.js");
        var config = await uiConfig.Content.ReadAsStringAsync();
        Assert.Contains("/swagger/partner/swagger.json", config, StringComparison.Ordinal);
        Assert.DoesNotContain("/swagger/admin/swagger.json", config, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_admin_document_can_be_switched_off_entirely()
    {
        await using var production = fixture.For(DatabaseProvider.Sqlite).WithWebHostBuilder(b => b.UseEnvironment("Production").UseSetting("OpenApi:AdminDocument", "Hidden"));
        using var client = production.CreateClient();

        using var asAdmin = await GetAsync(client, "/swagger/admin/swagger.json", TestTokens.Admin());
        await asAdmin.AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        using var member = await client.GetAsync("/swagger/member/swagger.json");
        Assert.Equal(HttpStatusCode.OK, member.StatusCode);
    }

    [Fact]
    public async Task Outside_production_the_admin_document_is_public()
    {
        using var client = fixture.For(DatabaseProvider.Sqlite).CreateClient();
        using var response = await client.GetAsync("/swagger/admin/swagger.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static Task<HttpResponseMessage> GetAsync(HttpClient client, string path, string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client.SendAsync(request);
    }
}
