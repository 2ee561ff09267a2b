using Loyalty.Application.Abstractions;
using Loyalty.Application.Errors;
using Loyalty.Application.Features.Financial.Ledger;
using Loyalty.Contracts.Partner;
using Loyalty.Domain.Financial.Ledger;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Financial.Redemptions;

/// <summary>The till calls a payment off: every held point goes back to the lot it came from, with its expiry date.</summary>
public sealed record CancelRedemptionCommand(Guid PartnerId, Guid RedemptionId) : ICommand<RedemptionResponse>, ITransactionalCommand;

public sealed class CancelRedemptionHandler(ILoyaltyDbContext db, PointsLedger ledger, TimeProvider clock)
    : ICommandHandler<CancelRedemptionCommand, RedemptionResponse>
{
    public async ValueTask<RedemptionResponse> Handle(CancelRedemptionCommand command, CancellationToken cancellationToken)
    {
        var memberId = await RedemptionResponses.MemberOfAsync(db, command.PartnerId, command.RedemptionId, cancellationToken);
        await ledger.LockAccountAsync(memberId, cancellationToken);
        var redemption = await db.Redemptions.SingleAsync(r => r.Id == command.RedemptionId, cancellationToken);
        var now = clock.GetUtcNow();
        if (redemption.CheckCancel(now) is { } refusal)
        {
            throw AppException.Conflict(refusal.Code, refusal.Message);
        }

        redemption.Cancel(now);
        var storeName = await RedemptionResponses.StoreNameAsync(db, redemption.StoreId, cancellationToken);
        var release = LedgerEntry.Create(
            memberId,
            LedgerEntryType.Release,
            redemption.Points,
            $"Payment at {storeName} cancelled",
            now,
            new LedgerReferences(PartnerId: redemption.PartnerId, StoreId: redemption.StoreId, RedemptionId: redemption.Id));
        var available = await ledger.ReleaseHoldAsync(release, redemption.Id, cancellationToken);
        return RedemptionResponses.From(redemption, await RedemptionResponses.MemberNumberAsync(db, memberId, cancellationToken), available, now);
    }
}
