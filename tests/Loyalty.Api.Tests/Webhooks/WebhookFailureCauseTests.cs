using System.Net;
using System.Net.Sockets;
using Loyalty.Api.Tests.Infrastructure;
using Loyalty.Contracts.Partner;
using Loyalty.Domain.Structural.Outbox;
using Loyalty.Domain.Structural.Webhooks;
using Loyalty.Infrastructure.Persistence;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WebhookDeliveryStatus = Loyalty.Contracts.Partner.WebhookDeliveryStatus;

namespace Loyalty.Api.Tests.Webhooks;

/// <summary>A failed attempt keeps its real cause in the delivery log, not "An error occurred while sending the request."</summary>
public sealed class WebhookFailureCauseTests
{
    [Fact]
    public async Task Refused_connections_timeouts_and_error_responses_are_recorded_with_their_cause()
    {
        await using var api = new LoyaltyApiFactory(
            await TestDatabase.CreateAsync(DatabaseProvider.Sqlite),
            new Dictionary<string, string?> { ["Webhooks:Timeout"] = "00:00:01" });
        var s = await Scenario.StartAsync(api);

        // A port nothing listens on; a receiver slower than the timeout; one that fails with a long, multi-line body.
        var refused = await s.SubscribeAsync($"http://127.0.0.1:{ClosedPort()}/hook", EventTypes.PointsEarned);
        await using var slow = await WebhookReceiver.StartAsync();
        slow.Respond = async (_, _, ct) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(5), ct);
            return 200;
        };
        var timedOut = await s.SubscribeAsync(slow.Url, EventTypes.PointsEarned);
        var body = "database is down\r\nat Receiver.Handle() <secret-free>" + new string('x', 2_000);
        await using var failing = await FailingReceiver.StartAsync(body);
        var erroring = await s.SubscribeAsync(failing.Url, EventTypes.PointsEarned);

        var member = await s.EnrolAsync();
        await s.EarnAsync(member.MemberNumber, 10m);
        await api.FanOutAsync();
        await api.DispatchAsync();

        var connection = await LastAttemptAsync(s, refused.Webhook.Id);
        Assert.Null(connection.LastStatusCode);
        Assert.StartsWith("connection_refused: connection refused (127.0.0.1:", connection.LastError, StringComparison.Ordinal);

        var timeout = await LastAttemptAsync(s, timedOut.Webhook.Id);
        Assert.Null(timeout.LastStatusCode);
        Assert.StartsWith("timeout: no response within 1 s (127.0.0.1:", timeout.LastError, StringComparison.Ordinal);

        var error = await LastAttemptAsync(s, erroring.Webhook.Id);
        Assert.Equal(500, error.LastStatusCode);
        Assert.StartsWith("http_500: Internal Server Error | database is down  at Receiver.Handle() <secret-free>xxx", error.LastError, StringComparison.Ordinal);
        Assert.InRange(error.LastError!.Length, 400, WebhookDelivery.ErrorMaxLength); // a bounded excerpt, one line
        Assert.DoesNotContain('\n', error.LastError);
    }

    private static async Task<WebhookDeliveryResponse> LastAttemptAsync(Scenario s, Guid webhookId)
    {
        var delivery = Assert.Single((await s.DeliveriesAsync(webhookId)).Items);
        Assert.Equal((WebhookDeliveryStatus.Failed, 1), (delivery.Status, delivery.Attempts));
        return delivery;
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port; // free again once the listener stops: connections are refused
    }

    /// <summary>Answers every post with 500 and the given body.</summary>
    private sealed class FailingReceiver : IAsyncDisposable
    {
        private readonly WebApplication _app;

        private FailingReceiver(WebApplication app, string url) => (_app, Url) = (app, url);

        public string Url { get; }

        public static async Task<FailingReceiver> StartAsync(string body)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            var app = builder.Build();
            app.MapPost("/hook", () => Results.Text(body, "text/plain", statusCode: 500));
            await app.StartAsync();
            var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
            return new FailingReceiver(app, address.TrimEnd('/') + "/hook");
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
