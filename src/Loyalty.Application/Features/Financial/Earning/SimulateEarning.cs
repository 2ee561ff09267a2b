using FluentValidation;
using Loyalty.Application.Abstractions;
using Loyalty.Application.Errors;
using Loyalty.Application.Features.Social.Members;
using Loyalty.Contracts;
using Loyalty.Contracts.Admin;
using Loyalty.Contracts.Partner;
using Loyalty.Domain.Financial.Earning;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Financial.Earning;

/// <summary>Marketing staff try the programme: what would this basket earn at this store, for a member or a tier?</summary>
public sealed record SimulateEarningQuery(SimulateEarningRequest Request) : IQuery<EarnQuoteResponse>;

public sealed class SimulateEarningValidator : AbstractValidator<SimulateEarningQuery>
{
    public SimulateEarningValidator(TimeProvider clock)
    {
        RuleFor(c => c.Request.StoreId).NotEmpty();
        RuleFor(c => c.Request)
            .Must(r => (r.MemberNumber is null) != (r.TierId is null))
            .WithMessage("Give exactly one of memberNumber and tierId.")
            .OverridePropertyName("memberNumber");
        RuleFor(c => c.Request.MemberNumber!).MemberNumber().When(c => c.Request.MemberNumber is not null);
        BasketRules.Apply(this, c => c.Request.Amount, c => c.Request.Currency, c => c.Request.PurchasedAt, c => c.Request.Lines, clock);
    }
}

public sealed class SimulateEarningHandler(ILoyaltyDbContext db, EarningEngine engine, TimeProvider clock) : IQueryHandler<SimulateEarningQuery, EarnQuoteResponse>
{
    public async ValueTask<EarnQuoteResponse> Handle(SimulateEarningQuery query, CancellationToken cancellationToken)
    {
        var r = query.Request;
        var store = await db.Stores.AsNoTracking().SingleOrDefaultAsync(s => s.Id == r.StoreId, cancellationToken)
            ?? throw AppException.NotFound(ErrorCodes.StoreNotFound, "No store has this id.");
        var at = r.PurchasedAt ?? clock.GetUtcNow();

        EarningMember facts;
        Guid? memberId = null;
        if (r.MemberNumber is not null)
        {
            var (member, tier) = await MemberLookup.FindWithTierByNumberAsync(db, r.MemberNumber, cancellationToken);
            facts = EarningEngine.Facts(member, tier);
            memberId = member.Id;
        }
        else
        {
            var tier = await db.Tiers.AsNoTracking().SingleOrDefaultAsync(t => t.Id == r.TierId, cancellationToken)
                ?? throw AppException.NotFound(ErrorCodes.TierNotFound, "No tier has this id.");
            facts = new EarningMember(tier.Id, tier.Name, tier.EarnMultiplier, BirthDate: null, EnrolledAt: at);
        }

        var rules = await engine.RulesForPurchaseAsync(cancellationToken);
        var basket = EarningEngine.BasketOf(r.Amount, r.Currency, r.Lines);
        var earned = await engine.CalculateAsync(rules, basket, facts, memberId, new EarningOccasion(at, store.PartnerId, store.Id), forUpdate: false, cancellationToken);
        return new EarnQuoteResponse(r.Amount, r.Currency, at, earned.TotalPoints, EarningEngine.ToResponse(earned.Lines));
    }
}
