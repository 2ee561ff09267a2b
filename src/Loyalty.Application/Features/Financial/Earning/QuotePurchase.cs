using FluentValidation;
using Loyalty.Application.Abstractions;
using Loyalty.Application.Features.Social.Members;
using Loyalty.Application.Features.Structural.Stores;
using Loyalty.Contracts.Partner;
using Loyalty.Domain.Financial.Earning;
using Mediator;

namespace Loyalty.Application.Features.Financial.Earning;

/// <summary>The till asks what a basket would earn for a member at one of its stores; nothing is recorded.</summary>
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
        var store = await PartnerStores.FindActiveAsync(db, query.PartnerId, r.StoreId, cancellationToken);
        var (member, tier) = await MemberLookup.FindWithTierByNumberAsync(db, r.MemberNumber, cancellationToken);
        member.EnsureCanTransact();
        var at = r.PurchasedAt ?? clock.GetUtcNow();
        var rules = await engine.RulesForPurchaseAsync(cancellationToken);
        var basket = EarningEngine.BasketOf(r.Amount, r.Currency, r.Lines);
        var earned = await engine.CalculateAsync(rules, basket, EarningEngine.Facts(member, tier), member.Id, new EarningOccasion(at, query.PartnerId, store.Id), forUpdate: false, cancellationToken);
        return new EarnQuoteResponse(r.Amount, r.Currency, at, earned.TotalPoints, EarningEngine.ToResponse(earned.Lines));
    }
}
