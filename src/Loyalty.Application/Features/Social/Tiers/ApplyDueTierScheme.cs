using FluentValidation;
using Loyalty.Application.Abstractions;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Social.Tiers;

/// <summary>The job's work: applies the version whose date has come, if any.</summary>
public sealed record ApplyDueTierSchemeCommand : ICommand<int>;

public sealed class ApplyDueTierSchemeHandler(ILoyaltyDbContext db, ISender sender, TimeProvider clock) : ICommandHandler<ApplyDueTierSchemeCommand, int>
{
    public async ValueTask<int> Handle(ApplyDueTierSchemeCommand command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var due = await db.TierSchemeVersions.AsNoTracking()
            .Where(v => v.AppliedAt == null && v.CancelledAt == null && v.EffectiveFrom <= now)
            .OrderBy(v => v.Version).Select(v => v.Id).ToListAsync(cancellationToken);
        var applied = 0;
        foreach (var id in due)
        {
            if (await sender.Send(new ApplyTierSchemeVersionCommand(id), cancellationToken))
            {
                applied++;
            }
        }

        return applied;
    }
}
