using System.Net;
using System.Text.Json.Nodes;
using Loyalty.Api.Tests.Infrastructure;
using Loyalty.Contracts.Admin;
using Loyalty.Contracts.Common;
using Loyalty.Domain.Structural.ApiKeys;
using Loyalty.Infrastructure.Persistence;

namespace Loyalty.Api.Tests.Platform;

/// <summary>Every list is one shape, <c>{items, nextCursor}</c>, read page by page with <c>limit</c> and <c>cursor</c>.</summary>
[Collection(ApiCollection.Name)]
public sealed class ListConventionTests(ApiFixture fixture)
{
    [Theory]
    [InlineData("member")]
    [InlineData("partner")]
    [InlineData("admin")]
    public async Task No_operation_answers_a_bare_array_and_every_page_takes_limit_and_cursor(string document)
    {
        using var client = fixture.For(DatabaseProvider.Sqlite).CreateClient();
        var doc = JsonNode.Parse(await client.GetStringAsync($"/swagger/{document}/swagger.json"))!;
        var schemas = doc["components"]!["schemas"]!.AsObject();
        var arrays = new List<string>();
        var unpaged = new List<string>();
        var pages = 0;
        foreach (var (path, operations) in doc["paths"]!.AsObject())
        {
            foreach (var (method, operation) in operations!.AsObject())
            {
                var schema = operation!["responses"]?["200"]?["content"]?["application/json"]?["schema"];
                if (schema is null)
                {
                    continue;
                }

                var name = schema["$ref"]?.GetValue<string>().Split('/')[^1];
                var resolved = name is null ? schema : schemas[name]!;
                if (resolved["type"]?.GetValue<string>() == "array")
                {
                    arrays.Add($"{method.ToUpperInvariant()} {path}");
                }

                if (name?.EndsWith("Page", StringComparison.Ordinal) == true)
                {
                    pages++;
                    var parameters = (operation["parameters"]?.AsArray() ?? []).Select(p => p!["name"]!.GetValue<string>()).ToHashSet();
                    if (!parameters.Contains("limit") || !parameters.Contains("cursor"))
                    {
                        unpaged.Add($"{method.ToUpperInvariant()} {path}");
                    }
                }
            }
        }

        Assert.True(arrays.Count == 0, "Lists answered as bare arrays (answer Page<T>): " + string.Join(", ", arrays));
        Assert.True(unpaged.Count == 0, "Pages without limit and cursor query parameters: " + string.Join(", ", unpaged));
        Assert.True(pages > 0, $"the {document} document has no paged list at all");
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Stores_page_by_code_and_api_keys_by_creation_each_item_once(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        var stores = $"/api/v1/admin/partners/{s.PartnerInfo.Id}/stores";
        var keys = $"/api/v1/admin/partners/{s.PartnerInfo.Id}/api-keys";
        foreach (var code in new[] { "B-", "A-", "C-" })
        {
            await s.Admin.PostJsonAsync<StoreResponse>(stores, new CreateStoreRequest("Store " + code, code + Unique.Id(), null), idempotent: true);
            await s.Admin.PostJsonAsync<ApiKeyCreatedResponse>(keys, new CreateApiKeyRequest("Key " + code, [ApiKeyScopes.MembersRead]), idempotent: true);
        }

        var storeCodes = (await PageByPageAsync<StoreResponse>(s.Admin, stores)).Select(x => x.Code).ToList();
        Assert.Equal(4, storeCodes.Count);
        Assert.Equal(storeCodes.Order(StringComparer.Ordinal), storeCodes);

        var keyIds = (await PageByPageAsync<ApiKeyResponse>(s.Admin, keys)).Select(k => k.Id).ToList();
        var onePage = await s.Admin.GetJsonAsync<Page<ApiKeyResponse>>(keys + "?limit=200");
        Assert.Null(onePage.NextCursor);
        Assert.Equal(onePage.Items.Select(k => k.Id), keyIds); // pages join up to the same order, nothing twice or skipped
        Assert.Equal(4, keyIds.Distinct().Count());
    }

    [Theory]
    [InlineData("/api/v1/admin/tiers")]
    [InlineData("/api/v1/admin/earning-rules")]
    [InlineData("/api/v1/admin/campaigns")]
    [InlineData("/api/v1/admin/webhooks")]
    [InlineData("/api/v1/admin/tier-scheme/versions")]
    public async Task Limit_and_cursor_are_checked(string url)
    {
        var admin = fixture.For(DatabaseProvider.Sqlite).CreateClient().WithBearer(TestTokens.Admin());
        foreach (var limit in new[] { "0", "201" })
        {
            using var outOfRange = await admin.GetAsync($"{url}?limit={limit}");
            await outOfRange.AssertProblemAsync(HttpStatusCode.BadRequest, "invalid_limit");
        }

        using var forged = await admin.GetAsync($"{url}?cursor=bm90LWEta2V5");
        await forged.AssertProblemAsync(HttpStatusCode.BadRequest, "invalid_cursor");
    }

    private static async Task<List<T>> PageByPageAsync<T>(HttpClient client, string url)
    {
        var all = new List<T>();
        string? cursor = null;
        do
        {
            var page = await client.GetJsonAsync<Page<T>>($"{url}?limit=1" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor)));
            Assert.True(page.Items.Count <= 1);
            all.AddRange(page.Items);
            cursor = page.NextCursor;
        }
        while (cursor is not null);

        return all;
    }
}
