using System.Net;
using System.Net.Http.Json;
using Loyalty.Api.Tests.Infrastructure;
using Loyalty.Contracts.Admin;
using Loyalty.Contracts.Common;
using Loyalty.Contracts.Partner;
using Loyalty.Domain.Structural.ApiKeys;
using Loyalty.Domain.Structural.Outbox;
using Loyalty.Infrastructure.Persistence;

namespace Loyalty.Api.Tests.Webhooks;

[Collection(ApiCollection.Name)]
public sealed class WebhookAccessTests(ApiFixture fixture)
{
    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string url, object? body = null)
    {
        var request = new HttpRequestMessage(method, url);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, options: HttpTestExtensions.Json);
        }

        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        return await client.SendAsync(request);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_partner_sees_only_its_own_subscriptions_deliveries_and_events(DatabaseProvider provider)
    {
        var api = fixture.For(provider);
        var a = await Scenario.StartAsync(api);
        var b = await Scenario.StartAsync(api);
        await using var receiverA = await WebhookReceiver.StartAsync();
        await using var receiverB = await WebhookReceiver.StartAsync();
        var hookA = await a.SubscribeAsync(receiverA.Url, EventTypes.PointsEarned);
        var hookB = await b.SubscribeAsync(receiverB.Url, EventTypes.PointsEarned);
        var member = await a.EnrolAsync();
        await a.EarnAsync(member.MemberNumber, 10m);
        await api.PumpUntilAsync(() => !receiverA.Received.IsEmpty);
        Assert.Single(receiverA.Received);
        Assert.Empty(receiverB.Received); // partner A's member, partner A's purchase: never partner B's business
        var delivery = Assert.Single((await a.DeliveriesAsync(hookA.Webhook.Id)).Items);

        var url = $"/api/v1/partner/webhooks/{hookA.Webhook.Id}";
        (await (await b.Partner.GetAsync(url)).AssertProblemAsync(HttpStatusCode.NotFound, "webhook_not_found")).ToString();
        await (await b.Partner.GetAsync(url + "/deliveries")).AssertProblemAsync(HttpStatusCode.NotFound, "webhook_not_found");
        await (await SendAsync(b.Partner, HttpMethod.Post, $"{url}/deliveries/{delivery.Id}/replay")).AssertProblemAsync(HttpStatusCode.NotFound, "webhook_not_found");
        await (await SendAsync(b.Partner, HttpMethod.Post, $"/api/v1/partner/webhooks/{hookB.Webhook.Id}/deliveries/{delivery.Id}/replay")).AssertProblemAsync(HttpStatusCode.NotFound, "delivery_not_found");
        await (await SendAsync(b.Partner, HttpMethod.Patch, url, new UpdateWebhookRequest(null, null, null, false))).AssertProblemAsync(HttpStatusCode.NotFound, "webhook_not_found");
        await (await SendAsync(b.Partner, HttpMethod.Delete, url)).AssertProblemAsync(HttpStatusCode.NotFound, "webhook_not_found");
        await (await SendAsync(b.Partner, HttpMethod.Post, url + "/rotate-secret")).AssertProblemAsync(HttpStatusCode.NotFound, "webhook_not_found");
        var listed = await b.Partner.GetAllAsync<WebhookResponse>("/api/v1/partner/webhooks");
        Assert.Equal([hookB.Webhook.Id], listed.Select(w => w.Id));
        Assert.DoesNotContain("secret", (await b.Partner.GetStringAsync("/api/v1/partner/webhooks")).ToLowerInvariant(), StringComparison.Ordinal);

        // The owner replays it: same webhook-id again.
        var replayed = await (await SendAsync(a.Partner, HttpMethod.Post, $"{url}/deliveries/{delivery.Id}/replay")).Content.ReadFromJsonAsync<WebhookDeliveryResponse>(HttpTestExtensions.Json);
        Assert.Equal((WebhookDeliveryStatus.Pending, 0), (replayed!.Status, replayed.Attempts));
        await api.PumpUntilAsync(() => receiverA.Received.Count >= 2);
        Assert.Equal(2, receiverA.Received.Count);
        Assert.Single(receiverA.Received.Select(h => h.Id).Distinct());

        // Staff see and manage both.
        var all = await a.Admin.GetAllAsync<WebhookResponse>($"/api/v1/admin/webhooks?partnerId={a.PartnerInfo.Id}");
        Assert.Equal([hookA.Webhook.Id], all.Select(w => w.Id));
        await a.Admin.GetJsonAsync<Page<WebhookDeliveryResponse>>($"/api/v1/admin/webhooks/{hookA.Webhook.Id}/deliveries?status=succeeded");
        await a.UnsubscribeAsync(hookA.Webhook.Id);
        await b.UnsubscribeAsync(hookB.Webhook.Id);
        await (await a.Partner.GetAsync(url)).AssertProblemAsync(HttpStatusCode.NotFound, "webhook_not_found");
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Members_and_keys_without_the_webhooks_scope_are_refused(DatabaseProvider provider)
    {
        var api = fixture.For(provider);
        var s = await Scenario.StartAsync(api);
        var member = s.MemberClient("webhook-member-" + Unique.Id());
        Assert.Equal(HttpStatusCode.Unauthorized, (await member.GetAsync("/api/v1/partner/webhooks")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await member.GetAsync("/api/v1/admin/webhooks")).StatusCode);
        var key = await s.Admin.PostJsonAsync<ApiKeyCreatedResponse>($"/api/v1/admin/partners/{s.PartnerInfo.Id}/api-keys", new CreateApiKeyRequest("till only", [ApiKeyScopes.PointsEarn]));
        var till = api.CreateClient().WithApiKey(key.Key);
        Assert.Equal(HttpStatusCode.Forbidden, (await till.GetAsync("/api/v1/partner/webhooks")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await till.PostAsJsonAsync("/api/v1/partner/webhooks", new CreateWebhookRequest("https://x.example/h", null, null))).StatusCode);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Invalid_subscriptions_and_filters_are_refused_with_field_errors(DatabaseProvider provider)
    {
        var api = fixture.For(provider);
        var s = await Scenario.StartAsync(api);
        var plainHttp = await s.Partner.PostAsync("/api/v1/partner/webhooks", new CreateWebhookRequest("http://receiver.example/hook", null, null), Guid.NewGuid().ToString());
        Assert.Contains("url", (await plainHttp.AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed")).GetProperty("errors").ToString(), StringComparison.Ordinal);
        var unknown = await s.Partner.PostAsync("/api/v1/partner/webhooks", new CreateWebhookRequest("https://receiver.example/hook", ["points.stolen"], null), Guid.NewGuid().ToString());
        Assert.Contains("eventTypes", (await unknown.AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed")).GetProperty("errors").ToString(), StringComparison.Ordinal);
        var notUrl = await s.Partner.PostAsync("/api/v1/partner/webhooks", new CreateWebhookRequest("not a url", null, null), Guid.NewGuid().ToString());
        await notUrl.AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");

        var hook = await s.Partner.PostJsonAsync<WebhookSecretResponse>("/api/v1/partner/webhooks", new CreateWebhookRequest("https://receiver.example/hook", [EventTypes.PointsEarned, EventTypes.PointsRedeemed], null), idempotent: true);
        Assert.Equal([EventTypes.PointsEarned, EventTypes.PointsRedeemed], hook.Webhook.EventTypes);
        await (await s.Partner.GetAsync($"/api/v1/partner/webhooks/{hook.Webhook.Id}/deliveries?status=lost")).AssertProblemAsync(HttpStatusCode.BadRequest, "invalid_status");
        var patched = await SendAsync(s.Partner, HttpMethod.Patch, $"/api/v1/partner/webhooks/{hook.Webhook.Id}", new UpdateWebhookRequest("ftp://receiver.example", null, null, null));
        await patched.AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        await (await SendAsync(s.Partner, HttpMethod.Post, $"/api/v1/partner/webhooks/{hook.Webhook.Id}/deliveries/{Guid.NewGuid()}/replay")).AssertProblemAsync(HttpStatusCode.NotFound, "delivery_not_found");

        var rotated = await s.Partner.PostJsonAsync<WebhookSecretResponse>($"/api/v1/partner/webhooks/{hook.Webhook.Id}/rotate-secret", new { }, idempotent: true);
        Assert.NotEqual(hook.Secret, rotated.Secret);
        Assert.NotNull(rotated.PreviousSecretExpiresAt);

        var adminWrongPartner = await s.Admin.PostAsJsonAsync("/api/v1/admin/webhooks", new CreateAdminWebhookRequest(Guid.NewGuid(), "https://receiver.example/hook", null, null));
        await adminWrongPartner.AssertProblemAsync(HttpStatusCode.NotFound, "partner_not_found");
        await s.UnsubscribeAsync(hook.Webhook.Id);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_delivery_that_keeps_failing_is_dead_lettered_and_can_be_replayed(DatabaseProvider provider)
    {
        var api = fixture.For(provider);
        var s = await Scenario.StartAsync(api);
        await using var receiver = await WebhookReceiver.StartAsync();
        var failing = true;
        receiver.Respond = (_, _, _) => Task.FromResult(failing ? 503 : 204);
        var hook = await s.SubscribeAsync(receiver.Url, EventTypes.PointsEarned);
        var member = await s.EnrolAsync();
        await s.EarnAsync(member.MemberNumber, 10m);
        await api.FanOutAsync();
        var scopes = new List<IDisposable>();
        try
        {
            for (var attempt = 1; attempt <= 8; attempt++)
            {
                await api.PumpUntilAsync(() => receiver.Received.Count >= attempt);
                scopes.Add(api.Clock.Travel(TimeSpan.FromHours(7)));
            }

            var dead = Assert.Single((await s.DeliveriesAsync(hook.Webhook.Id, "deadLettered")).Items);
            Assert.Equal((8, 503), (dead.Attempts, dead.LastStatusCode));
            await api.PumpUntilAsync(() => false, rounds: 2);
            Assert.Equal(8, receiver.Received.Count); // dead letters are left alone

            failing = false;
            var replay = await (await SendAsync(s.Partner, HttpMethod.Post, $"/api/v1/partner/webhooks/{hook.Webhook.Id}/deliveries/replay-dead-letters")).Content.ReadFromJsonAsync<WebhookReplayResponse>(HttpTestExtensions.Json);
            Assert.Equal(1, replay!.Replayed);
            await api.PumpUntilAsync(() => receiver.Received.Count >= 9);
            Assert.Equal(WebhookDeliveryStatus.Succeeded, Assert.Single((await s.DeliveriesAsync(hook.Webhook.Id)).Items).Status);
        }
        finally
        {
            scopes.Reverse();
            scopes.ForEach(scope => scope.Dispose());
        }

        await s.UnsubscribeAsync(hook.Webhook.Id);
    }
}
