using System.Net;
using System.Text.Json;
using Loyalty.Api.Tests.Infrastructure;
using Loyalty.Contracts.Admin;
using Loyalty.Contracts.Partner;
using Loyalty.Domain.Structural.ApiKeys;
using Loyalty.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Api.Tests.Partners;

/// <summary>
/// The partner's back-office writes take an Idempotency-Key like its other writes; where the answer shows a secret
/// once, a replay shows the same secret while the stored copy holds it only encrypted.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class PartnerWriteIdempotencyTests(ApiFixture fixture)
{
    private const string Keys = "/api/v1/partner/api-keys";
    private const string Webhooks = "/api/v1/partner/webhooks";

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Each_back_office_write_refuses_a_request_without_a_key_and_changes_nothing(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        var till = await s.Admin.PostJsonAsync<ApiKeyCreatedResponse>($"/api/v1/admin/partners/{s.PartnerInfo.Id}/api-keys", new CreateApiKeyRequest("k" + Unique.Id(), [ApiKeyScopes.PointsEarn]));
        var hook = await s.Partner.PostJsonAsync<WebhookSecretResponse>(Webhooks, new CreateWebhookRequest("https://receiver.example/hook", null, null), idempotent: true);

        (HttpMethod Method, string Url, object? Body)[] writes =
        [
            (HttpMethod.Patch, $"/api/v1/partner/stores/{s.Store.Id}", new UpdateStoreRequest("Renamed", null, null)),
            (HttpMethod.Post, $"{Keys}/{till.Id}/rotate", new RotateApiKeyRequest(0)),
            (HttpMethod.Post, $"{Keys}/{till.Id}/revoke", null),
            (HttpMethod.Post, Webhooks, new CreateWebhookRequest("https://receiver.example/other", null, null)),
            (HttpMethod.Post, $"{Webhooks}/{hook.Webhook.Id}/rotate-secret", null),
        ];
        foreach (var (method, url, body) in writes)
        {
            using var response = await s.Partner.SendJsonAsync(method, url, body, idempotencyKey: null);
            await response.AssertProblemAsync(HttpStatusCode.BadRequest, "idempotency_key_required");
        }

        var keys = await s.Partner.GetAllAsync<ApiKeyResponse>(Keys);
        Assert.Equal(2, keys.Count); // no successor
        Assert.Null(keys.Single(k => k.Id == till.Id).ExpiresAt); // not rotated
        Assert.Null(keys.Single(k => k.Id == till.Id).RevokedAt);
        Assert.Equal(s.Store.Name, (await s.Partner.GetAllAsync<StoreResponse>("/api/v1/partner/stores")).Single().Name);
        Assert.Single(await s.Partner.GetAllAsync<WebhookResponse>(Webhooks));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_rotation_replays_the_same_secret_and_stores_it_only_encrypted(DatabaseProvider provider)
    {
        var api = fixture.For(provider);
        var s = await Scenario.StartAsync(api);
        var till = await s.Admin.PostJsonAsync<ApiKeyCreatedResponse>($"/api/v1/admin/partners/{s.PartnerInfo.Id}/api-keys", new CreateApiKeyRequest("k" + Unique.Id(), [ApiKeyScopes.PointsEarn]));
        var key = Guid.NewGuid().ToString();
        var url = $"{Keys}/{till.Id}/rotate";

        var (first, replay) = await SendTwiceAsync(s, HttpMethod.Post, url, new RotateApiKeyRequest(30), key, HttpStatusCode.OK);

        var successor = JsonSerializer.Deserialize<ApiKeyCreatedResponse>(first, HttpTestExtensions.Json)!;
        Assert.Equal(first, replay); // the secret included
        await AssertStoredWithoutAsync(api, key, successor.Key);
        Assert.Single(await s.Partner.GetAllAsync<ApiKeyResponse>(Keys), k => k.Id != till.Id && k.Id != s.Key.Id); // rotated once
        using var reused = await s.Partner.SendJsonAsync(HttpMethod.Post, url, new RotateApiKeyRequest(60), key);
        await reused.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "idempotency_key_reused");
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_webhook_subscription_and_its_secret_rotation_replay_the_same_secret_stored_only_encrypted(DatabaseProvider provider)
    {
        var api = fixture.For(provider);
        var s = await Scenario.StartAsync(api);
        var createKey = Guid.NewGuid().ToString();
        var request = new CreateWebhookRequest("https://receiver.example/hook", null, "replayed");

        var (created, createdAgain) = await SendTwiceAsync(s, HttpMethod.Post, Webhooks, request, createKey, HttpStatusCode.Created);

        var hook = JsonSerializer.Deserialize<WebhookSecretResponse>(created, HttpTestExtensions.Json)!;
        Assert.Equal(created, createdAgain);
        Assert.Single(await s.Partner.GetAllAsync<WebhookResponse>(Webhooks)); // subscribed once
        await AssertStoredWithoutAsync(api, createKey, hook.Secret);
        using (var reused = await s.Partner.SendJsonAsync(HttpMethod.Post, Webhooks, request with { Description = "another" }, createKey))
        {
            await reused.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "idempotency_key_reused");
        }

        var rotateKey = Guid.NewGuid().ToString();
        var (rotated, rotatedAgain) = await SendTwiceAsync(s, HttpMethod.Post, $"{Webhooks}/{hook.Webhook.Id}/rotate-secret", null, rotateKey, HttpStatusCode.OK);

        var secret = JsonSerializer.Deserialize<WebhookSecretResponse>(rotated, HttpTestExtensions.Json)!.Secret;
        Assert.NotEqual(hook.Secret, secret);
        Assert.Equal(rotated, rotatedAgain); // rotated once: the replay shows the same new secret
        await AssertStoredWithoutAsync(api, rotateKey, secret);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_store_change_and_a_revocation_are_replayed_and_a_reused_key_is_a_422(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        var till = await s.Admin.PostJsonAsync<ApiKeyCreatedResponse>($"/api/v1/admin/partners/{s.PartnerInfo.Id}/api-keys", new CreateApiKeyRequest("k" + Unique.Id(), [ApiKeyScopes.PointsEarn]));
        var storeKey = Guid.NewGuid().ToString();
        var storeUrl = $"/api/v1/partner/stores/{s.Store.Id}";

        var (patched, patchedAgain) = await SendTwiceAsync(s, HttpMethod.Patch, storeUrl, new UpdateStoreRequest("Renamed", null, null), storeKey, HttpStatusCode.OK);
        var (revoked, revokedAgain) = await SendTwiceAsync(s, HttpMethod.Post, $"{Keys}/{till.Id}/revoke", null, Guid.NewGuid().ToString(), HttpStatusCode.OK);

        Assert.Equal(patched, patchedAgain);
        Assert.Equal(revoked, revokedAgain);
        using var reused = await s.Partner.SendJsonAsync(HttpMethod.Patch, storeUrl, new UpdateStoreRequest("Other", null, null), storeKey);
        await reused.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "idempotency_key_reused");
        Assert.Equal("Renamed", (await s.Partner.GetAllAsync<StoreResponse>("/api/v1/partner/stores")).Single().Name);
    }

    /// <summary>Sends the request twice with one key; returns both bodies after checking the second is a replay.</summary>
    private static async Task<(string First, string Replay)> SendTwiceAsync(Scenario s, HttpMethod method, string url, object? body, string key, HttpStatusCode status)
    {
        using var first = await s.Partner.SendJsonAsync(method, url, body, key);
        await first.EnsureStatusAsync(status);
        Assert.False(first.Headers.Contains("Idempotent-Replayed"));
        using var replay = await s.Partner.SendJsonAsync(method, url, body, key);
        await replay.EnsureStatusAsync(status);
        Assert.Equal("true", replay.Headers.GetValues("Idempotent-Replayed").Single());
        return (await first.Content.ReadAsStringAsync(), await replay.Content.ReadAsStringAsync());
    }

    private static async Task AssertStoredWithoutAsync(LoyaltyApiFactory api, string key, string secret)
    {
        await using var db = api.CreateDbContext();
        var stored = await db.IdempotencyRecords.Where(r => r.Key == key).Select(r => r.ResponseBody).SingleAsync();
        Assert.NotNull(stored);
        Assert.StartsWith("dp1:", stored, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, stored, StringComparison.Ordinal);
    }
}
