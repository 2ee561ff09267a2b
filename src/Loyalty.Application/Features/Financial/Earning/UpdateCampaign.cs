using FluentValidation;
using Loyalty.Application.Abstractions;
using Loyalty.Application.Features.Audit;
using Loyalty.Contracts.Admin;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Financial.Earning;

/// <summary>Changes a campaign that has not ended (in place, audited); its rules follow the new window at once.</summary>
public sealed record UpdateCampaignCommand(string Actor, Guid CampaignId, CampaignRequest Request) : ICommand<CampaignResponse>;

public sealed class UpdateCampaignValidator : AbstractValidator<UpdateCampaignCommand>
{
    public UpdateCampaignValidator() => CampaignRequests.Apply(this, c => c.Request);
}

public sealed class UpdateCampaignHandler(ILoyaltyDbContext db, ICacheGenerations generations, AuditTrail audit, EarningRulesCache cache, TimeProvider clock) : ICommandHandler<UpdateCampaignCommand, CampaignResponse>
{
    public async ValueTask<CampaignResponse> Handle(UpdateCampaignCommand command, CancellationToken cancellationToken)
    {
        var campaign = await db.Campaigns.SingleOrDefaultAsync(c => c.Id == command.CampaignId, cancellationToken) ?? throw CampaignRequests.NotFound();
        var definition = CampaignRequests.ToDefinition(command.Request);
        await CampaignRequests.CheckReferencesAsync(db, definition, cancellationToken);
        var now = clock.GetUtcNow();
        var before = CampaignRequests.ToResponse(campaign, now);
        CampaignRequests.EnsureNotEnded(campaign, now);
        campaign.Update(definition, now);
        var after = CampaignRequests.ToResponse(campaign, now);
        audit.Record(command.Actor, "campaign.updated", "campaign", campaign.Id, before, after);
        generations.Touch(CacheArea.EarningRules); // committed with the change; the other instances clear their copies within a second
        await db.SaveChangesAsync(cancellationToken);
        cache.Invalidate();
        return after;
    }
}
