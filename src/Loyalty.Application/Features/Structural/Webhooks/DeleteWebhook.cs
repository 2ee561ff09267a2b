using FluentValidation;
using Loyalty.Application.Abstractions;
using Loyalty.Application.Features.Audit;
using Loyalty.Contracts.Partner;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Structural.Webhooks;

public sealed record DeleteWebhookCommand(WebhookOwner Owner, Guid Id) : ICommand<Unit>, ITransactionalCommand;

public sealed class DeleteWebhookHandler(ILoyaltyDbContext db, AuditTrail audit) : ICommandHandler<DeleteWebhookCommand, Unit>
{
    public async ValueTask<Unit> Handle(DeleteWebhookCommand command, CancellationToken cancellationToken)
    {
        var subscription = await WebhookLookup.FindAsync(db, command.Owner, command.Id, cancellationToken);
        audit.Record<WebhookResponse>(command.Owner.Actor, "webhook.deleted", "webhook", subscription.Id, subscription.ToResponse(), null);
        await db.WebhookDeliveries.Where(d => d.SubscriptionId == subscription.Id).ExecuteDeleteAsync(cancellationToken);
        db.WebhookSubscriptions.Remove(subscription);
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
