using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Loyalty.Application.Common;
using Loyalty.Application.Features.Structural.Webhooks;
using Loyalty.Domain.Structural.Webhooks;
using Loyalty.Infrastructure.Jobs;
using Loyalty.Infrastructure.Persistence;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Loyalty.Infrastructure.Webhooks;

/// <summary>Signing secrets at rest, through ASP.NET Core Data Protection (AES-256 with keys from the shared key ring).</summary>
public sealed class DataProtectionWebhookSecretProtector(IDataProtectionProvider provider) : IWebhookSecretProtector
{
    private readonly IDataProtector _protector = provider.CreateProtector("Loyalty.Webhooks.Secret.v1");

    public string Protect(string secret) => _protector.Protect(secret);

    public string Unprotect(string protectedSecret) => _protector.Unprotect(protectedSecret);
}

/// <summary>
/// Posts through the named client <c>webhooks</c> (timeout from the settings). A failure is recorded with its real
/// cause as <c>kind: detail</c> (kinds as in <see cref="LoyaltyTelemetry.WebhookOutcomes"/>): connection refused,
/// timeout, TLS, DNS, a refused address, or the HTTP status with a bounded, single-line excerpt of the body.
/// Only the host and port are named, never the path or query (receivers put tokens there).
/// </summary>
public sealed class HttpWebhookSender(IHttpClientFactory clients, WebhookOptions options) : IWebhookSender
{
    public const string ClientName = "webhooks";

    /// <summary>Fits with the status line in <see cref="WebhookDelivery.ErrorMaxLength"/>.</summary>
    public const int ExcerptLength = 400;

    public async Task<WebhookPostResult> PostAsync(WebhookPost post, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(post);
        using var request = new HttpRequestMessage(HttpMethod.Post, post.Url) { Content = new StringContent(post.Body, Encoding.UTF8) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.Add("webhook-id", post.MessageId);
        request.Headers.Add("webhook-timestamp", post.Timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", post.Signature);
        var (outcome, result) = await SendAsync(request, post.Url, cancellationToken);
        LoyaltyTelemetry.WebhookDeliveries.Add(1, new KeyValuePair<string, object?>("outcome", outcome));
        return result;
    }

    private async Task<(string Outcome, WebhookPostResult Result)> SendAsync(HttpRequestMessage request, Uri url, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await clients.CreateClient(ClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            var status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                return (LoyaltyTelemetry.WebhookOutcomes.Succeeded, new WebhookPostResult(true, status, null));
            }

            var excerpt = await ExcerptAsync(response, cancellationToken);
            var error = $"http_{status}: {response.ReasonPhrase}" + (excerpt.Length > 0 ? " | " + excerpt : "");
            return (LoyaltyTelemetry.WebhookOutcomes.HttpError, new WebhookPostResult(false, status, error));
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            var (kind, detail) = Cause(exception);
            return (kind, new WebhookPostResult(false, null, Sanitise($"{kind}: {detail} ({url.Host}:{url.Port})")));
        }
    }

    /// <summary>The kind of a transport failure and a short detail, from the innermost exception that says it.</summary>
    public (string Kind, string Detail) Cause(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (exception is TaskCanceledException)
        {
            return (LoyaltyTelemetry.WebhookOutcomes.Timeout, $"no response within {options.Timeout.TotalSeconds:0.#} s");
        }

        for (var inner = exception; inner is not null; inner = inner.InnerException)
        {
            switch (inner)
            {
                case WebhookAddressRefusedException refused:
                    return (LoyaltyTelemetry.WebhookOutcomes.AddressRefused, refused.Message);
                case System.Security.Authentication.AuthenticationException tls:
                    return (LoyaltyTelemetry.WebhookOutcomes.Tls, tls.Message);
                case System.Net.Sockets.SocketException { SocketErrorCode: System.Net.Sockets.SocketError.ConnectionRefused }:
                    return (LoyaltyTelemetry.WebhookOutcomes.ConnectionRefused, "connection refused");
                case System.Net.Sockets.SocketException { SocketErrorCode: System.Net.Sockets.SocketError.HostNotFound or System.Net.Sockets.SocketError.NoData or System.Net.Sockets.SocketError.TryAgain } dns:
                    return (LoyaltyTelemetry.WebhookOutcomes.Dns, "name not resolved: " + dns.Message);
                case System.Net.Sockets.SocketException { SocketErrorCode: System.Net.Sockets.SocketError.TimedOut }:
                    return (LoyaltyTelemetry.WebhookOutcomes.Timeout, "connect timed out");
            }
        }

        return exception is HttpRequestException { HttpRequestError: var error } && error != HttpRequestError.Unknown
            ? (error switch
            {
                HttpRequestError.NameResolutionError => LoyaltyTelemetry.WebhookOutcomes.Dns,
                HttpRequestError.SecureConnectionError => LoyaltyTelemetry.WebhookOutcomes.Tls,
                _ => LoyaltyTelemetry.WebhookOutcomes.Other,
            }, $"{error}: {exception.Message}")
            : (LoyaltyTelemetry.WebhookOutcomes.Other, exception.Message);
    }

    private static async Task<string> ExcerptAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var buffer = new char[ExcerptLength];
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken));
            var read = await reader.ReadBlockAsync(buffer, cancellationToken);
            return Sanitise(new string(buffer, 0, read)).Trim();
        }
        catch (Exception exception) when (exception is IOException or HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return "(body unreadable: " + exception.GetType().Name + ")";
        }
    }

    /// <summary>One line of printable text: control characters (newlines included) become spaces; a pair cut in half by the excerpt is dropped.</summary>
    public static string Sanitise(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var length = text.Length > 0 && char.IsHighSurrogate(text[^1]) ? text.Length - 1 : text.Length;
        return string.Create(length, text, static (span, source) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = char.IsControl(source[i]) ? ' ' : source[i];
            }
        });
    }
}

