using FluentValidation;
using Loyalty.Application.Abstractions;
using Loyalty.Application.Features.Customised.Offers;
using Loyalty.Application.Features.Social.Members;
using Loyalty.Contracts.Partner;
using Loyalty.Domain.Financial.Earning;
using Mediator;

namespace Loyalty.Application.Features.Financial.Earning;

/// <summary>
/// The till asks what a basket would earn for a member at one of its stores; nothing is recorded. The member's
/// personal offers are shown as the purchase would apply them (not claimed: a use is only spent by the purchase).
/// </summary>
public sealed record QuotePurchaseQuery(Guid PartnerId, QuotePurchaseRequest Request) : IQuery<EarnQuoteResponse>;

public sealed class QuotePurchaseValidator : AbstractValidator<QuotePurchaseQuery>
{
    public QuotePurchaseValidator(TimeProvider clock)
    {
        RuleFor(c => c.Request.MemberNumber).MemberNumber();
        RuleFor(c => c.Request.StoreId).NotEmpty();
        BasketRules.Apply(this, c => c.Request.Amount, c => c.Request.Currency, c => c.Request.PurchasedAt, c => c.Request.Lines, clock);
    }
}

public sealed class QuotePurchaseHandler(ILoyaltyDbContext db, EarningEngine engine, TimeProvider clock) : IQueryHandler<QuotePurchaseQuery, EarnQuoteResponse>
{
    public async ValueTask<EarnQuoteResponse> Handle(QuotePurchaseQuery query, CancellationToken cancellationToken)
    {
        var r = query.Request;
        var at = r.PurchasedAt ?? clock.GetUtcNow();
        var found = await PurchaseMember.FindAsync(db, query.PartnerId, r.StoreId, r.MemberNumber, externalId: null, at, cancellationToken);
        var store = found.Store;
        var member = found.Member;
        member.EnsureCanTransact();
        var rules = await engine.RulesForPurchaseAsync(cancellationToken);
        var basket = EarningEngine.BasketOf(r.Amount, r.Currency, r.Lines);
        var earned = await engine.CalculateAsync(rules, basket, EarningEngine.Facts(member, found.Tier), member.Id, new EarningOccasion(at, query.PartnerId, store.Id), forUpdate: false, cancellationToken);
        earned = OfferEarning.WithOffers(earned, OfferEarning.Applicable(found.Offers, basket, earned, at));
        return new EarnQuoteResponse(r.Amount, r.Currency, at, earned.TotalPoints, EarningEngine.ToResponse(earned.Lines));
    }
}
