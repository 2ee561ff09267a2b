using Loyalty.Application.Abstractions;
using Loyalty.Application.Errors;
using Loyalty.Application.Features.Audit;
using Loyalty.Contracts;
using Loyalty.Contracts.Admin;
using Loyalty.Domain.Customised.AccountManagers;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Customised.AccountManagers;

/// <summary>Makes priority service a benefit of a tier (or stops it): every member in the tier is then priority.</summary>
public sealed record SetTierPriorityCommand(string Actor, Guid TierId, TierPriorityRequest Request) : ICommand<TierPriorityResponse>, ITransactionalCommand;

public sealed class SetTierPriorityHandler(ILoyaltyDbContext db, AuditTrail audit, TimeProvider clock) : ICommandHandler<SetTierPriorityCommand, TierPriorityResponse>
{
    public async ValueTask<TierPriorityResponse> Handle(SetTierPriorityCommand command, CancellationToken cancellationToken)
    {
        var tier = await db.Tiers.AsNoTracking().SingleOrDefaultAsync(t => t.Id == command.TierId, cancellationToken)
                   ?? throw AppException.NotFound(ErrorCodes.UnknownTier, "No tier has this id.");
        var flag = await db.PriorityServiceTiers.SingleOrDefaultAsync(p => p.TierId == tier.Id, cancellationToken);
        if (command.Request.Priority && flag is null)
        {
            db.PriorityServiceTiers.Add(PriorityServiceTier.Flag(tier.Id, command.Actor, clock.GetUtcNow()));
        }
        else if (!command.Request.Priority && flag is not null)
        {
            db.PriorityServiceTiers.Remove(flag);
        }

        audit.Record<object>(command.Actor, "tier.priority_service_changed", "tier", tier.Id, new { priority = flag is not null }, new { priority = command.Request.Priority });
        await db.SaveChangesAsync(cancellationToken);
        return new TierPriorityResponse(tier.Id, tier.Name, command.Request.Priority, tier.SupportResponseHours);
    }
}
