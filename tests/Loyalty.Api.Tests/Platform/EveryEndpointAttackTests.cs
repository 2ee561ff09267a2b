using System.Net;
using System.Text;
using Loyalty.Api.Tests.Infrastructure;
using Loyalty.Contracts.Admin;
using Loyalty.Domain.Structural.ApiKeys;
using Loyalty.Infrastructure.Persistence;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Loyalty.Api.Tests.Platform;

/// <summary>
/// From the attacker's side, for every route the API maps (read from the endpoint table, so a new endpoint is
/// covered the day it is added): no credentials, and each credential of the wrong audience or scope, is refused.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class EveryEndpointAttackTests(ApiFixture fixture)
{
    [Fact]
    public async Task Every_endpoint_refuses_missing_and_wrong_credentials()
    {
        var api = fixture.For(DatabaseProvider.Sqlite);
        var s = await Scenario.StartAsync(api);
        var keysByScope = new Dictionary<string, string>();
        foreach (var scope in ApiKeyScopes.All)
        {
            var key = await s.Admin.PostJsonAsync<ApiKeyCreatedResponse>($"/api/v1/admin/partners/{s.PartnerInfo.Id}/api-keys", new CreateApiKeyRequest("only " + scope, [scope]));
            keysByScope[scope] = key.Key;
        }

        var member = TestTokens.Member("attacker-" + Unique.Id());
        var failures = new List<string>();
        var checkedRoutes = 0;
        foreach (var endpoint in api.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var group = endpoint.Metadata.GetMetadata<IEndpointGroupNameMetadata>()?.EndpointGroupName;
            if (group is null)
            {
                continue; // health checks: anonymous by design (HostTests pins that list)
            }

            var method = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods.Single();
            var path = Concrete(endpoint.RoutePattern.RawText!);
            var policy = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).Single(p => p is not null)!;
            var attempts = new List<(string Who, string? Bearer, string? Key, HttpStatusCode Expected)> { ("nobody", null, null, HttpStatusCode.Unauthorized) };
            switch (group)
            {
                case "admin":
                    attempts.Add(("member token", member, null, HttpStatusCode.Forbidden));
                    attempts.Add(("partner key", null, s.Key.Key, HttpStatusCode.Unauthorized));
                    break;
                case "member":
                    attempts.Add(("partner key", null, s.Key.Key, HttpStatusCode.Unauthorized));
                    break;
                case "partner":
                    var required = policy["partner:".Length..];
                    attempts.Add(("member token", member, null, HttpStatusCode.Unauthorized));
                    attempts.Add(("admin token", TestTokens.Admin(), null, HttpStatusCode.Unauthorized));
                    attempts.Add(($"key without {required}", null, keysByScope[ApiKeyScopes.All.First(x => x != required)], HttpStatusCode.Forbidden));
                    break;
                default:
                    failures.Add($"{method} {path}: unknown audience '{group}'");
                    continue;
            }

            foreach (var (who, bearer, key, expected) in attempts)
            {
                using var client = api.CreateClient();
                if (bearer is not null)
                {
                    client.WithBearer(bearer);
                }

                if (key is not null)
                {
                    client.WithApiKey(key);
                }

                using var request = new HttpRequestMessage(new HttpMethod(method), path);
                if (method is "POST" or "PATCH")
                {
                    request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
                    request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
                }

                using var response = await client.SendAsync(request);
                if (response.StatusCode != expected)
                {
                    failures.Add($"{method} {path} as {who}: expected {(int)expected}, got {(int)response.StatusCode}");
                }
            }

            checkedRoutes++;
        }

        Assert.True(checkedRoutes >= 23, $"only {checkedRoutes} routes were found");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    /// <summary>A real URL for a route template: ids become fresh GUIDs, member numbers a well-formed one.</summary>
    private static string Concrete(string template) =>
        System.Text.RegularExpressions.Regex.Replace(template, @"\{(?<name>[^}:]+)(:[^}]+)?\}", m =>
            m.Groups["name"].Value == "memberNumber" ? "800000000009" : Guid.NewGuid().ToString());
}
