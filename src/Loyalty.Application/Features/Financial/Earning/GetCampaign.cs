using FluentValidation;
using Loyalty.Application.Abstractions;
using Loyalty.Contracts.Admin;
using Loyalty.Domain.Financial.Earning;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Financial.Earning;

public sealed record GetCampaignQuery(Guid CampaignId) : IQuery<CampaignDetailResponse>;

public sealed class GetCampaignHandler(ILoyaltyDbContext db, TimeProvider clock) : IQueryHandler<GetCampaignQuery, CampaignDetailResponse>
{
    public async ValueTask<CampaignDetailResponse> Handle(GetCampaignQuery query, CancellationToken cancellationToken)
    {
        var campaign = await db.Campaigns.AsNoTracking().SingleOrDefaultAsync(c => c.Id == query.CampaignId, cancellationToken) ?? throw CampaignRequests.NotFound();
        var rules = await db.EarningRules.AsNoTracking().Where(r => r.CampaignId == campaign.Id && r.SupersededAt == null).ToListAsync(cancellationToken);
        return new CampaignDetailResponse(
            CampaignRequests.ToResponse(campaign, clock.GetUtcNow()),
            rules.OrderByDescending(r => r.IsActive).ThenBy(r => r, RuleOrder.Instance).Select(EarningRuleRequests.ToResponse).ToList());
    }
}
