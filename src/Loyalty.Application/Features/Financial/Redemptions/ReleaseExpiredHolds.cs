using Loyalty.Application.Abstractions;
using Loyalty.Application.Features.Financial.Ledger;
using Loyalty.Domain.Financial.Ledger;
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

/// <summary>
/// Releases one lapsed hold. Under the account lock it re-reads the redemption, and the status change is saved with
/// a condition on the old status (Status is a concurrency token): of two instances, one releases, the other finds
/// the redemption no longer authorised and does nothing. A capture or cancel in the same instant is ordered by the
/// same lock.
/// </summary>
public sealed record LapseRedemptionCommand(Guid RedemptionId) : ICommand<bool>, ITransactionalCommand;

public sealed class LapseRedemptionHandler(ILoyaltyDbContext db, PointsLedger ledger, TimeProvider clock) : ICommandHandler<LapseRedemptionCommand, bool>
{
    public async ValueTask<bool> Handle(LapseRedemptionCommand command, CancellationToken cancellationToken)
    {
        var memberId = await db.Redemptions.Where(r => r.Id == command.RedemptionId).Select(r => r.MemberId).SingleAsync(cancellationToken);
        await ledger.LockAccountAsync(memberId, cancellationToken);
        var redemption = await db.Redemptions.SingleAsync(r => r.Id == command.RedemptionId, cancellationToken);
        var now = clock.GetUtcNow();
        if (redemption.Status != RedemptionStatus.Authorised || now < redemption.ExpiresAt)
        {
            return false;
        }

        redemption.Lapse(now);
        var release = LedgerEntry.Create(
            memberId,
            LedgerEntryType.Release,
            redemption.Points,
            "Payment authorisation expired",
            now,
            new LedgerReferences(PartnerId: redemption.PartnerId, StoreId: redemption.StoreId, RedemptionId: redemption.Id));
        await ledger.ReleaseHoldAsync(release, redemption.Id, cancellationToken);
        return true;
    }
}
