using FluentValidation;
using Loyalty.Application.Abstractions;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Social.Tiers;

/// <summary>
/// Applies one due version. The claim is a conditional update (AppliedAt IS NULL): of two instances, or a cancel in
/// the same instant, one wins and the other changes nothing.
/// </summary>
public sealed record ApplyTierSchemeVersionCommand(Guid VersionId) : ICommand<bool>, ITransactionalCommand;

public sealed class ApplyTierSchemeVersionHandler(ILoyaltyDbContext db, TierSchemeService schemes, TimeProvider clock) : ICommandHandler<ApplyTierSchemeVersionCommand, bool>
{
    public async ValueTask<bool> Handle(ApplyTierSchemeVersionCommand command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var claimed = await db.TierSchemeVersions
            .Where(v => v.Id == command.VersionId && v.AppliedAt == null && v.CancelledAt == null && v.EffectiveFrom <= now)
            .ExecuteUpdateAsync(s => s.SetProperty(v => v.AppliedAt, now), cancellationToken);
        if (claimed == 0)
        {
            return false;
        }

        var version = await db.TierSchemeVersions.AsNoTracking().SingleAsync(v => v.Id == command.VersionId, cancellationToken);
        await schemes.ApplyAsync(TierSchemeService.ReadDefinition(version), version, version.CreatedBy, now, cancellationToken);
        return true;
    }
}
