using Loyalty.Application.Abstractions;
using Loyalty.Contracts.Partner;
using Mediator;

namespace Loyalty.Application.Features.Structural.Webhooks;

public sealed record GetWebhookQuery(WebhookOwner Owner, Guid Id) : IQuery<WebhookResponse>;

public sealed class GetWebhookHandler(ILoyaltyDbContext db) : IQueryHandler<GetWebhookQuery, WebhookResponse>
{
    public async ValueTask<WebhookResponse> Handle(GetWebhookQuery query, CancellationToken cancellationToken) =>
        (await WebhookLookup.FindAsync(db, query.Owner, query.Id, cancellationToken)).ToResponse();
}
