using Loyalty.Application.Abstractions;
using Loyalty.Application.Features.Audit;
using Loyalty.Contracts.Admin;
using Mediator;

namespace Loyalty.Application.Features.Financial.Earning;

/// <summary>Deactivation is a version too: an inactive copy supersedes the current one.</summary>
public sealed record DeactivateEarningRuleCommand(string Actor, Guid RuleId) : ICommand<EarningRuleResponse>;

public sealed class DeactivateEarningRuleHandler(ILoyaltyDbContext db, ICacheGenerations generations, AuditTrail audit, EarningRulesCache cache, TimeProvider clock) : ICommandHandler<DeactivateEarningRuleCommand, EarningRuleResponse>
{
    public async ValueTask<EarningRuleResponse> Handle(DeactivateEarningRuleCommand command, CancellationToken cancellationToken)
    {
        var current = await EarningRuleRequests.FindCurrentAsync(db, command.RuleId, cancellationToken);
        var before = EarningRuleRequests.ToResponse(current);
        var next = current.Deactivate(clock.GetUtcNow(), command.Actor);
        db.EarningRules.Add(next);
        var after = EarningRuleRequests.ToResponse(next);
        audit.Record(command.Actor, "earning_rule.deactivated", "earning_rule", next.Id, before, after);
        generations.Touch(CacheArea.EarningRules); // committed with the change; the other instances clear their copies within a second
        await db.SaveChangesAsync(cancellationToken);
        cache.Invalidate();
        return after;
    }
}
