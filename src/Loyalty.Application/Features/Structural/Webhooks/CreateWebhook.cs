using FluentValidation;
using Loyalty.Application.Abstractions;
using Loyalty.Application.Errors;
using Loyalty.Application.Features.Audit;
using Loyalty.Contracts;
using Loyalty.Contracts.Partner;
using Loyalty.Domain.Structural.Webhooks;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Structural.Webhooks;

public sealed record CreateWebhookCommand(WebhookOwner Owner, Guid? PartnerId, CreateWebhookRequest Request) : ICommand<WebhookSecretResponse>, ITransactionalCommand;

public sealed class CreateWebhookValidator : AbstractValidator<CreateWebhookCommand>
{
    public CreateWebhookValidator(WebhookOptions options, IWebhookUrlGuard guard)
    {
        RuleFor(c => c.Request.Url).NotEmpty().MaximumLength(2000).WebhookUrl(options, guard);
        RuleFor(c => c.Request.Description).MaximumLength(200);
        this.EventTypeFilter(c => c.Request.EventTypes);
    }
}

public sealed class CreateWebhookHandler(ILoyaltyDbContext db, IWebhookSecretProtector protector, AuditTrail audit, TimeProvider clock)
    : ICommandHandler<CreateWebhookCommand, WebhookSecretResponse>
{
    public async ValueTask<WebhookSecretResponse> Handle(CreateWebhookCommand command, CancellationToken cancellationToken)
    {
        var partnerId = command.Owner.PartnerId ?? command.PartnerId;
        if (partnerId is { } id && !await db.Partners.AnyAsync(p => p.Id == id, cancellationToken))
        {
            throw AppException.NotFound(ErrorCodes.PartnerNotFound, "There is no partner with this id.");
        }

        var secret = WebhookSecrets.Generate();
        var subscription = WebhookSubscription.Create(partnerId, command.Request.Url, command.Request.Description, command.Request.EventTypes, protector.Protect(secret), clock.GetUtcNow());
        db.WebhookSubscriptions.Add(subscription);
        var response = subscription.ToResponse();
        audit.Record<WebhookResponse>(command.Owner.Actor, "webhook.created", "webhook", subscription.Id, null, response);
        await db.SaveChangesAsync(cancellationToken);
        return new WebhookSecretResponse(response, secret, null);
    }
}
