using FluentValidation;
using Loyalty.Application.Abstractions;
using Loyalty.Application.Features.Audit;
using Loyalty.Application.Mapping;
using Loyalty.Contracts.Admin;
using Loyalty.Domain.Common;
using Loyalty.Domain.Financial.Earning;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Financial.Earning;

public sealed record CreateEarningRuleCommand(string Actor, CreateEarningRuleRequest Request) : ICommand<EarningRuleResponse>, ITransactionalCommand;

public sealed class CreateEarningRuleValidator : AbstractValidator<CreateEarningRuleCommand>
{
    public CreateEarningRuleValidator()
    {
        RuleFor(c => c.Request.Name).NotEmpty().MaximumLength(100);
        RuleFor(c => c.Request.PointsPerCurrencyUnit).GreaterThan(0).LessThanOrEqualTo(1000).PrecisionScale(10, 4, ignoreTrailingZeros: true);
        RuleFor(c => c.Request.Currency).Must(Money.IsCurrencyCode).WithMessage("currency must be an ISO 4217 code such as EUR.");
    }
}

/// <summary>The new rule becomes the active base rule; the previous one is kept, superseded, to explain past purchases.</summary>
public sealed class CreateEarningRuleHandler(ILoyaltyDbContext db, AuditTrail audit, TimeProvider clock) : ICommandHandler<CreateEarningRuleCommand, EarningRuleResponse>
{
    public async ValueTask<EarningRuleResponse> Handle(CreateEarningRuleCommand command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        foreach (var previous in await db.EarningRules.Where(r => r.IsActive).ToListAsync(cancellationToken))
        {
            var before = previous.ToResponse();
            previous.Supersede(now);
            audit.Record(command.Actor, "earning_rule.superseded", "earning_rule", previous.Id, before, previous.ToResponse());
        }

        var rule = EarningRule.Create(command.Request.Name, command.Request.PointsPerCurrencyUnit, command.Request.Currency, now);
        db.EarningRules.Add(rule);
        var response = rule.ToResponse();
        audit.Record<EarningRuleResponse>(command.Actor, "earning_rule.created", "earning_rule", rule.Id, null, response);
        await db.SaveChangesAsync(cancellationToken);
        return response;
    }
}

public sealed record ListEarningRulesQuery : IQuery<IReadOnlyList<EarningRuleResponse>>;

public sealed class ListEarningRulesHandler(ILoyaltyDbContext db) : IQueryHandler<ListEarningRulesQuery, IReadOnlyList<EarningRuleResponse>>
{
    public async ValueTask<IReadOnlyList<EarningRuleResponse>> Handle(ListEarningRulesQuery query, CancellationToken cancellationToken)
    {
        var rules = await db.EarningRules.AsNoTracking().ProjectToResponse().ToListAsync(cancellationToken);
        return rules.OrderByDescending(r => r.IsActive).ThenByDescending(r => r.CreatedAt).ToList();
    }
}
