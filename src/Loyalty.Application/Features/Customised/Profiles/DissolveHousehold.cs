using Loyalty.Application.Abstractions;
using Loyalty.Application.Features.Audit;
using Loyalty.Contracts.Admin;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Customised.Profiles;

/// <summary>Unlinks every member of a household and removes it. Audited.</summary>
public sealed record DissolveHouseholdCommand(string Actor, Guid HouseholdId) : ICommand<Unit>, ITransactionalCommand;

public sealed class DissolveHouseholdHandler(ILoyaltyDbContext db, AuditTrail audit, TimeProvider clock) : ICommandHandler<DissolveHouseholdCommand, Unit>
{
    public async ValueTask<Unit> Handle(DissolveHouseholdCommand command, CancellationToken cancellationToken)
    {
        var household = await HouseholdComposer.FindAsync(db, command.HouseholdId, cancellationToken);
        var before = await HouseholdComposer.ResponseAsync(db, household, cancellationToken);
        await Dissolve(db, household, clock.GetUtcNow(), cancellationToken);
        audit.Record<HouseholdResponse>(command.Actor, "household.dissolved", "household", household.Id, before, null);
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }

    /// <summary>Members leave, then the household row goes (saved by the caller).</summary>
    internal static async Task Dissolve(ILoyaltyDbContext db, Domain.Customised.Profiles.Household household, DateTimeOffset now, CancellationToken cancellationToken)
    {
        foreach (var profile in await db.MemberProfiles.Where(p => p.HouseholdId == household.Id).ToListAsync(cancellationToken))
        {
            profile.LeaveHousehold(now);
        }

        await db.SaveChangesAsync(cancellationToken);
        db.Households.Remove(household);
    }
}
