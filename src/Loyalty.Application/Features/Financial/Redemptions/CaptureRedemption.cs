using FluentValidation;
using Loyalty.Application.Abstractions;
using Loyalty.Application.Errors;
using Loyalty.Application.Features.Financial.Ledger;
using Loyalty.Application.Features.Structural.Outbox;
using Loyalty.Contracts.Events;
using Loyalty.Contracts.Partner;
using Loyalty.Domain.Financial.Ledger;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Financial.Redemptions;

/// <summary>
/// Pay with points, second step: the till takes all or part of the held points. The whole hold goes back to the
/// lots it came from (with their expiry dates) and the captured points are spent, in one transaction.
/// </summary>
public sealed record CaptureRedemptionCommand(Guid PartnerId, Guid RedemptionId, long? Points) : ICommand<RedemptionResponse>, ITransactionalCommand;

public sealed class CaptureRedemptionValidator : AbstractValidator<CaptureRedemptionCommand>
{
    public CaptureRedemptionValidator() => RuleFor(c => c.Points).GreaterThan(0).LessThanOrEqualTo(100_000_000).When(c => c.Points is not null);
}

public sealed class CaptureRedemptionHandler(ILoyaltyDbContext db, PointsLedger ledger, EventOutbox outbox, TimeProvider clock)
    : ICommandHandler<CaptureRedemptionCommand, RedemptionResponse>
{
    public async ValueTask<RedemptionResponse> Handle(CaptureRedemptionCommand command, CancellationToken cancellationToken)
    {
        var memberId = await RedemptionResponses.MemberOfAsync(db, command.PartnerId, command.RedemptionId, cancellationToken);

        // Account lock first, like every ledger call: a second capture, a cancel or the expiry job waits here and
        // then reads the status this one leaves.
        await ledger.LockAccountAsync(memberId, cancellationToken);
        var redemption = await db.Redemptions.SingleAsync(r => r.Id == command.RedemptionId, cancellationToken);
        var now = clock.GetUtcNow();
        if (redemption.CheckCapture(now) is { } refusal)
        {
            throw AppException.Conflict(refusal.Code, refusal.Message);
        }

        redemption.Capture(command.Points, now); // saved with the ledger entries, on condition it is still authorised
        var memberNumber = await RedemptionResponses.MemberNumberAsync(db, memberId, cancellationToken);
        var storeName = await RedemptionResponses.StoreNameAsync(db, redemption.StoreId, cancellationToken);
        var references = new LedgerReferences(PartnerId: redemption.PartnerId, StoreId: redemption.StoreId, RedemptionId: redemption.Id);
        outbox.Add(
            new PointsRedeemedV1(memberNumber, redemption.Id, redemption.StoreId, redemption.CapturedPoints, AuthorisedPoints: redemption.Points, redemption.Reference, now),
            memberId,
            redemption.PartnerId);

        await ledger.ReleaseHoldAsync(LedgerEntry.Create(memberId, LedgerEntryType.Release, redemption.Points, $"Hold released on capture at {storeName}", now, references), redemption.Id, cancellationToken);
        var spend = LedgerEntry.Redeem(memberId, redemption.CapturedPoints, $"Paid with points at {storeName}", now, redemption.PartnerId, redemption.StoreId, redemption.Id);

        // The released hold covers the capture unless a return has since pushed the balance below zero; a hold is a
        // promise to the till, so the capture is honoured then too, as if it had come before the return.
        var available = await ledger.TryDebitAsync(spend, cancellationToken) ?? await ledger.DebitAllowingNegativeAsync(spend, cancellationToken);
        return RedemptionResponses.From(redemption, memberNumber, available, now);
    }
}
