using Loyalty.Application.Abstractions;
using Loyalty.Application.Errors;
using Loyalty.Application.Features.Audit;
using Loyalty.Contracts;
using Loyalty.Contracts.Partner;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Structural.Webhooks;

/// <summary>Sends one delivery again (any state but in flight), with a fresh set of attempts.</summary>
public sealed record ReplayWebhookDeliveryCommand(WebhookOwner Owner, Guid Id, Guid DeliveryId) : ICommand<WebhookDeliveryResponse>, ITransactionalCommand;

public sealed class ReplayWebhookDeliveryHandler(ILoyaltyDbContext db, AuditTrail audit, TimeProvider clock) : ICommandHandler<ReplayWebhookDeliveryCommand, WebhookDeliveryResponse>
{
    public async ValueTask<WebhookDeliveryResponse> Handle(ReplayWebhookDeliveryCommand command, CancellationToken cancellationToken)
    {
        var subscription = await WebhookLookup.FindAsync(db, command.Owner, command.Id, cancellationToken);
        var delivery = await db.WebhookDeliveries.SingleOrDefaultAsync(d => d.Id == command.DeliveryId && d.SubscriptionId == subscription.Id, cancellationToken)
            ?? throw AppException.NotFound(ErrorCodes.DeliveryNotFound, "This subscription has no delivery with this id.");
        delivery.Replay(clock.GetUtcNow());
        audit.Record<WebhookDeliveryResponse>(command.Owner.Actor, "webhook.delivery_replayed", "webhook_delivery", delivery.Id, null, delivery.ToResponse());
        await db.SaveChangesAsync(cancellationToken);
        return delivery.ToResponse();
    }
}
