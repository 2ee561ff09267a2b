using FluentValidation;
using Loyalty.Application.Abstractions;
using Loyalty.Contracts.Partner;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Structural.Webhooks;

/// <summary>Staff may narrow to one partner; a partner always sees only its own.</summary>
public sealed record ListWebhooksQuery(WebhookOwner Owner, Guid? PartnerId) : IQuery<IReadOnlyList<WebhookResponse>>;

public sealed class ListWebhooksHandler(ILoyaltyDbContext db) : IQueryHandler<ListWebhooksQuery, IReadOnlyList<WebhookResponse>>
{
    public async ValueTask<IReadOnlyList<WebhookResponse>> Handle(ListWebhooksQuery query, CancellationToken cancellationToken)
    {
        var partnerId = query.Owner.PartnerId ?? query.PartnerId;
        var subscriptions = db.WebhookSubscriptions.AsNoTracking();
        if (partnerId is { } id)
        {
            subscriptions = subscriptions.Where(s => s.PartnerId == id);
        }

        // Ordered before the limit, so the 500 listed are the oldest, not whichever the database returns first.
        var list = await subscriptions.OrderBy(s => s.CreatedAt).ThenBy(s => s.Id).Take(500).ToListAsync(cancellationToken);
        return list.Select(s => s.ToResponse()).ToList();
    }
}
