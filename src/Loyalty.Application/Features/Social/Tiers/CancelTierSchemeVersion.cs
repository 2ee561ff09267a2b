using FluentValidation;
using Loyalty.Application.Abstractions;
using Loyalty.Application.Errors;
using Loyalty.Application.Features.Audit;
using Loyalty.Contracts;
using Loyalty.Contracts.Admin;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Social.Tiers;

/// <summary>Withdraws a version that has not taken effect yet; race-free against the job applying it.</summary>
public sealed record CancelTierSchemeVersionCommand(string Actor, Guid VersionId) : ICommand<TierSchemeVersionResponse>, ITransactionalCommand;

public sealed class CancelTierSchemeVersionHandler(ILoyaltyDbContext db, AuditTrail audit, TimeProvider clock) : ICommandHandler<CancelTierSchemeVersionCommand, TierSchemeVersionResponse>
{
    public async ValueTask<TierSchemeVersionResponse> Handle(CancelTierSchemeVersionCommand command, CancellationToken cancellationToken)
    {
        var version = await db.TierSchemeVersions.AsNoTracking().SingleOrDefaultAsync(v => v.Id == command.VersionId, cancellationToken)
            ?? throw AppException.NotFound(ErrorCodes.TierSchemeVersionNotFound, "No tier scheme version has this id.");
        var now = clock.GetUtcNow();
        var cancelled = await db.TierSchemeVersions.Where(v => v.Id == version.Id && v.AppliedAt == null && v.CancelledAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(v => v.CancelledAt, now).SetProperty(v => v.CancelledBy, command.Actor), cancellationToken);
        if (cancelled == 0)
        {
            throw TierSchemeService.VersionNotPending(version.Version);
        }

        var after = TierSchemeMapping.ToResponse(await db.TierSchemeVersions.AsNoTracking().SingleAsync(v => v.Id == version.Id, cancellationToken));
        audit.Record(command.Actor, "tier_scheme.cancelled", "tier_scheme_version", version.Id, TierSchemeMapping.ToResponse(version), after);
        await db.SaveChangesAsync(cancellationToken);
        return after;
    }
}
