using System.Collections.Concurrent;
using Loyalty.Api.Tests.Infrastructure;
using Loyalty.Application.Features.Structural.Webhooks;
using Loyalty.Contracts.Common;
using Loyalty.Contracts.Partner;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Loyalty.Api.Tests.Webhooks;

public sealed record ReceivedWebhook(string Id, string Timestamp, string Signature, string Body);

/// <summary>A real HTTP receiver on 127.0.0.1 (Kestrel, a free port); what it answers is up to the test.</summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _calls;

    private WebhookReceiver(WebApplication app) => _app = app;

    public ConcurrentQueue<ReceivedWebhook> Received { get; } = new();

    /// <summary>Given the 1-based number of the call, the status to answer (may wait first).</summary>
    public Func<int, ReceivedWebhook, CancellationToken, Task<int>> Respond { get; set; } = (_, _, _) => Task.FromResult(200);

    public string Url { get; private set; } = "";

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.MapPost("/hook", async (HttpContext context) =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync(context.RequestAborted);
            var hook = new ReceivedWebhook(
                context.Request.Headers["webhook-id"].ToString(), context.Request.Headers["webhook-timestamp"].ToString(),
                context.Request.Headers["webhook-signature"].ToString(), body);
            var call = Interlocked.Increment(ref receiver._calls);
            receiver.Received.Enqueue(hook);
            return Results.StatusCode(await receiver.Respond(call, hook, context.RequestAborted));
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        receiver.Url = address.TrimEnd('/') + "/hook";
        return receiver;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

public static class WebhookKit
{
    public static async Task<int> FanOutAsync(this WebApplicationFactory<Program> api, CancellationToken ct = default)
    {
        await using var scope = api.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(new FanOutWebhooksCommand(), ct);
    }

    public static async Task<int> DispatchAsync(this WebApplicationFactory<Program> api, CancellationToken ct = default)
    {
        await using var scope = api.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(new DispatchWebhooksCommand(), ct);
    }

    /// <summary>Fans out and dispatches until <paramref name="done"/> holds (or gives up after a few rounds).</summary>
    public static async Task PumpUntilAsync(this WebApplicationFactory<Program> api, Func<bool> done, int rounds = 30)
    {
        await api.FanOutAsync();
        for (var i = 0; i < rounds && !done(); i++)
        {
            if (await api.DispatchAsync() == 0)
            {
                await Task.Delay(20);
            }
        }
    }

    public static Task<WebhookSecretResponse> SubscribeAsync(this Scenario s, string url, params string[] eventTypes) =>
        s.Partner.PostJsonAsync<WebhookSecretResponse>("/api/v1/partner/webhooks", new CreateWebhookRequest(url, eventTypes, "test"), idempotent: true);

    public static Task<Page<WebhookDeliveryResponse>> DeliveriesAsync(this Scenario s, Guid webhookId, string? status = null) =>
        s.Partner.GetJsonAsync<Page<WebhookDeliveryResponse>>($"/api/v1/partner/webhooks/{webhookId}/deliveries?limit=200" + (status is null ? "" : "&status=" + status));

    public static async Task UnsubscribeAsync(this Scenario s, Guid webhookId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/partner/webhooks/{webhookId}");
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        using var response = await s.Partner.SendAsync(request);
        await response.EnsureStatusAsync(System.Net.HttpStatusCode.NoContent);
    }
}
