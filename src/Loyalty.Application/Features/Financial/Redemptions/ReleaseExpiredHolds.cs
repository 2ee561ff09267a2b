using Loyalty.Application.Abstractions;
using Loyalty.Domain.Financial.Redemptions;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Financial.Redemptions;

/// <summary>
/// The background job's work: authorisations past their time lapse and their points go back. Each one in its own
/// transaction, so a busy account delays only its own hold; safe on several instances at once (see <see cref="LapseRedemptionCommand"/>).
/// </summary>
public sealed record ReleaseExpiredHoldsCommand(int BatchSize = 200) : ICommand<int>;

public sealed class ReleaseExpiredHoldsHandler(ILoyaltyDbContext db, ISender sender, TimeProvider clock) : ICommandHandler<ReleaseExpiredHoldsCommand, int>
{
    public async ValueTask<int> Handle(ReleaseExpiredHoldsCommand command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var due = await db.Redemptions.AsNoTracking()
            .Where(r => r.Status == RedemptionStatus.Authorised && r.ExpiresAt <= now)
            .OrderBy(r => r.ExpiresAt)
            .Take(command.BatchSize)
            .Select(r => r.Id)
            .ToListAsync(cancellationToken);
        var released = 0;
        foreach (var id in due)
        {
            // Lots tracked by an earlier lapse of the same member are stale once another instance has released a
            // hold on them: writing them back would lose that release. Each lapse reads afresh.
            db.ChangeTracker.Clear();
            if (await sender.Send(new LapseRedemptionCommand(id), cancellationToken))
            {
                released++;
            }
        }

        return released;
    }
}
