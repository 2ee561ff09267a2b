using FluentValidation;
using Loyalty.Application.Abstractions;
using Loyalty.Application.Common;
using Loyalty.Contracts.Common;
using Loyalty.Contracts.Partner;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Structural.Webhooks;

/// <summary>Subscriptions, oldest first. Staff may narrow to one partner; a partner always sees only its own.</summary>
public sealed record ListWebhooksQuery(WebhookOwner Owner, Guid? PartnerId, int? Limit = null, string? Cursor = null) : IQuery<Page<WebhookResponse>>;

public sealed class ListWebhooksHandler(ILoyaltyDbContext db) : IQueryHandler<ListWebhooksQuery, Page<WebhookResponse>>
{
    public async ValueTask<Page<WebhookResponse>> Handle(ListWebhooksQuery query, CancellationToken cancellationToken)
    {
        var limit = Paging.Limit(query.Limit);
        var after = Paging.DecodeTime(query.Cursor);
        var partnerId = query.Owner.PartnerId ?? query.PartnerId;
        var subscriptions = db.WebhookSubscriptions.AsNoTracking();
        if (partnerId is { } id)
        {
            subscriptions = subscriptions.Where(s => s.PartnerId == id);
        }

        if (after is var (createdAt, afterId))
        {
            subscriptions = subscriptions.Where(s => s.CreatedAt > createdAt || (s.CreatedAt == createdAt && s.Id.CompareTo(afterId) > 0));
        }

        var rows = await subscriptions.OrderBy(s => s.CreatedAt).ThenBy(s => s.Id).Take(limit + 1).ToListAsync(cancellationToken);
        return Paging.ToPage(rows.ConvertAll(s => s.ToResponse()), limit, s => Paging.TimeKey(s.CreatedAt, s.Id));
    }
}
