using FluentValidation;
using Loyalty.Application.Abstractions;
using Loyalty.Application.Common;
using Loyalty.Application.Features.Financial.Policies;
using Loyalty.Application.Features.Structural.Partners;
using Loyalty.Contracts.Partner;
using Loyalty.Domain.Financial.Ledger;
using Loyalty.Domain.Financial.Policies;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Structural.Settlement;

/// <summary>
/// What a partner and the programme owe each other for [From, To): points earned at the partner's stores (Earn
/// entries, pending ones included, as they are issued when earned) less points taken back by returns there (Reverse
/// entries), against points paid at its tills (Redeem entries of captured redemptions). Holds, releases and
/// confirmations move no points between the two and are left out; so are bonuses (the programme's own gift) and
/// rewards (no till). Built from the ledger alone, so it reconciles with it exactly.
/// </summary>
public sealed record GetSettlementQuery(Guid PartnerId, DateTimeOffset? From, DateTimeOffset? To) : IQuery<SettlementResponse>;

public sealed class GetSettlementValidator : AbstractValidator<GetSettlementQuery>
{
    public const int MaxDays = 366;

    public GetSettlementValidator()
    {
        RuleFor(q => q.PartnerId).NotEmpty().WithMessage("partnerId is required.");
        RuleFor(q => q.From).NotNull().WithinDateBounds("from");
        RuleFor(q => q.To).NotNull().WithinDateBounds("to");
        RuleFor(q => q.To).GreaterThan(q => q.From).When(q => q.From is not null && q.To is not null).WithMessage("to must be after from.");
        RuleFor(q => q.To)
            .Must((q, to) => to!.Value - q.From!.Value <= TimeSpan.FromDays(MaxDays))
            .When(q => q.From is not null && q.To is not null)
            .WithMessage($"The period covers at most {MaxDays} days.");
    }
}

/// <remarks>
/// The ledger sums, the heavy part, read the reporting context (the read replica when configured); the partner, its
/// stores and the cached policy come from the primary, so a partner created a moment ago is found.
/// </remarks>
public sealed class GetSettlementHandler(ILoyaltyDbContext db, IReportingDbContext reports, PointsPolicyCache policies, TimeProvider clock) : IQueryHandler<GetSettlementQuery, SettlementResponse>
{
    public async ValueTask<SettlementResponse> Handle(GetSettlementQuery query, CancellationToken cancellationToken)
    {
        var partner = await PartnerLookup.FindAsync(db, query.PartnerId, cancellationToken);
        var from = query.From!.Value.ToUniversalTime();
        var to = query.To!.Value.ToUniversalTime();
        var policy = await policies.GetAsync(db, cancellationToken);

        var sums = await reports.LedgerEntries.AsNoTracking()
            .Where(e => e.PartnerId == partner.Id && e.OccurredAt >= from && e.OccurredAt < to
                && (e.Type == LedgerEntryType.Earn || e.Type == LedgerEntryType.Reverse || e.Type == LedgerEntryType.Redeem))
            .GroupBy(e => new { e.StoreId, e.Type })
            .Select(g => new { g.Key.StoreId, g.Key.Type, Points = g.Sum(e => e.Points + e.PendingPoints) })
            .ToListAsync(cancellationToken);
        var stores = await db.Stores.AsNoTracking().Where(s => s.PartnerId == partner.Id)
            .Select(s => new { s.Id, s.Code, s.Name }).ToListAsync(cancellationToken);

        long Sum(Guid? storeId, LedgerEntryType type) => sums.Where(s => s.StoreId == storeId && s.Type == type).Sum(s => s.Points);

        var lines = stores.OrderBy(s => s.Code, StringComparer.Ordinal)
            .Select(s => Line(policy, s.Id, s.Code, s.Name, Sum(s.Id, LedgerEntryType.Earn), -Sum(s.Id, LedgerEntryType.Reverse), -Sum(s.Id, LedgerEntryType.Redeem)))
            .ToList();

        // Entries naming the partner but none of its stores (not written today) still count, on a line of their own.
        var known = stores.Select(s => (Guid?)s.Id).ToHashSet();
        foreach (var storeId in sums.Select(s => s.StoreId).Where(id => !known.Contains(id)).Distinct())
        {
            lines.Add(Line(policy, storeId, null, null, Sum(storeId, LedgerEntryType.Earn), -Sum(storeId, LedgerEntryType.Reverse), -Sum(storeId, LedgerEntryType.Redeem)));
        }

        var totals = Line(policy, null, null, null, lines.Sum(l => l.PointsEarned), lines.Sum(l => l.PointsReversed), lines.Sum(l => l.PointsRedeemed));
        var direction = totals.NetAmount switch
        {
            > 0 => "partner_owes_programme",
            < 0 => "programme_owes_partner",
            _ => "even",
        };
        return new SettlementResponse(
            partner.Id, partner.Name, from, to, policy.PointValue, policy.PointValueCurrency, lines, totals, direction, Math.Abs(totals.NetAmount), clock.GetUtcNow());
    }

    private static SettlementLine Line(PointsPolicy policy, Guid? storeId, string? code, string? name, long earned, long reversed, long redeemed)
    {
        var issued = earned - reversed;
        var issuedValue = policy.ValueOf(issued).Amount;
        var redeemedValue = policy.ValueOf(redeemed).Amount;
        return new SettlementLine(storeId, code, name, earned, reversed, issued, redeemed, issuedValue, redeemedValue, issuedValue - redeemedValue);
    }
}
