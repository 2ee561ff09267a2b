using FluentValidation;
using Loyalty.Application.Abstractions;
using Loyalty.Application.Common;
using Loyalty.Contracts.Common;
using Loyalty.Contracts.Partner;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Structural.Webhooks;

/// <summary>The delivery log of one subscription, newest first.</summary>
public sealed record ListWebhookDeliveriesQuery(WebhookOwner Owner, Guid Id, string? Status, int? Limit, string? Cursor) : IQuery<Page<WebhookDeliveryResponse>>;

public sealed class ListWebhookDeliveriesHandler(ILoyaltyDbContext db) : IQueryHandler<ListWebhookDeliveriesQuery, Page<WebhookDeliveryResponse>>
{
    public async ValueTask<Page<WebhookDeliveryResponse>> Handle(ListWebhookDeliveriesQuery query, CancellationToken cancellationToken)
    {
        var subscription = await WebhookLookup.FindAsync(db, query.Owner, query.Id, cancellationToken);
        var limit = Paging.Limit(query.Limit);
        var status = QueryEnum.Parse<Domain.Structural.Webhooks.WebhookDeliveryStatus>(query.Status, "status", Contracts.ErrorCodes.InvalidStatus);
        var deliveries = db.WebhookDeliveries.AsNoTracking().Where(d => d.SubscriptionId == subscription.Id);
        if (status is { } s)
        {
            deliveries = deliveries.Where(d => d.Status == s);
        }

        // An offset cursor: the log is for people reading it, and deliveries of one fan-out share a creation time.
        var skip = Paging.DecodeLong(query.Cursor) ?? 0;
        var rows = await deliveries.OrderByDescending(d => d.CreatedAt).ThenBy(d => d.Id).Skip((int)Math.Min(skip, int.MaxValue)).Take(limit + 1).ToListAsync(cancellationToken);
        var page = rows.Select(d => d.ToResponse()).ToList();
        return page.Count > limit ? new Page<WebhookDeliveryResponse>(page[..limit], Paging.Encode((skip + limit).ToString(System.Globalization.CultureInfo.InvariantCulture))) : new Page<WebhookDeliveryResponse>(page, null);
    }
}
