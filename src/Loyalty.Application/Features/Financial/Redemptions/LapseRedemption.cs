using Loyalty.Application.Abstractions;
using Loyalty.Application.Features.Financial.Ledger;
using Loyalty.Domain.Financial.Ledger;
using Loyalty.Domain.Financial.Redemptions;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Financial.Redemptions;

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
