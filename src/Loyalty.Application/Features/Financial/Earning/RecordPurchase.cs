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
using Loyalty.Domain.Financial.Policies;
using Loyalty.Domain.Financial.Purchases;
using Loyalty.Domain.Social.Members;
using Loyalty.Domain.Structural.Outbox;
using Loyalty.Domain.Structural.Partners;
using Mediator;
using Microsoft.EntityFrameworkCore;

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

/// <summary>The basket rules every earn, quote and simulation applies.</summary>
public static class BasketRules
{
    public const int MaxLines = 500;

    public static void Apply<T>(
        AbstractValidator<T> v,
        Func<T, decimal> amount,
        Func<T, string> currency,
        Func<T, DateTimeOffset?> purchasedAt,
        Func<T, IReadOnlyList<PurchaseLineRequest>?> lines,
        TimeProvider clock)
    {
        v.RuleFor(x => amount(x)).GreaterThan(0).LessThanOrEqualTo(1_000_000m).PrecisionScale(18, 4, ignoreTrailingZeros: true).OverridePropertyName("amount");
        v.RuleFor(x => currency(x)).Must(Money.IsCurrencyCode).WithMessage("currency must be an ISO 4217 code such as EUR.").OverridePropertyName("currency");
        v.RuleFor(x => purchasedAt(x))
            .Must(at => at is null || at <= clock.GetUtcNow().AddMinutes(5))
            .WithMessage("purchasedAt cannot be in the future.")
            .OverridePropertyName("purchasedAt");
        v.RuleFor(x => lines(x))
            .Must(l => l is null || (l.Count is > 0 and <= MaxLines))
            .WithMessage($"lines, when given, hold 1–{MaxLines} basket lines.")
            .OverridePropertyName("lines");
        v.RuleForEach(x => lines(x)).NotNull().WithMessage("A basket line cannot be null.").ChildRules(line =>
        {
            line.RuleFor(l => l.Amount).GreaterThanOrEqualTo(0).PrecisionScale(18, 4, ignoreTrailingZeros: true);
            line.RuleFor(l => l.Quantity).GreaterThan(0).LessThanOrEqualTo(1_000_000m);
            line.RuleFor(l => l.Sku).MaximumLength(100);
            line.RuleFor(l => l.Category).MaximumLength(100);
        }).When(x => lines(x) is { Count: <= MaxLines }).OverridePropertyName("lines");
        v.RuleFor(x => x)
            .Must(x => lines(x) is not { Count: > 0 } l || l.Any(i => i is null) || l.Sum(i => i.Amount) == amount(x))
            .WithMessage("The amounts of lines must add up to amount.")
            .OverridePropertyName("lines");
    }
}

public sealed class RecordPurchaseHandler(ILoyaltyDbContext db, PointsLedger ledger, EarningEngine engine, PointsPolicyCache policies, EventOutbox outbox, IPublisher publisher, TimeProvider clock)
    : ICommandHandler<RecordPurchaseCommand, PurchaseResponse>
{
    public async ValueTask<PurchaseResponse> Handle(RecordPurchaseCommand command, CancellationToken cancellationToken)
    {
        var request = command.Request;
        var store = await PartnerStores.FindActiveAsync(db, command.PartnerId, request.StoreId, cancellationToken);

        // The member, their tier and whether this receipt was already recorded, in one round trip.
        var number = MemberLookup.Normalize(request.MemberNumber);
        var externalId = request.ExternalId.Trim();
        var found = await (from m in db.Members.AsNoTracking()
                           where m.MemberNumber == number
                           join t in db.Tiers.AsNoTracking() on m.TierId equals t.Id
                           select new { Member = m, Tier = t, Duplicate = db.Purchases.Any(p => p.PartnerId == command.PartnerId && p.ExternalId == externalId) })
                          .SingleOrDefaultAsync(cancellationToken)
            ?? throw MemberLookup.UnknownNumber();
        var member = found.Member;
        member.EnsureCanTransact();
        if (found.Duplicate)
        {
            throw AppException.Conflict("duplicate_transaction", $"Purchase '{externalId}' was already recorded; a receipt earns once.");
        }

        var now = clock.GetUtcNow();
        var purchasedAt = request.PurchasedAt ?? now;
        var rules = await engine.RulesForPurchaseAsync(cancellationToken);
        var basket = EarningEngine.BasketOf(request.Amount, request.Currency, request.Lines);
        var earned = await engine.CalculateAsync(
            rules, basket, EarningEngine.Facts(member, found.Tier), member.Id, new EarningOccasion(purchasedAt, command.PartnerId, store.Id), forUpdate: true, cancellationToken);

        var purchase = PurchaseEarning.Record(db, member.Id, command.PartnerId, store.Id, externalId, basket.Total, purchasedAt, now, earned);
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

/// <summary>The writes of an earning purchase, shared by the live purchase and the bulk import so both write the same rows.</summary>
public static class PurchaseEarning
{
    /// <summary>Adds the purchase and its earn breakdown to the unit of work.</summary>
    public static Purchase Record(ILoyaltyDbContext db, Guid memberId, Guid partnerId, Guid storeId, string externalId, Money total, DateTimeOffset purchasedAt, DateTimeOffset now, EarnCalculation earned)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(earned);
        var purchase = Purchase.Record(memberId, partnerId, storeId, externalId, total, purchasedAt, now, earned.TotalPoints);
        db.Purchases.Add(purchase);
        db.EarnBreakdownLines.AddRange(EarnBreakdownLine.ForPurchase(purchase, earned));
        return purchase;
    }

    /// <summary>How long the points of a purchase stay pending under the policy, or null when they are available at once.</summary>
    public static PendingTerms? PendingTermsFor(PointsPolicy policy, bool awaitConfirmation, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return awaitConfirmation ? new PendingTerms(null)
            : policy.PendingDays > 0 ? new PendingTerms(now.AddDays(policy.PendingDays))
            : null;
    }

    /// <summary>Adds the points-earned event and returns the ledger entry the ledger is to earn.</summary>
    public static LedgerEntry EarnEntry(EventOutbox outbox, Member member, Purchase purchase, Store store, IReadOnlyList<EarnLineResponse> breakdown, PendingTerms? pending, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(outbox);
        ArgumentNullException.ThrowIfNull(member);
        ArgumentNullException.ThrowIfNull(purchase);
        ArgumentNullException.ThrowIfNull(store);
        outbox.Add(EventTypes.PointsEarned, member.Id, purchase.PartnerId, new
        {
            memberNumber = member.MemberNumber,
            purchaseId = purchase.Id,
            externalId = purchase.ExternalId,
            storeId = store.Id,
            points = purchase.PointsEarned,
            pending = pending is not null,
            pendingUntil = pending?.Until,
            breakdown, // the same lines (rule id and version) as the response and the stored breakdown
            purchasedAt = purchase.PurchasedAt,
            occurredAt = now,
        });
        return LedgerEntry.Earn(member.Id, purchase.PointsEarned, $"Purchase {purchase.ExternalId} at {store.Name}", now, purchase.PartnerId, store.Id, purchase.Id);
    }
}
