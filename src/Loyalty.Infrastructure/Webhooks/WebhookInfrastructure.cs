using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Loyalty.Application.Features.Structural.Webhooks;
using Loyalty.Domain.Structural.Webhooks;
using Loyalty.Infrastructure.Jobs;
using Loyalty.Infrastructure.Persistence;
using Microsoft.AspNetCore.DataProtection;
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

/// <summary>Posts through the named client <c>webhooks</c> (timeout from the settings); keeps a short excerpt of failures only.</summary>
public sealed class HttpWebhookSender(IHttpClientFactory clients) : IWebhookSender
{
    public const string ClientName = "webhooks";
    private const int ExcerptLength = 200;

    public async Task<WebhookPostResult> PostAsync(WebhookPost post, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(post);
        using var request = new HttpRequestMessage(HttpMethod.Post, post.Url) { Content = new StringContent(post.Body, Encoding.UTF8) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.Add("webhook-id", post.MessageId);
        request.Headers.Add("webhook-timestamp", post.Timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", post.Signature);
        try
        {
            using var response = await clients.CreateClient(ClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                return new WebhookPostResult(true, (int)response.StatusCode, null);
            }

            return new WebhookPostResult(false, (int)response.StatusCode, await ExcerptAsync(response, cancellationToken));
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return new WebhookPostResult(false, null, exception is TaskCanceledException ? "timed out" : exception.Message);
        }
    }

    private static async Task<string> ExcerptAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var buffer = new char[ExcerptLength];
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken));
        var read = await reader.ReadBlockAsync(buffer, cancellationToken);
        return new string(buffer, 0, read);
    }
}

public sealed class WebhookFanOutJob(IServiceScopeFactory scopes, TimeProvider clock, IOptions<JobOptions> options, ILogger<WebhookFanOutJob> logger)
    : CommandJob<FanOutWebhooksCommand>(scopes, clock, options, logger)
{
    public override string Name => "webhook-fan-out";

    protected override FanOutWebhooksCommand CreateCommand() => new();
}

public sealed class WebhookDispatchJob(IServiceScopeFactory scopes, TimeProvider clock, IOptions<JobOptions> options, ILogger<WebhookDispatchJob> logger)
    : CommandJob<DispatchWebhooksCommand>(scopes, clock, options, logger)
{
    public override string Name => "webhook-dispatch";

    protected override DispatchWebhooksCommand CreateCommand() => new();
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
        services.AddPeriodicJob<WebhookDispatchJob>();
        services.AddPeriodicJob<WebhookDeliveryRetentionJob>();
        return services;
    }
}
