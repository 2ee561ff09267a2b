using FluentValidation;
using Loyalty.Application.Abstractions;
using Loyalty.Contracts.Admin;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Financial.Earning;

public sealed record GetEarningRuleQuery(Guid RuleId) : IQuery<EarningRuleDetailResponse>;

public sealed class GetEarningRuleHandler(ILoyaltyDbContext db) : IQueryHandler<GetEarningRuleQuery, EarningRuleDetailResponse>
{
    public async ValueTask<EarningRuleDetailResponse> Handle(GetEarningRuleQuery query, CancellationToken cancellationToken)
    {
        var versions = await db.EarningRules.AsNoTracking().Where(r => r.Id == query.RuleId).OrderByDescending(r => r.Version).ToListAsync(cancellationToken);
        if (versions.Count == 0)
        {
            throw EarningRuleRequests.NotFound();
        }

        var responses = versions.Select(EarningRuleRequests.ToResponse).ToList();
        return new EarningRuleDetailResponse(responses[0], responses);
    }
}
