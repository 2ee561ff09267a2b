using FluentValidation;
using Loyalty.Application.Abstractions;
using Loyalty.Application.Features.Financial.Ledger;
using Loyalty.Application.Features.Financial.Returns;
using Loyalty.Contracts.Partner;
using Loyalty.Domain.Financial.Ledger;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Financial.Earning;

/// <summary>
/// The partner confirms an order (delivered, not returned): the points it earned become available now, whether
/// they were waiting for this confirmation or for the end of the pending period. Confirming again is harmless:
/// 200 with nothing confirmed.
/// </summary>
public sealed record ConfirmPurchaseCommand(Guid PartnerId, string ExternalId) : ICommand<PurchaseConfirmationResponse>, ITransactionalCommand;

public sealed class ConfirmPurchaseValidator : AbstractValidator<ConfirmPurchaseCommand>
{
    public ConfirmPurchaseValidator() => RuleFor(c => c.ExternalId).NotEmpty().MaximumLength(100);
}

public sealed class ConfirmPurchaseHandler(ILoyaltyDbContext db, PointsLedger ledger, TimeProvider clock) : ICommandHandler<ConfirmPurchaseCommand, PurchaseConfirmationResponse>
{
    public async ValueTask<PurchaseConfirmationResponse> Handle(ConfirmPurchaseCommand command, CancellationToken cancellationToken)
    {
        var externalId = command.ExternalId.Trim();
        var memberId = await PartnerPurchases.MemberOfAsync(db, command.PartnerId, externalId, cancellationToken);
        await ledger.LockAccountAsync(memberId, cancellationToken); // the pending lots read next cannot be confirmed or reversed meanwhile
        var purchase = await db.Purchases.AsNoTracking().SingleAsync(p => p.PartnerId == command.PartnerId && p.ExternalId == externalId, cancellationToken);
        var lots = await db.PointsLots
            .Where(l => l.MemberId == memberId && l.PurchaseId == purchase.Id && l.IsPending && l.Remaining > 0)
            .OrderBy(l => l.Id)
            .ToListAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var points = lots.Sum(l => l.Remaining);
        var available = points == 0
            ? await ledger.AvailableAsync(memberId, cancellationToken)
            : await ledger.ConfirmPendingAsync(
                LedgerEntry.Create(memberId, LedgerEntryType.Confirm, points, $"Order {externalId} confirmed", now, new LedgerReferences(PartnerId: purchase.PartnerId, StoreId: purchase.StoreId, PurchaseId: purchase.Id), pendingPoints: -points),
                lots,
                cancellationToken);
        var memberNumber = await db.Members.Where(m => m.Id == memberId).Select(m => m.MemberNumber).SingleAsync(cancellationToken);
        return new PurchaseConfirmationResponse(externalId, memberNumber, points, available, now);
    }
}
