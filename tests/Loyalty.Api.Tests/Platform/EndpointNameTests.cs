using Loyalty.Api.Tests.Infrastructure;
using Loyalty.Infrastructure.Persistence;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Loyalty.Api.Tests.Platform;

/// <summary>
/// Every operation has a stable name (its OpenAPI operationId, named after the use case it sends), unique across the
/// three documents, so route, use case and tests are found by one name.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class EndpointNameTests(ApiFixture fixture)
{
    [Fact]
    public void Every_api_endpoint_has_a_unique_pascal_case_name()
    {
        var endpoints = fixture.For(DatabaseProvider.Sqlite).Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IEndpointGroupNameMetadata>() is not null) // the API documents' operations; health checks are not in them
            .ToList();
        Assert.True(endpoints.Count >= 100, $"only {endpoints.Count} endpoints were found");

        var unnamed = endpoints.Where(e => e.Metadata.GetMetadata<IEndpointNameMetadata>() is null).Select(Describe).ToList();
        Assert.True(unnamed.Count == 0, "Endpoints without .WithName(\"<UseCase>\"): " + string.Join(", ", unnamed));

        var names = endpoints.Select(e => (Name: e.Metadata.GetMetadata<IEndpointNameMetadata>()!.EndpointName, Route: Describe(e))).ToList();
        var repeated = names.GroupBy(n => n.Name, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1)
            .Select(g => $"{g.Key}: {string.Join(", ", g.Select(n => n.Route))}").ToList();
        Assert.True(repeated.Count == 0, "Names used more than once: " + string.Join("; ", repeated));

        var badlyCased = names.Where(n => !System.Text.RegularExpressions.Regex.IsMatch(n.Name, "^[A-Z][A-Za-z0-9]*$")).Select(n => n.Name).ToList();
        Assert.True(badlyCased.Count == 0, "Names that are not PascalCase: " + string.Join(", ", badlyCased));
    }

    [Fact]
    public void Every_api_endpoint_carries_exactly_one_tag()
    {
        // A tag put on a shared audience group reaches every route of the audience, and the document then shows
        // whichever was added last (once, every account-management route was filed under "Insight").
        var endpoints = fixture.For(DatabaseProvider.Sqlite).Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IEndpointGroupNameMetadata>() is not null)
            .ToList();
        var wrong = endpoints
            .Select(e => (Route: Describe(e), Tags: e.Metadata.GetOrderedMetadata<ITagsMetadata>().SelectMany(t => t.Tags).Distinct(StringComparer.Ordinal).ToList()))
            .Where(e => e.Tags.Count != 1)
            .Select(e => $"{e.Route} [{string.Join(", ", e.Tags)}]")
            .ToList();
        Assert.True(wrong.Count == 0, "Endpoints without exactly one tag: " + string.Join("; ", wrong));
    }

    private static string Describe(RouteEndpoint endpoint) =>
        $"{string.Join(",", endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? [])} {endpoint.RoutePattern.RawText}";
}
