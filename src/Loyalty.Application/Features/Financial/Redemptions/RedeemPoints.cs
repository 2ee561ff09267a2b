using FluentValidation;
using Loyalty.Application.Abstractions;
using Loyalty.Application.Features.Financial.Ledger;
using Loyalty.Application.Features.Social.Members;
using Loyalty.Application.Features.Structural.Outbox;
using Loyalty.Application.Features.Structural.Stores;
using Loyalty.Contracts.Partner;
using Loyalty.Domain.Common;
using Loyalty.Domain.Financial.Ledger;
using Loyalty.Domain.Financial.Redemptions;
using Loyalty.Domain.Structural.Outbox;
using Mediator;

namespace Loyalty.Application.Features.Financial.Redemptions;

/// <summary>Pay with points at the till, in one step. The balance never goes below zero, however many tills race.</summary>
public sealed record RedeemPointsCommand(Guid PartnerId, RedeemPointsRequest Request) : ICommand<RedemptionResponse>, ITransactionalCommand;

public sealed class RedeemPointsValidator : AbstractValidator<RedeemPointsCommand>
{
    public RedeemPointsValidator()
    {
        RuleFor(c => c.Request.MemberNumber).MemberNumber();
        RuleFor(c => c.Request.StoreId).NotEmpty();
        RuleFor(c => c.Request.Points).GreaterThan(0).LessThanOrEqualTo(100_000_000);
        RuleFor(c => c.Request.Reference).MaximumLength(100);
    }
}

public sealed class RedeemPointsHandler(ILoyaltyDbContext db, PointsLedger ledger, EventOutbox outbox, TimeProvider clock) : ICommandHandler<RedeemPointsCommand, RedemptionResponse>
{
    public async ValueTask<RedemptionResponse> Handle(RedeemPointsCommand command, CancellationToken cancellationToken)
    {
        var request = command.Request;
        var store = await PartnerStores.FindActiveAsync(db, command.PartnerId, request.StoreId, cancellationToken);
        var member = await MemberLookup.FindByNumberAsync(db, request.MemberNumber, cancellationToken);
        member.EnsureCanTransact();

        var now = clock.GetUtcNow();
        var redemption = Redemption.Capture(member.Id, command.PartnerId, store.Id, request.Points, request.Reference?.Trim(), now);
        db.Redemptions.Add(redemption);
        var entry = LedgerEntry.Redeem(member.Id, request.Points, $"Paid with points at {store.Name}", now, command.PartnerId, store.Id, redemption.Id);
        outbox.Add(EventTypes.PointsRedeemed, member.Id, command.PartnerId, new { memberNumber = member.MemberNumber, redemptionId = redemption.Id, storeId = store.Id, points = redemption.Points, reference = redemption.Reference, occurredAt = now });
        var available = await ledger.TryDebitAsync(entry, cancellationToken)
            ?? throw new DomainException("insufficient_points", $"The member does not have {request.Points} points available.");

        return new RedemptionResponse(redemption.Id, member.MemberNumber, redemption.Points, redemption.Reference, available, now);
    }
}
