using System.Net;
using System.Net.Http.Json;
using Loyalty.Api.Tests.Infrastructure;
using Loyalty.Api.Tests.Redemptions;
using Loyalty.Contracts.Admin;
using Loyalty.Domain.Structural.ApiKeys;
using Loyalty.Infrastructure.Persistence;

namespace Loyalty.Api.Tests.Partners;

[Collection(ApiCollection.Name)]
public sealed class SelfServiceTests(ApiFixture fixture)
{
    private const string Keys = "/api/v1/partner/api-keys";

    private static Task<HttpResponseMessage> RotateAsync(HttpClient client, string url, int? graceMinutes) =>
        client.PostAsync(url, new RotateApiKeyRequest(graceMinutes), Guid.NewGuid().ToString());

    private static async Task<HttpStatusCode> StatusAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        return response.StatusCode;
    }

    private static async Task<ApiKeyCreatedResponse> KeyAsync(Scenario s, params string[] scopes) =>
        await s.Admin.PostJsonAsync<ApiKeyCreatedResponse>($"/api/v1/admin/partners/{s.PartnerInfo.Id}/api-keys", new CreateApiKeyRequest("k" + Unique.Id(), scopes));

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_partner_lists_and_updates_its_own_stores_only(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        var other = await Scenario.StartAsync(fixture.For(provider));

        var stores = await s.Partner.GetAllAsync<StoreResponse>("/api/v1/partner/stores");
        Assert.Equal(s.Store.Id, Assert.Single(stores).Id);

        using (var patch = await s.Partner.SendJsonAsync(HttpMethod.Patch, $"/api/v1/partner/stores/{s.Store.Id}", new UpdateStoreRequest("Main Street (new)", "Shelbyville", null), Guid.NewGuid().ToString()))
        {
            await patch.EnsureStatusAsync(HttpStatusCode.OK);
            var updated = (await patch.Content.ReadFromJsonAsync<StoreResponse>(HttpTestExtensions.Json))!;
            Assert.Equal(("Main Street (new)", "Shelbyville", true), (updated.Name, updated.City, updated.IsActive));
        }

        // Another partner's store is not there for this key, and stays as it was.
        using (var attack = await s.Partner.SendJsonAsync(HttpMethod.Patch, $"/api/v1/partner/stores/{other.Store.Id}", new UpdateStoreRequest("Hacked", null, false), Guid.NewGuid().ToString()))
        {
            await attack.AssertProblemAsync(HttpStatusCode.NotFound, "store_not_found");
        }

        var theirs = await other.Admin.GetAllAsync<StoreResponse>($"/api/v1/admin/partners/{other.PartnerInfo.Id}/stores");
        Assert.Equal((other.Store.Name, true), (theirs.Single().Name, theirs.Single().IsActive));

        using (var invalid = await s.Partner.SendJsonAsync(HttpMethod.Patch, $"/api/v1/partner/stores/{s.Store.Id}", new UpdateStoreRequest("", null, null), Guid.NewGuid().ToString()))
        {
            await invalid.AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        }

        // A till key (existing keys never had partner:manage) cannot use the back office.
        var till = await KeyAsync(s, ApiKeyScopes.PointsEarn, ApiKeyScopes.MembersRead);
        using var tillClient = s.Api.CreateClient().WithApiKey(till.Key);
        Assert.Equal(HttpStatusCode.Forbidden, await StatusAsync(tillClient, "/api/v1/partner/stores"));
        Assert.Equal(HttpStatusCode.Forbidden, await StatusAsync(tillClient, Keys));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_rotated_key_works_through_its_grace_period_and_is_refused_after_it_even_from_the_cache(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        var till = await KeyAsync(s, ApiKeyScopes.MembersRead, ApiKeyScopes.PointsEarn);
        using var oldClient = s.Api.CreateClient().WithApiKey(till.Key);
        const string probe = "/api/v1/partner/members/000000000"; // any authorised call: 400/404 past authentication
        Assert.NotEqual(HttpStatusCode.Unauthorized, await StatusAsync(oldClient, probe));

        using var rotated = await RotateAsync(s.Partner, $"{Keys}/{till.Id}/rotate", 1);
        await rotated.EnsureStatusAsync(HttpStatusCode.OK);
        var successor = (await rotated.Content.ReadFromJsonAsync<ApiKeyCreatedResponse>(HttpTestExtensions.Json))!;
        Assert.Equal(till.Scopes, successor.Scopes);
        Assert.NotEqual(till.Prefix, successor.Prefix);
        using var newClient = s.Api.CreateClient().WithApiKey(successor.Key);

        var listed = await s.Partner.GetAllAsync<ApiKeyResponse>(Keys);
        var oldListed = listed.Single(k => k.Id == till.Id);
        Assert.Equal(s.Api.Clock.GetUtcNow().AddMinutes(1), oldListed.ExpiresAt!.Value, TimeSpan.FromSeconds(5));
        Assert.NotNull(oldListed.LastUsedAt); // set by the probe above
        Assert.Null(listed.Single(k => k.Id == successor.Id).ExpiresAt);
        Assert.NotNull(listed.Single(k => k.Id == s.Key.Id).LastUsedAt); // the calling key

        // 55 s in: both keys work, and the old one is now cached (10 s) with its expiry.
        using (s.Api.Clock.Travel(TimeSpan.FromSeconds(55)))
        {
            Assert.NotEqual(HttpStatusCode.Unauthorized, await StatusAsync(oldClient, probe));
            Assert.NotEqual(HttpStatusCode.Unauthorized, await StatusAsync(newClient, probe));

            // 61 s in, 6 s after caching: the cache still holds the old key, yet it is refused.
            using (s.Api.Clock.Travel(TimeSpan.FromSeconds(6)))
            {
                Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(oldClient, probe));
                Assert.NotEqual(HttpStatusCode.Unauthorized, await StatusAsync(newClient, probe));
            }
        }

        // Once only; and the successor can be revoked by the partner.
        using (var again = await RotateAsync(s.Partner, $"{Keys}/{till.Id}/rotate", null))
        {
            await again.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "api_key_already_rotated");
        }

        using (var revoke = await s.Partner.SendJsonAsync(HttpMethod.Post, $"{Keys}/{successor.Id}/revoke", null, Guid.NewGuid().ToString()))
        {
            await revoke.EnsureStatusAsync(HttpStatusCode.OK);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(newClient, probe));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Rotation_never_reaches_another_partner_nor_grants_scopes_the_caller_lacks(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        var other = await Scenario.StartAsync(fixture.For(provider));

        using (var foreign = await RotateAsync(s.Partner, $"{Keys}/{other.Key.Id}/rotate", null))
        {
            await foreign.AssertProblemAsync(HttpStatusCode.NotFound, "api_key_not_found");
        }

        using (var foreignRevoke = await s.Partner.SendJsonAsync(HttpMethod.Post, $"{Keys}/{other.Key.Id}/revoke", null, Guid.NewGuid().ToString()))
        {
            await foreignRevoke.AssertProblemAsync(HttpStatusCode.NotFound, "api_key_not_found");
        }

        Assert.DoesNotContain(await s.Partner.GetAllAsync<ApiKeyResponse>(Keys), k => k.PartnerId != s.PartnerInfo.Id);
        Assert.NotEqual(HttpStatusCode.Unauthorized, await StatusAsync(other.Partner, "/api/v1/partner/stores"));

        // A manager key with fewer scopes cannot turn the all-scope key into a fresh one it would then hold.
        var manager = await KeyAsync(s, ApiKeyScopes.PartnerManage);
        using var managerClient = s.Api.CreateClient().WithApiKey(manager.Key);
        using (var escalate = await RotateAsync(managerClient, $"{Keys}/{s.Key.Id}/rotate", null))
        {
            await escalate.AssertProblemAsync(HttpStatusCode.Forbidden, "scope_not_held");
        }

        using (var tooLong = await RotateAsync(s.Partner, $"{Keys}/{manager.Id}/rotate", 7 * 24 * 60 + 1))
        {
            await tooLong.AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        }

        // It may rotate itself; staff may rotate any key, here with no grace at all.
        using (var self = await RotateAsync(managerClient, $"{Keys}/{manager.Id}/rotate", 30))
        {
            await self.EnsureStatusAsync(HttpStatusCode.OK);
        }

        using (var admin = await RotateAsync(s.Admin, $"/api/v1/admin/partners/{s.PartnerInfo.Id}/api-keys/{s.Key.Id}/rotate", 0))
        {
            await admin.EnsureStatusAsync(HttpStatusCode.OK);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(s.Partner, "/api/v1/partner/stores"));
        using (var wrongPartner = await RotateAsync(s.Admin, $"/api/v1/admin/partners/{other.PartnerInfo.Id}/api-keys/{manager.Id}/rotate", 0))
        {
            await wrongPartner.AssertProblemAsync(HttpStatusCode.NotFound, "api_key_not_found");
        }
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Parallel_rotations_of_one_key_mint_exactly_one_successor(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        var till = await KeyAsync(s, ApiKeyScopes.MembersRead);

        var results = await PointsFlows.InParallelAsync(6, _ => RotateAsync(s.Admin, $"/api/v1/admin/partners/{s.PartnerInfo.Id}/api-keys/{till.Id}/rotate", 60));

        Assert.Single(results, r => r.Status == HttpStatusCode.OK);
        // The losers saw the rotation (422 already rotated) or raced it (409 concurrent update): never a 500.
        Assert.All(results.Where(r => r.Status != HttpStatusCode.OK), r =>
            Assert.True(r.Status is HttpStatusCode.Conflict or HttpStatusCode.UnprocessableEntity, $"{r.Status}: {r.Body}"));
        var keys = await s.Admin.GetAllAsync<ApiKeyResponse>($"/api/v1/admin/partners/{s.PartnerInfo.Id}/api-keys");
        Assert.Single(keys, k => k.Name == till.Name && k.Id != till.Id);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_partner_over_its_own_rate_limit_gets_429_with_retry_after_and_other_partners_do_not(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        var other = await Scenario.StartAsync(fixture.For(provider));
        var limit = $"/api/v1/admin/partners/{s.PartnerInfo.Id}/rate-limit";

        using (var invalid = await s.Admin.PutAsJsonAsync(limit, new PartnerRateLimitRequest(0), HttpTestExtensions.Json))
        {
            await invalid.AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        }

        using (var set = await s.Admin.PutAsJsonAsync(limit, new PartnerRateLimitRequest(2), HttpTestExtensions.Json))
        {
            await set.EnsureStatusAsync(HttpStatusCode.OK);
            Assert.Equal(2, (await set.Content.ReadFromJsonAsync<PartnerResponse>(HttpTestExtensions.Json))!.RateLimitPerSecond);
        }

        var limited = await Burst(s.Partner);
        var unaffected = await Burst(other.Partner);

        var rejected = limited.Where(r => r.Status == HttpStatusCode.TooManyRequests).ToList();
        Assert.InRange(rejected.Count, 20 - 4, 20 - 1); // 2 per one-second window; a burst may straddle two windows
        Assert.All(rejected, r => Assert.True(int.Parse(r.RetryAfter!, System.Globalization.CultureInfo.InvariantCulture) >= 1));
        Assert.All(unaffected, r => Assert.Equal(HttpStatusCode.OK, r.Status));

        using (var reset = await s.Admin.PutAsJsonAsync(limit, new PartnerRateLimitRequest(null), HttpTestExtensions.Json))
        {
            await reset.EnsureStatusAsync(HttpStatusCode.OK);
        }

        Assert.All(await Burst(s.Partner), r => Assert.Equal(HttpStatusCode.OK, r.Status));
    }

    private static async Task<(HttpStatusCode Status, string? RetryAfter)[]> Burst(HttpClient client) =>
        await Task.WhenAll(Enumerable.Range(0, 20).Select(async _ =>
        {
            using var response = await client.GetAsync("/api/v1/partner/stores");
            return (response.StatusCode, response.Headers.TryGetValues("Retry-After", out var v) ? v.Single() : null);
        }));
}
