using FluentValidation;
using Loyalty.Application.Abstractions;
using Loyalty.Contracts.Admin;
using Loyalty.Domain.Financial.Earning;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Financial.Earning;

/// <summary>Each rule in its current version: active first, then by priority and newest change.</summary>
public sealed record ListEarningRulesQuery(bool? Active, string? Kind, Guid? CampaignId) : IQuery<IReadOnlyList<EarningRuleResponse>>;

public sealed class ListEarningRulesValidator : AbstractValidator<ListEarningRulesQuery>
{
    public ListEarningRulesValidator() =>
        RuleFor(q => q.Kind).IsEnumName(typeof(EarningRuleKind), caseSensitive: false).When(q => q.Kind is not null)
            .WithMessage($"kind must be one of: {string.Join(", ", Enum.GetNames<EarningRuleKind>())}.");
}

public sealed class ListEarningRulesHandler(ILoyaltyDbContext db) : IQueryHandler<ListEarningRulesQuery, IReadOnlyList<EarningRuleResponse>>
{
    public async ValueTask<IReadOnlyList<EarningRuleResponse>> Handle(ListEarningRulesQuery query, CancellationToken cancellationToken)
    {
        var rules = db.EarningRules.AsNoTracking().Where(r => r.SupersededAt == null);
        if (query.Active is { } active)
        {
            rules = rules.Where(r => r.IsActive == active);
        }

        if (query.Kind is not null)
        {
            var kind = Enum.Parse<EarningRuleKind>(query.Kind, ignoreCase: true);
            rules = rules.Where(r => r.Kind == kind);
        }

        if (query.CampaignId is { } campaignId)
        {
            rules = rules.Where(r => r.CampaignId == campaignId);
        }

        var list = await rules.ToListAsync(cancellationToken);
        return list.OrderByDescending(r => r.IsActive).ThenBy(r => r, RuleOrder.Instance).Select(EarningRuleRequests.ToResponse).ToList();
    }
}
