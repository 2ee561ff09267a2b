using FluentValidation;
using Loyalty.Application.Abstractions;
using Loyalty.Application.Features.Audit;
using Loyalty.Contracts.Admin;
using Loyalty.Domain.Financial.Earning;
using Mediator;

namespace Loyalty.Application.Features.Financial.Earning;

public sealed record CreateCampaignCommand(string Actor, CampaignRequest Request) : ICommand<CampaignResponse>;

public sealed class CreateCampaignValidator : AbstractValidator<CreateCampaignCommand>
{
    public CreateCampaignValidator() => CampaignRequests.Apply(this, c => c.Request);
}

public sealed class CreateCampaignHandler(ILoyaltyDbContext db, ICacheGenerations generations, AuditTrail audit, EarningRulesCache cache, TimeProvider clock) : ICommandHandler<CreateCampaignCommand, CampaignResponse>
{
    public async ValueTask<CampaignResponse> Handle(CreateCampaignCommand command, CancellationToken cancellationToken)
    {
        var definition = CampaignRequests.ToDefinition(command.Request);
        await CampaignRequests.CheckReferencesAsync(db, definition, cancellationToken);
        var now = clock.GetUtcNow();
        var campaign = Campaign.Create(definition, now);
        db.Campaigns.Add(campaign);
        var response = CampaignRequests.ToResponse(campaign, now);
        audit.Record<CampaignResponse>(command.Actor, "campaign.created", "campaign", campaign.Id, null, response);
        generations.Touch(CacheArea.EarningRules); // committed with the change; the other instances clear their copies within a second
        await db.SaveChangesAsync(cancellationToken);
        cache.Invalidate();
        return response;
    }
}
