using System.Net;
using Loyalty.Api.Tests.Infrastructure;
using Loyalty.Infrastructure.Persistence;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Loyalty.Api.Tests.Platform;

[Collection(ApiCollection.Name)]
public sealed class HostTests(ApiFixture fixture)
{
    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Health_endpoints_answer_without_credentials_and_ready_checks_the_database(DatabaseProvider provider)
    {
        using var client = fixture.For(provider).CreateClient();

        using var live = await client.GetAsync("/health/live");
        using var ready = await client.GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Healthy", await ready.Content.ReadAsStringAsync());
    }

    [Fact]
    public void Every_endpoint_says_who_may_call_it()
    {
        var endpoints = fixture.For(DatabaseProvider.Sqlite).Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        Assert.NotEmpty(endpoints);
        var open = endpoints
            .Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is null && e.Metadata.GetOrderedMetadata<IAuthorizeData>().Count == 0)
            .Select(e => e.RoutePattern.RawText)
            .ToList();
        Assert.True(open.Count == 0, "Endpoints without authorisation: " + string.Join(", ", open));
    }

    [Fact]
    public void Only_health_checks_are_anonymous()
    {
        var anonymous = fixture.For(DatabaseProvider.Sqlite).Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is not null)
            .Select(e => e.RoutePattern.RawText)
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.Equal(["/health/live", "/health/ready"], anonymous);
    }
}
