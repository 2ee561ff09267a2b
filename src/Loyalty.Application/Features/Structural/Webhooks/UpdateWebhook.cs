using FluentValidation;
using Loyalty.Application.Abstractions;
using Loyalty.Application.Features.Audit;
using Loyalty.Contracts.Partner;
using Mediator;

namespace Loyalty.Application.Features.Structural.Webhooks;

public sealed record UpdateWebhookCommand(WebhookOwner Owner, Guid Id, UpdateWebhookRequest Request) : ICommand<WebhookResponse>, ITransactionalCommand;

public sealed class UpdateWebhookValidator : AbstractValidator<UpdateWebhookCommand>
{
    public UpdateWebhookValidator(WebhookOptions options, IWebhookUrlGuard guard)
    {
        RuleFor(c => c.Request.Url).MaximumLength(2000).WebhookUrl(options, guard).When(c => c.Request.Url is not null);
        RuleFor(c => c.Request.Description).MaximumLength(200);
        this.EventTypeFilter(c => c.Request.EventTypes);
    }
}

public sealed class UpdateWebhookHandler(ILoyaltyDbContext db, AuditTrail audit, TimeProvider clock) : ICommandHandler<UpdateWebhookCommand, WebhookResponse>
{
    public async ValueTask<WebhookResponse> Handle(UpdateWebhookCommand command, CancellationToken cancellationToken)
    {
        var subscription = await WebhookLookup.FindAsync(db, command.Owner, command.Id, cancellationToken);
        var before = subscription.ToResponse();
        var r = command.Request;
        subscription.Update(r.Url, r.Description, r.EventTypes, r.Active, clock.GetUtcNow());
        var after = subscription.ToResponse();
        audit.Record(command.Owner.Actor, "webhook.updated", "webhook", subscription.Id, before, after);
        await db.SaveChangesAsync(cancellationToken);
        return after;
    }
}
