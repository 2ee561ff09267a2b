using Loyalty.Application.Abstractions;
using Loyalty.Application.Features.Audit;
using Loyalty.Contracts.Admin;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Financial.Earning;

/// <summary>Ends a campaign now: purchases from this instant on no longer qualify; earlier ones keep their points.</summary>
public sealed record EndCampaignCommand(string Actor, Guid CampaignId) : ICommand<CampaignResponse>;

public sealed class EndCampaignHandler(ILoyaltyDbContext db, ICacheGenerations generations, AuditTrail audit, EarningRulesCache cache, TimeProvider clock) : ICommandHandler<EndCampaignCommand, CampaignResponse>
{
    public async ValueTask<CampaignResponse> Handle(EndCampaignCommand command, CancellationToken cancellationToken)
    {
        var campaign = await db.Campaigns.SingleOrDefaultAsync(c => c.Id == command.CampaignId, cancellationToken) ?? throw CampaignRequests.NotFound();
        var now = clock.GetUtcNow();
        var before = CampaignRequests.ToResponse(campaign, now);
        CampaignRequests.EnsureNotEnded(campaign, now);
        campaign.End(now);
        var after = CampaignRequests.ToResponse(campaign, now);
        audit.Record(command.Actor, "campaign.ended", "campaign", campaign.Id, before, after);
        generations.Touch(CacheArea.EarningRules); // committed with the change; the other instances clear their copies within a second
        await db.SaveChangesAsync(cancellationToken);
        cache.Invalidate();
        return after;
    }
}
