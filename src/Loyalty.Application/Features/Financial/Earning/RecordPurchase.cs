using FluentValidation;
using Loyalty.Application.Abstractions;
using Loyalty.Application.Errors;
using Loyalty.Application.Features.Financial.Ledger;
using Loyalty.Application.Features.Financial.Policies;
using Loyalty.Application.Features.Social.Members;
using Loyalty.Application.Features.Structural.Outbox;
using Loyalty.Application.Features.Structural.Stores;
using Loyalty.Contracts.Common;
using Loyalty.Contracts.Partner;
using Loyalty.Domain.Common;
using Loyalty.Domain.Financial.Earning;
using Loyalty.Domain.Financial.Ledger;
using Loyalty.Domain.Financial.Purchases;
using Loyalty.Domain.Structural.Outbox;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Financial.Earning;

/// <summary>A partner reports a purchase; the member earns base rate × tier multiplier, rounded down.</summary>
public sealed record RecordPurchaseCommand(Guid PartnerId, RecordPurchaseRequest Request) : ICommand<PurchaseResponse>, ITransactionalCommand;

public sealed class RecordPurchaseValidator : AbstractValidator<RecordPurchaseCommand>
{
    public RecordPurchaseValidator(TimeProvider clock)
    {
        RuleFor(c => c.Request.MemberNumber).MemberNumber();
        RuleFor(c => c.Request.StoreId).NotEmpty();
        RuleFor(c => c.Request.ExternalId).NotEmpty().MaximumLength(100);
        RuleFor(c => c.Request.Amount).GreaterThan(0).LessThanOrEqualTo(1_000_000m).PrecisionScale(18, 4, ignoreTrailingZeros: true);
        RuleFor(c => c.Request.Currency).Must(Money.IsCurrencyCode).WithMessage("currency must be an ISO 4217 code such as EUR.");
        RuleFor(c => c.Request.PurchasedAt)
            .Must(at => at is null || at <= clock.GetUtcNow().AddMinutes(5))
            .WithMessage("purchasedAt cannot be in the future.");
    }
}

public sealed class RecordPurchaseHandler(ILoyaltyDbContext db, PointsLedger ledger, PointsPolicyCache policies, EventOutbox outbox, TimeProvider clock) : ICommandHandler<RecordPurchaseCommand, PurchaseResponse>
{
    public async ValueTask<PurchaseResponse> Handle(RecordPurchaseCommand command, CancellationToken cancellationToken)
    {
        var request = command.Request;
        var store = await PartnerStores.FindActiveAsync(db, command.PartnerId, request.StoreId, cancellationToken);
        var (member, tier) = await MemberLookup.FindWithTierByNumberAsync(db, request.MemberNumber, cancellationToken);
        member.EnsureCanTransact();

        var externalId = request.ExternalId.Trim();
        if (await db.Purchases.AnyAsync(p => p.PartnerId == command.PartnerId && p.ExternalId == externalId, cancellationToken))
        {
            throw AppException.Conflict("duplicate_transaction", $"Purchase '{externalId}' was already recorded; a receipt earns once.");
        }

        var rule = await db.EarningRules.AsNoTracking().Where(r => r.IsActive).OrderByDescending(r => r.CreatedAt).FirstOrDefaultAsync(cancellationToken)
            ?? throw AppException.Conflict("programme_not_configured", "No earning rule is configured yet.");

        var now = clock.GetUtcNow();
        var spend = new Money(request.Amount, request.Currency);
        var earned = PointsCalculator.Calculate(spend, rule, tier.Name, tier.EarnMultiplier);
        var purchase = Purchase.Record(member.Id, command.PartnerId, store.Id, externalId, spend, request.PurchasedAt ?? now, now, earned.TotalPoints, rule.Id);
        db.Purchases.Add(purchase);

        var policy = await policies.GetAsync(db, cancellationToken);
        PendingTerms? pending = request.AwaitConfirmation ? new PendingTerms(null)
            : policy.PendingDays > 0 ? new PendingTerms(now.AddDays(policy.PendingDays))
            : null;
        long available;
        if (earned.TotalPoints > 0)
        {
            var description = $"Purchase {externalId} at {store.Name}";
            outbox.Add(EventTypes.PointsEarned, member.Id, command.PartnerId, new
            {
                memberNumber = member.MemberNumber,
                purchaseId = purchase.Id,
                externalId,
                storeId = store.Id,
                points = earned.TotalPoints,
                pending = pending is not null,
                pendingUntil = pending?.Until,
                breakdown = earned.Lines,
                occurredAt = now,
            });
            available = await ledger.EarnAsync(LedgerEntry.Earn(member.Id, earned.TotalPoints, description, now, command.PartnerId, store.Id, purchase.Id), pending, cancellationToken);
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
            earned.Lines.Select(l => new EarnLineResponse(l.Rule, l.Description, l.Points)).ToList(),
            available,
            now,
            pending is not null && earned.TotalPoints > 0,
            earned.TotalPoints > 0 ? pending?.Until : null);
    }
}
