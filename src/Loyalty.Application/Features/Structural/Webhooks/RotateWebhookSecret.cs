using Loyalty.Application.Abstractions;
using Loyalty.Application.Features.Audit;
using Loyalty.Contracts.Partner;
using Loyalty.Domain.Structural.Webhooks;
using Mediator;

namespace Loyalty.Application.Features.Structural.Webhooks;

public sealed record RotateWebhookSecretCommand(WebhookOwner Owner, Guid Id) : ICommand<WebhookSecretResponse>, ITransactionalCommand;

public sealed class RotateWebhookSecretHandler(ILoyaltyDbContext db, IWebhookSecretProtector protector, WebhookOptions options, AuditTrail audit, TimeProvider clock)
    : ICommandHandler<RotateWebhookSecretCommand, WebhookSecretResponse>
{
    public async ValueTask<WebhookSecretResponse> Handle(RotateWebhookSecretCommand command, CancellationToken cancellationToken)
    {
        var subscription = await WebhookLookup.FindAsync(db, command.Owner, command.Id, cancellationToken);
        var now = clock.GetUtcNow();
        var secret = WebhookSecrets.Generate();
        subscription.RotateSecret(protector.Protect(secret), now + options.SecretOverlap, now);
        audit.Record<WebhookResponse>(command.Owner.Actor, "webhook.secret_rotated", "webhook", subscription.Id, null, subscription.ToResponse());
        await db.SaveChangesAsync(cancellationToken);
        return new WebhookSecretResponse(subscription.ToResponse(), secret, subscription.PreviousSecretExpiresAt);
    }
}
