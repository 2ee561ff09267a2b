using FluentValidation;
using Loyalty.Application.Abstractions;
using Loyalty.Application.Features.Audit;
using Loyalty.Contracts.Admin;
using Loyalty.Domain.Financial.Earning;
using Mediator;

namespace Loyalty.Application.Features.Financial.Earning;

// Rule and campaign changes are one SaveChanges each (atomic on its own), not ITransactionalCommands: the snapshot
// cache must be invalidated after the commit, or a purchase racing the change could cache the old rules again.

public sealed record CreateEarningRuleCommand(string Actor, EarningRuleRequest Request) : ICommand<EarningRuleResponse>;

public sealed class CreateEarningRuleValidator : AbstractValidator<CreateEarningRuleCommand>
{
    public CreateEarningRuleValidator() => EarningRuleRequests.Apply(this, c => c.Request);
}

public sealed class CreateEarningRuleHandler(ILoyaltyDbContext db, ICacheGenerations generations, AuditTrail audit, EarningRulesCache cache, TimeProvider clock) : ICommandHandler<CreateEarningRuleCommand, EarningRuleResponse>
{
    public async ValueTask<EarningRuleResponse> Handle(CreateEarningRuleCommand command, CancellationToken cancellationToken)
    {
        var definition = EarningRuleRequests.ToDefinition(command.Request);
        await EarningRuleRequests.CheckReferencesAsync(db, definition, clock.GetUtcNow(), cancellationToken);
        var rule = EarningRule.Create(definition, clock.GetUtcNow(), command.Actor);
        db.EarningRules.Add(rule);
        var response = EarningRuleRequests.ToResponse(rule);
        audit.Record<EarningRuleResponse>(command.Actor, "earning_rule.created", "earning_rule", rule.Id, null, response);
        generations.Touch(CacheArea.EarningRules); // committed with the change; the other instances clear their copies within a second
        await db.SaveChangesAsync(cancellationToken);
        cache.Invalidate();
        return response;
    }
}
