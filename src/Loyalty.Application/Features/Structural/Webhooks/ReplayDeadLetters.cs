using FluentValidation;
using Loyalty.Application.Abstractions;
using Loyalty.Application.Features.Audit;
using Loyalty.Contracts.Partner;
using Loyalty.Domain.Structural.Webhooks;
using Mediator;
using Microsoft.EntityFrameworkCore;
using WebhookDeliveryStatus = Loyalty.Domain.Structural.Webhooks.WebhookDeliveryStatus;

namespace Loyalty.Application.Features.Structural.Webhooks;

/// <summary>Puts every dead-lettered delivery of a subscription back in the queue.</summary>
public sealed record ReplayDeadLettersCommand(WebhookOwner Owner, Guid Id) : ICommand<WebhookReplayResponse>, ITransactionalCommand;

public sealed class ReplayDeadLettersHandler(ILoyaltyDbContext db, AuditTrail audit, TimeProvider clock) : ICommandHandler<ReplayDeadLettersCommand, WebhookReplayResponse>
{
    public async ValueTask<WebhookReplayResponse> Handle(ReplayDeadLettersCommand command, CancellationToken cancellationToken)
    {
        var subscription = await WebhookLookup.FindAsync(db, command.Owner, command.Id, cancellationToken);
        var now = clock.GetUtcNow();
        var count = await db.WebhookDeliveries
            .Where(d => d.SubscriptionId == subscription.Id && d.Status == WebhookDeliveryStatus.DeadLettered)
            .ExecuteUpdateAsync(
                s => s.SetProperty(d => d.Status, WebhookDeliveryStatus.Pending).SetProperty(d => d.Attempts, 0)
                    .SetProperty(d => d.NextAttemptAt, now).SetProperty(d => d.UpdatedAt, now),
                cancellationToken);
        audit.Record<WebhookReplayResponse>(command.Owner.Actor, "webhook.dead_letters_replayed", "webhook", subscription.Id, null, new WebhookReplayResponse(count));
        await db.SaveChangesAsync(cancellationToken);
        return new WebhookReplayResponse(count);
    }
}
