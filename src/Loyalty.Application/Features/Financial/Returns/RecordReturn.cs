using FluentValidation;
using Loyalty.Application.Abstractions;
using Loyalty.Application.Common;
using Loyalty.Application.Errors;
using Loyalty.Application.Features.Customised.Offers;
using Loyalty.Application.Features.Financial.Ledger;
using Loyalty.Application.Features.Financial.Policies;
using Loyalty.Application.Features.Structural.Outbox;
using Loyalty.Contracts;
using Loyalty.Contracts.Events;
using Loyalty.Contracts.Partner;
using Loyalty.Domain.Financial.Ledger;
using Loyalty.Domain.Financial.Policies;
using Loyalty.Domain.Financial.Purchases;
using Mediator;
using Microsoft.EntityFrameworkCore;
using ReturnPolicy = Loyalty.Domain.Financial.Policies.ReturnPolicy;

namespace Loyalty.Application.Features.Financial.Returns;

/// <summary>
/// A partner reports goods of a purchase brought back: the member loses the returned share of the points that
/// purchase earned (personal-offer points included, like every other line of its breakdown), from its still-pending
/// points first, then as the programme's return policy says. A purchase returned in full gives back the personal-offer
/// uses it spent.
/// </summary>
public sealed record RecordReturnCommand(Guid PartnerId, string ExternalId, RecordReturnRequest Request) : ICommand<ReturnResponse>, ITransactionalCommand;

public sealed class RecordReturnValidator : AbstractValidator<RecordReturnCommand>
{
    public RecordReturnValidator()
    {
        RuleFor(c => c.Request.ReturnId).NotEmpty().MaximumLength(100);
        RuleFor(c => c.Request.Amount).GreaterThan(0).LessThanOrEqualTo(1_000_000m).PrecisionScale(18, 4, ignoreTrailingZeros: true).When(c => c.Request.Amount is not null);
        RuleFor(c => c.Request.Reason).MaximumLength(500);
    }
}

public sealed class RecordReturnHandler(ILoyaltyDbContext db, PointsLedger ledger, PointsPolicyCache policies, EventOutbox outbox, OfferEarning offers, TimeProvider clock)
    : ICommandHandler<RecordReturnCommand, ReturnResponse>
{
    public async ValueTask<ReturnResponse> Handle(RecordReturnCommand command, CancellationToken cancellationToken)
    {
        var request = command.Request;
        var externalId = command.ExternalId.Trim();
        var memberId = await PartnerPurchases.MemberOfAsync(db, command.PartnerId, externalId, cancellationToken);

        // Under the account lock, returns of this member's purchases run one at a time: the cumulative totals read
        // next are the last committed ones, so two partial returns can never both take the same points back.
        await ledger.LockAccountAsync(memberId, cancellationToken);
        var purchase = await db.Purchases.SingleAsync(p => p.PartnerId == command.PartnerId && p.ExternalId == externalId, cancellationToken);
        var returnId = request.ReturnId.Trim();
        if (await db.PurchaseReturns.AnyAsync(r => r.PurchaseId == purchase.Id && r.ReturnId == returnId, cancellationToken))
        {
            throw AlreadyRecorded(returnId);
        }

        var amount = purchase.ReturnAmount(request.Amount);
        var due = purchase.PointsDueOnReturn(amount);
        var policy = (await policies.GetAsync(db, cancellationToken)).ReturnPolicy;
        List<PointsLot> pendingLots = due == 0 ? [] : await db.PointsLots
            .Where(l => l.MemberId == memberId && l.PurchaseId == purchase.Id && l.IsPending && l.Remaining > 0)
            .OrderBy(l => l.Id)
            .ToListAsync(cancellationToken);
        var settlement = ReturnSettlement.Plan(due, pendingLots.Sum(l => l.Remaining), await ledger.AvailableAsync(memberId, cancellationToken), policy);

        var now = clock.GetUtcNow();
        purchase.RecordReturn(amount, settlement.Reversed, settlement.WrittenOff);
        var recorded = PurchaseReturn.Record(purchase, returnId, amount, settlement, policy, string.IsNullOrWhiteSpace(request.Reason) ? null : request.Reason.Trim(), now);
        db.PurchaseReturns.Add(recorded);
        if (purchase.ReturnedAmount == purchase.Amount)
        {
            await offers.ReturnedAsync(purchase, now, cancellationToken);
        }
        if (due > 0)
        {
            outbox.Add(
                new PointsReversedV1(
                    await db.Members.Where(m => m.Id == memberId).Select(m => m.MemberNumber).SingleAsync(cancellationToken),
                    purchase.Id,
                    externalId,
                    returnId,
                    amount,
                    purchase.Currency,
                    settlement.Reversed,
                    PendingPoints: settlement.FromPending,
                    WrittenOff: settlement.WrittenOff,
                    WireValue.Of<ReturnPolicyValue>(policy),
                    now),
                memberId,
                purchase.PartnerId);
        }

        await TakeBackAsync(purchase, recorded, settlement, pendingLots, policy, now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken); // the return itself, when no ledger call saved it
        return ReturnResponses.From(recorded, purchase);
    }

    private async Task TakeBackAsync(Purchase purchase, PurchaseReturn recorded, ReturnSettlement settlement, List<PointsLot> pendingLots, Domain.Financial.Policies.ReturnPolicy policy, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var references = new LedgerReferences(PartnerId: purchase.PartnerId, StoreId: purchase.StoreId, PurchaseId: purchase.Id, ReferenceId: recorded.Id);
        var description = $"Return {recorded.ReturnId} of purchase {purchase.ExternalId}";
        var fromPending = settlement.FromPending;
        foreach (var lot in pendingLots)
        {
            var take = Math.Min(fromPending, lot.Remaining);
            if (take == 0)
            {
                break;
            }

            await ledger.ReversePendingAsync(LedgerEntry.Create(purchase.MemberId, LedgerEntryType.Reverse, 0, description, now, references, pendingPoints: -take), lot, cancellationToken);
            fromPending -= take;
        }

        if (settlement.FromAvailable == 0)
        {
            return;
        }

        var reverse = LedgerEntry.Create(purchase.MemberId, LedgerEntryType.Reverse, -settlement.FromAvailable, description, now, references);
        if (policy == ReturnPolicy.AllowNegativeBalance)
        {
            await ledger.DebitAllowingNegativeAsync(reverse, cancellationToken); // later earnings pay the debt back first
        }
        else if (await ledger.TryDebitAsync(reverse, cancellationToken) is null)
        {
            // Planned within the available balance while holding the account lock: it cannot have shrunk.
            throw new InvalidOperationException($"The available balance of member {purchase.MemberId} changed under the account lock.");
        }
    }

    private static AppException AlreadyRecorded(string returnId) =>
        AppException.Conflict(ErrorCodes.ReturnAlreadyRecorded, $"Return '{returnId}' of this purchase was already recorded; a return is credited once.");
}
