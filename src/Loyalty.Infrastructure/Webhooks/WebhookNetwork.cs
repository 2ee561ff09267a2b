using System.Net;
using System.Net.Sockets;
using Loyalty.Application.Features.Structural.Webhooks;
using Loyalty.Domain.Structural.Webhooks;

namespace Loyalty.Infrastructure.Webhooks;

/// <summary>Where webhooks may go: public addresses only, unless <see cref="WebhookOptions.AllowPrivateNetworks"/>.</summary>
public sealed class WebhookUrlGuard(WebhookOptions options) : IWebhookUrlGuard
{
    private static readonly TimeSpan LookupTimeout = TimeSpan.FromSeconds(3);

    public async Task<bool> IsAllowedAsync(Uri url, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (options.AllowPrivateNetworks)
        {
            return true;
        }

        var host = url.DnsSafeHost;
        if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        if (IPAddress.TryParse(host, out var literal))
        {
            return WebhookAddresses.IsPublic(literal);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(LookupTimeout);
        try
        {
            var addresses = await Dns.GetHostAddressesAsync(host, timeout.Token);
            return addresses.All(WebhookAddresses.IsPublic);
        }
        catch (Exception exception) when (exception is SocketException || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return true; // cannot tell now; every post checks the addresses it connects to
        }
    }
}

/// <summary>
/// The webhook client's connect step: resolves the host itself and refuses to connect when any address is not public,
/// so a name that resolved to a public address at subscription time cannot be re-pointed inward (DNS rebinding).
/// </summary>
public static class WebhookConnector
{
    public static async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, bool allowPrivateNetworks, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var endpoint = context.DnsEndPoint;
        var addresses = IPAddress.TryParse(endpoint.Host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(endpoint.Host, cancellationToken);
        if (!allowPrivateNetworks && addresses.FirstOrDefault(a => !WebhookAddresses.IsPublic(a)) is { } refused)
        {
            throw new WebhookAddressRefusedException($"refused to connect to {refused}: not a public address (webhook_url_not_allowed)");
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, endpoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}

public sealed class WebhookAddressRefusedException(string message) : IOException(message);