public sealed class WebhookFanOutJob(IServiceScopeFactory scopes, TimeProvider clock, IOptions<JobOptions> options, ILogger<WebhookFanOutJob> logger)
    : CommandJob<FanOutWebhooksCommand>(scopes, clock, options, logger)
{
    public override string Name => "webhook-fan-out";

    protected override FanOutWebhooksCommand CreateCommand() => new();
}

public sealed class WebhookDispatchJob(IServiceScopeFactory scopes, TimeProvider clock, IOptions<JobOptions> options, WebhookBacklogProbe backlog, ILogger<WebhookDispatchJob> logger)
    : CommandJob<DispatchWebhooksCommand>(scopes, clock, options, logger)
{
    public override string Name => "webhook-dispatch";

    public override async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var attempted = await base.RunOnceAsync(cancellationToken);
        if (LoyaltyTelemetry.BacklogObserved)
        {
            await backlog.MeasureAsync(cancellationToken);
        }

        return attempted;
    }

    protected override DispatchWebhooksCommand CreateCommand() => new();
}

/// <summary>Two counts and two oldest rows, once per dispatcher run, for the backlog gauges (a scrape reads the cached figures).</summary>
public sealed class WebhookBacklogProbe(IServiceScopeFactory scopes, TimeProvider clock)
{
    public async Task<Backlog> MeasureAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LoyaltyDbContext>();
        var messages = db.OutboxMessages.AsNoTracking().Where(m => EF.Property<DateTimeOffset?>(m, FanOutWebhooksHandler.FannedOutAt) == null);
        var deliveries = db.WebhookDeliveries.AsNoTracking()
            .Where(d => d.Status == WebhookDeliveryStatus.Pending || d.Status == WebhookDeliveryStatus.Failed || d.Status == WebhookDeliveryStatus.Delivering);
        var messageCount = await messages.LongCountAsync(cancellationToken);
        var oldestMessage = messageCount == 0 ? null
            : await messages.OrderBy(m => m.OccurredAt).Select(m => (DateTimeOffset?)m.OccurredAt).FirstOrDefaultAsync(cancellationToken);
        var deliveryCount = await deliveries.LongCountAsync(cancellationToken);
        var oldestDelivery = deliveryCount == 0 ? null
            : await deliveries.OrderBy(d => d.CreatedAt).Select(d => (DateTimeOffset?)d.CreatedAt).FirstOrDefaultAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var backlog = new Backlog(messageCount, AgeOf(oldestMessage), deliveryCount, AgeOf(oldestDelivery));
        LoyaltyTelemetry.ReportBacklog(backlog);
        return backlog;

        double AgeOf(DateTimeOffset? oldest) => oldest is { } at ? Math.Max(0, (now - at).TotalSeconds) : 0;
    }
}

public sealed class WebhookDeliveryRetentionJob(IServiceScopeFactory scopes, TimeProvider clock, IOptions<JobOptions> options, ILogger<WebhookDeliveryRetentionJob> logger)
    : CommandJob<PurgeWebhookDeliveriesCommand>(scopes, clock, options, logger)
{
    public override string Name => "webhook-delivery-retention";

    protected override PurgeWebhookDeliveriesCommand CreateCommand() => new();
}

public static class WebhookRegistration
{
    public static IServiceCollection AddWebhooks(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(WebhookOptions.Section).Get<WebhookOptions>() ?? new WebhookOptions();
        services.AddSingleton(options);
        services.AddSingleton(new WebhookBackoff(Random.Shared, options.BaseDelay, options.MaxDelay));
        // One key ring in the database: every instance, and every restart, can read the secrets the others protected.
        services.AddDataProtection().SetApplicationName("Loyalty").PersistKeysToDbContext<LoyaltyDbContext>();
        services.AddSingleton<IWebhookSecretProtector, DataProtectionWebhookSecretProtector>();
        services.AddHttpClient(HttpWebhookSender.ClientName, c => c.Timeout = options.Timeout)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                UseProxy = false, // the address check below must see the receiver's address, not a proxy's
                ConnectCallback = (context, ct) => WebhookConnector.ConnectAsync(context, options.AllowPrivateNetworks, ct),
            });
        services.AddSingleton<IWebhookUrlGuard, WebhookUrlGuard>();
        services.AddSingleton<IWebhookSender, HttpWebhookSender>();
        services.AddScoped<IWebhookBatchLocks, SqlWebhookBatchLocks>();
        services.AddPeriodicJob<WebhookFanOutJob>();
        services.AddSingleton<WebhookBacklogProbe>();
        services.AddPeriodicJob<WebhookDispatchJob>();
        services.AddPeriodicJob<WebhookDeliveryRetentionJob>();
        return services;
    }
}
