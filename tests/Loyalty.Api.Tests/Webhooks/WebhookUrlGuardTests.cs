using System.Net;
using System.Net.Http.Json;
using Loyalty.Api.Tests.Infrastructure;
using Loyalty.Application.Features.Structural.Webhooks;
using Loyalty.Contracts.Partner;
using Loyalty.Infrastructure.Persistence;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Loyalty.Api.Tests.Webhooks;

/// <summary>SSRF: with private networks not allowed (production's default), a webhook cannot reach into the server's networks.</summary>
[Collection(ApiCollection.Name)]
public sealed class WebhookUrlGuardTests(ApiFixture fixture)
{
    private static WebApplicationFactory<Program> Production(LoyaltyApiFactory api) =>
        api.WithWebHostBuilder(b => b.UseSetting("Webhooks:AllowPrivateNetworks", "false"));

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Subscription_urls_that_point_into_private_networks_are_refused(DatabaseProvider provider)
    {
        var api = fixture.For(provider);
        var s = await Scenario.StartAsync(api);
        await using var production = Production(api);
        var partner = production.CreateClient().WithApiKey(s.Key.Key);

        string[] refused =
        [
            "https://127.0.0.1/hook", "https://localhost/hook", "https://10.0.0.5/hook", "https://172.20.1.1/hook", "https://192.168.0.10/hook",
            "https://169.254.169.254/latest/meta-data", "https://0.0.0.0/hook", "https://[::1]/hook", "https://[::ffff:127.0.0.1]/hook",
            "https://[fd00::1]/hook", "https://[fe80::1]/hook", "https://224.0.0.1/hook", "https://2130706433/hook", // 127.0.0.1 as one number
        ];
        foreach (var url in refused)
        {
            using var response = await partner.PostAsync("/api/v1/partner/webhooks", new CreateWebhookRequest(url, null, null), Guid.NewGuid().ToString());
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, url + " was not refused");
            Assert.Contains("webhook_url_not_allowed", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        // Plain http is refused too, even to a public address; an https public address is fine.
        using (var plain = await partner.PostAsync("/api/v1/partner/webhooks", new CreateWebhookRequest("http://93.184.216.34/hook", null, null), Guid.NewGuid().ToString()))
        {
            await plain.EnsureStatusAsync(HttpStatusCode.BadRequest);
        }

        var hook = await partner.PostJsonAsync<WebhookSecretResponse>("/api/v1/partner/webhooks", new CreateWebhookRequest("https://93.184.216.34/hook", null, null), idempotent: true);

        // Changing the URL is checked the same way.
        using var patch = new HttpRequestMessage(HttpMethod.Patch, $"/api/v1/partner/webhooks/{hook.Webhook.Id}")
        {
            Content = JsonContent.Create(new UpdateWebhookRequest("https://169.254.169.254/latest", null, null, null)),
        };
        patch.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        using var patched = await partner.SendAsync(patch);
        await patched.EnsureStatusAsync(HttpStatusCode.BadRequest);
        Assert.Contains("webhook_url_not_allowed", await patched.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await s.UnsubscribeAsync(hook.Webhook.Id);
    }

    [Fact]
    public async Task Posting_refuses_to_connect_to_a_private_address_even_if_the_subscription_got_in()
    {
        var api = fixture.For(DatabaseProvider.Sqlite);
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var production = Production(api);
        var sender = production.Services.GetRequiredService<IWebhookSender>();

        // As after a DNS rebinding: the URL passed its check once, now it leads to 127.0.0.1.
        var result = await sender.PostAsync(new WebhookPost(new Uri(receiver.Url), Guid.NewGuid().ToString(), 0, "v1,x", "{}"), CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.Null(result.StatusCode);
        Assert.Contains("not a public address", result.Error, StringComparison.Ordinal);
        Assert.Empty(receiver.Received);

        // The test instance allows private networks: the same post goes through.
        var allowed = await api.Services.GetRequiredService<IWebhookSender>().PostAsync(new WebhookPost(new Uri(receiver.Url), Guid.NewGuid().ToString(), 0, "v1,x", "{}"), CancellationToken.None);
        Assert.True(allowed.Succeeded);
    }
}
