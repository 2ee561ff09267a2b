using Loyalty.Application.Abstractions;
using Loyalty.Application.Common;
using Loyalty.Application.Features.Financial.Ledger;
using Loyalty.Domain.Financial.Ledger;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Financial.Expiry;

/// <summary>
/// Makes pending points available once their pending period is over: one Confirm entry per member per run.
/// Lots awaiting the partner's confirmation (no date) are left alone. Returns the members whose points were released.
/// </summary>
public sealed record ReleasePendingPointsCommand(int MembersPerQuery = 500) : ICommand<int>;

/// <summary>
/// One transaction per member: lock the account first (a no-op UPDATE, the same row lock every balance change takes),
/// then read the member's due lots, so two runs at once cannot both release the same lots: the second waits on the
/// lock and then finds nothing pending.
/// </summary>
public sealed class ReleasePendingPointsHandler(ILoyaltyDbContext db, PointsLedger ledger, IWriteGate writeGate, TimeProvider clock) : ICommandHandler<ReleasePendingPointsCommand, int>
{
    public const string Description = "Points now available";

    public async ValueTask<int> Handle(ReleasePendingPointsCommand command, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(command.MembersPerQuery, 1);
        var now = clock.GetUtcNow();
        var released = 0;
        var seen = new HashSet<Guid>();
        while (true)
        {
            var members = await DueLots(now)
                .Where(l => l.Remaining > 0)
                .Select(l => l.MemberId)
                .Distinct()
                .OrderBy(id => id) // a defined batch: without it the database may hand back any members, in any order
                .Take(command.MembersPerQuery)
                .ToListAsync(cancellationToken);
            // A member already handled in this run shows up again only if another run holds them; leave them to it.
            members.RemoveAll(m => !seen.Add(m));
            if (members.Count == 0)
            {
                return released;
            }

            foreach (var memberId in members)
            {
                if (await ReleaseAsync(memberId, now, cancellationToken))
                {
                    released++;
                }
            }

            db.ChangeTracker.Clear();
        }
    }

    private IQueryable<PointsLot> DueLots(DateTimeOffset now) =>
        db.PointsLots.Where(l => l.IsPending && l.PendingUntil != null && l.PendingUntil <= now);

    private async Task<bool> ReleaseAsync(Guid memberId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var transaction = await WriteTransaction.BeginAsync(db, writeGate, cancellationToken);
        await ledger.LockAccountAsync(memberId, cancellationToken);
        var lots = await DueLots(now).Where(l => l.MemberId == memberId).OrderBy(l => l.Id).ToListAsync(cancellationToken);
        var total = lots.Sum(l => l.Remaining);
        if (total == 0)
        {
            return false; // released by another run meanwhile, or taken back by a return
        }

        var entry = LedgerEntry.Create(memberId, LedgerEntryType.Confirm, total, Description, now, pendingPoints: -total);
        await ledger.ConfirmPendingAsync(entry, lots, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }
}
