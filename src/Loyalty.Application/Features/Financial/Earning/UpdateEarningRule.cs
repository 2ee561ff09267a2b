using FluentValidation;
using Loyalty.Application.Abstractions;
using Loyalty.Application.Features.Audit;
using Loyalty.Contracts.Admin;
using Mediator;

namespace Loyalty.Application.Features.Financial.Earning;

/// <summary>An update is a new version: the current one is superseded, never edited.</summary>
public sealed record UpdateEarningRuleCommand(string Actor, Guid RuleId, EarningRuleRequest Request) : ICommand<EarningRuleResponse>;

public sealed class UpdateEarningRuleValidator : AbstractValidator<UpdateEarningRuleCommand>
{
    public UpdateEarningRuleValidator() => EarningRuleRequests.Apply(this, c => c.Request);
}

public sealed class UpdateEarningRuleHandler(ILoyaltyDbContext db, ICacheGenerations generations, AuditTrail audit, EarningRulesCache cache, TimeProvider clock) : ICommandHandler<UpdateEarningRuleCommand, EarningRuleResponse>
{
    public async ValueTask<EarningRuleResponse> Handle(UpdateEarningRuleCommand command, CancellationToken cancellationToken)
    {
        var current = await EarningRuleRequests.FindCurrentAsync(db, command.RuleId, cancellationToken);
        var definition = EarningRuleRequests.ToDefinition(command.Request);
        var now = clock.GetUtcNow();
        await EarningRuleRequests.CheckReferencesAsync(db, definition, now, cancellationToken);
        var before = EarningRuleRequests.ToResponse(current);
        var next = current.Revise(definition, now, command.Actor);
        db.EarningRules.Add(next);
        var after = EarningRuleRequests.ToResponse(next);
        audit.Record(command.Actor, "earning_rule.updated", "earning_rule", next.Id, before, after);
        generations.Touch(CacheArea.EarningRules); // committed with the change; the other instances clear their copies within a second
        await db.SaveChangesAsync(cancellationToken);
        cache.Invalidate();
        return after;
    }
}
