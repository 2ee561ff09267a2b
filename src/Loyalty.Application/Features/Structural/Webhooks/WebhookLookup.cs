using Loyalty.Application.Abstractions;
using Loyalty.Application.Common;
using Loyalty.Application.Errors;
using Loyalty.Contracts;
using Loyalty.Contracts.Partner;
using Loyalty.Domain.Structural.Webhooks;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Structural.Webhooks;

internal static class WebhookLookup
{
    public static async Task<WebhookSubscription> FindAsync(ILoyaltyDbContext db, WebhookOwner owner, Guid id, CancellationToken cancellationToken)
    {
        var subscription = await db.WebhookSubscriptions.SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
        return subscription is null || (!owner.IsStaff && subscription.PartnerId != owner.PartnerId)
            ? throw AppException.NotFound(ErrorCodes.WebhookNotFound, "There is no webhook subscription with this id.")
            : subscription;
    }

    public static WebhookResponse ToResponse(this WebhookSubscription s) =>
        new(s.Id, s.PartnerId, s.Url, s.Description, s.EventTypeList, s.Active, s.CreatedAt, s.UpdatedAt);

    public static WebhookDeliveryResponse ToResponse(this WebhookDelivery d) =>
        new(d.Id, d.MessageId, d.EventType, WireValue.Of<Contracts.Partner.WebhookDeliveryStatus>(d.Status), d.Attempts, d.NextAttemptAt, d.LastStatusCode, d.LastError, d.CreatedAt, d.DeliveredAt);

    public static bool IsAllowedUrl(string? url, WebhookOptions options)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || !string.IsNullOrEmpty(uri.UserInfo))
        {
            return false;
        }

        // Plain http only in development, and only to a receiver on this machine or its private network.
        return uri.Scheme == Uri.UriSchemeHttps
            || (options.AllowPrivateNetworks && uri.Scheme == Uri.UriSchemeHttp
                && (uri.IsLoopback || uri.Host == "localhost" || (System.Net.IPAddress.TryParse(uri.DnsSafeHost, out var ip) && !WebhookAddresses.IsPublic(ip))));
    }
}
