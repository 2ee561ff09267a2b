using FluentValidation;
using Loyalty.Application.Abstractions;
using Loyalty.Application.Errors;
using Loyalty.Application.Features.Customised.Offers;
using Loyalty.Application.Features.Financial.Ledger;
using Loyalty.Application.Features.Financial.Policies;
using Loyalty.Application.Features.Social.Members;
using Loyalty.Application.Features.Structural.Outbox;
using Loyalty.Contracts;
using Loyalty.Contracts.Partner;
using Loyalty.Domain.Financial.Earning;
using Mediator;

namespace Loyalty.Application.Features.Financial.Earning;

/// <summary>A partner reports a purchase; the member earns what the active earning rules give, with the breakdown kept.</summary>
public sealed record RecordPurchaseCommand(Guid PartnerId, RecordPurchaseRequest Request) : ICommand<PurchaseResponse>, ITransactionalCommand;

public sealed class RecordPurchaseValidator : AbstractValidator<RecordPurchaseCommand>
{
    public RecordPurchaseValidator(TimeProvider clock)
    {
        RuleFor(c => c.Request.MemberNumber).MemberNumber();
        RuleFor(c => c.Request.StoreId).NotEmpty();
        RuleFor(c => c.Request.ExternalId).NotEmpty().MaximumLength(100);
        BasketRules.Apply(this, c => c.Request.Amount, c => c.Request.Currency, c => c.Request.PurchasedAt, c => c.Request.Lines, clock);
    }
}

public sealed class RecordPurchaseHandler(ILoyaltyDbContext db, PointsLedger ledger, EarningEngine engine, PointsPolicyCache policies, EventOutbox outbox, OfferEarning offers, IPublisher publisher, TimeProvider clock)
    : ICommandHandler<RecordPurchaseCommand, PurchaseResponse>
{
    public async ValueTask<PurchaseResponse> Handle(RecordPurchaseCommand command, CancellationToken cancellationToken)
    {
        var request = command.Request;
        // The store, the member, their tier, whether this receipt was already recorded and the personal offers this
        // purchase could use, in one round trip (the quote reads the same).
        var externalId = request.ExternalId.Trim();
        var now = clock.GetUtcNow();
        var purchasedAt = request.PurchasedAt ?? now;
        var found = await PurchaseMember.FindAsync(db, command.PartnerId, request.StoreId, request.MemberNumber, externalId, purchasedAt, cancellationToken);
        var store = found.Store;
        var member = found.Member;
        member.EnsureCanTransact();
        if (found.Duplicate)
        {
            throw AppException.Conflict(ErrorCodes.DuplicateTransaction, $"Purchase '{externalId}' was already recorded; a receipt earns once.");
        }

        var rules = await engine.RulesForPurchaseAsync(cancellationToken);
        var basket = EarningEngine.BasketOf(request.Amount, request.Currency, request.Lines);
        var earned = await engine.CalculateAsync(
            rules, basket, EarningEngine.Facts(member, found.Tier), member.Id, new EarningOccasion(purchasedAt, command.PartnerId, store.Id), forUpdate: true, cancellationToken);
        var claimed = await offers.ClaimAsync(member.Id, found.Offers, basket, earned, purchasedAt, now, cancellationToken);
        earned = OfferEarning.WithOffers(earned, claimed);

        var purchase = PurchaseEarning.Record(db, member.Id, command.PartnerId, store.Id, externalId, basket, purchasedAt, now, earned);
        await offers.RedeemedAsync(member, purchase, claimed, now, cancellationToken);
        var pending = PurchaseEarning.PendingTermsFor(await policies.GetAsync(db, cancellationToken), request.AwaitConfirmation, now);
        var breakdown = EarningEngine.ToResponse(earned.Lines);
        await publisher.Publish(new PurchaseRecorded(member, found.Tier, purchase, now), cancellationToken);
        long available;
        if (earned.TotalPoints > 0)
        {
            var entry = PurchaseEarning.EarnEntry(outbox, member, purchase, store, breakdown, pending, now);
            available = await ledger.EarnAsync(entry, pending, cancellationToken);
        }
        else
        {
            await db.SaveChangesAsync(cancellationToken);
            available = await ledger.AvailableAsync(member.Id, cancellationToken);
        }

        return new PurchaseResponse(
            purchase.Id,
            purchase.ExternalId,
            member.MemberNumber,
            purchase.Amount,
            purchase.Currency,
            earned.TotalPoints,
            breakdown,
            available,
            now,
            pending is not null && earned.TotalPoints > 0,
            earned.TotalPoints > 0 ? pending?.Until : null);
    }
}
