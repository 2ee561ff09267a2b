using FluentValidation;
using Loyalty.Application.Abstractions;
using Loyalty.Application.Common;
using Loyalty.Application.Features.Financial.Policies;
using Loyalty.Contracts.Admin;
using Loyalty.Domain.Financial.Ledger;
using Loyalty.Domain.Financial.Policies;
using Loyalty.Domain.Financial.Reporting;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Financial.Reports;

/// <summary>The points liability: balances now, by tier and by expiry month, and ledger movements per month of a period.</summary>
public sealed record GetLiabilityReportQuery(DateOnly? From, DateOnly? To) : IQuery<LiabilityReportResponse>;

public sealed class GetLiabilityReportValidator : AbstractValidator<GetLiabilityReportQuery>
{
    public const int MaxMonths = 60;

    public GetLiabilityReportValidator()
    {
        RuleFor(q => q.From).WithinDateBounds("from");
        RuleFor(q => q.To).WithinDateBounds("to");
        RuleFor(q => q.To).GreaterThanOrEqualTo(q => q.From).When(q => q.From is not null && q.To is not null).WithMessage("to must not be before from.");
        RuleFor(q => q.From)
            .Must((q, from) => from is null || q.To is null || !DateBounds.Contains(from) || from.Value.AddMonths(MaxMonths) > q.To.Value)
            .WithMessage($"The period covers at most {MaxMonths} months.");
    }
}

/// <remarks>Sums read the reporting context (the read replica when configured); the cached policy loads from the primary.</remarks>
public sealed class GetLiabilityReportHandler(ILoyaltyDbContext db, IReportingDbContext reports, ILiabilitySums sums, PointsPolicyCache policies, TimeProvider clock) : IQueryHandler<GetLiabilityReportQuery, LiabilityReportResponse>
{
    public async ValueTask<LiabilityReportResponse> Handle(GetLiabilityReportQuery query, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var to = query.To ?? today;
        var from = query.From ?? new DateOnly(to.Year, to.Month, 1).AddMonths(-11);
        var policy = await policies.GetAsync(db, cancellationToken);

        var tiers = await (from a in reports.PointsAccounts.AsNoTracking()
                           join m in reports.Members.AsNoTracking() on a.MemberId equals m.Id
                           join t in reports.Tiers.AsNoTracking() on m.TierId equals t.Id
                           group a by new { t.Name, t.Rank } into g
                           select new
                           {
                               g.Key.Name,
                               g.Key.Rank,
                               Members = g.Count(),
                               Available = g.Sum(a => a.Available),
                               Pending = g.Sum(a => a.Pending),
                               Held = g.Sum(a => a.Held),
                           }).ToListAsync(cancellationToken);
        var byTier = tiers.OrderBy(t => t.Rank)
            .Select(t => new TierLiability(t.Name, t.Rank, Balance(policy, t.Members, t.Available, t.Pending, t.Held)))
            .ToList();
        var outstanding = Balance(
            policy,
            byTier.Sum(t => t.Balance.Members),
            byTier.Sum(t => t.Balance.Available),
            byTier.Sum(t => t.Balance.Pending),
            byTier.Sum(t => t.Balance.Held));

        var start = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var end = new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var months = await sums.MovementsByMonthAsync(start, end, cancellationToken);
        var monthly = new List<LiabilityMovements>();
        for (var month = new DateOnly(from.Year, from.Month, 1); month <= to; month = month.AddMonths(1))
        {
            var key = month.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
            monthly.Add(Movements(key, LedgerMovements.From(months.Where(r => r.Month == key).Select(r => (Parse(r.Type), r.Points)))));
        }

        var period = LedgerMovements.From(months.Select(r => (Parse(r.Type), r.Points)));
        var lifetime = await reports.LedgerEntries.AsNoTracking().GroupBy(e => e.Type)
            .Select(g => new { Type = g.Key, Points = g.Sum(e => e.Points + e.PendingPoints) }).ToListAsync(cancellationToken);

        return new LiabilityReportResponse(
            now,
            from,
            to,
            policy.PointValue,
            policy.PointValueCurrency,
            outstanding,
            byTier,
            await ByExpiryMonthAsync(policy, cancellationToken),
            monthly,
            Movements("period", period),
            Movements("lifetime", LedgerMovements.From(lifetime.Select(r => (r.Type, r.Points)))));
    }

    private static LiabilityBalance Balance(PointsPolicy policy, int members, long available, long pending, long held)
    {
        var points = available + pending + held;
        return new LiabilityBalance(members, available, pending, held, points, policy.ValueOf(points).Amount);
    }

    private static LiabilityMovements Movements(string period, LedgerMovements m) =>
        new(period, m.Issued, m.Redeemed, m.Expired, m.Reversed, m.Adjusted, m.Held, m.Transferred, m.Net, m.BreakageRate, m.Forfeited);

    private static LedgerEntryType Parse(string type) => Enum.Parse<LedgerEntryType>(type);

    private async Task<List<ExpiryMonthLiability>> ByExpiryMonthAsync(PointsPolicy policy, CancellationToken cancellationToken)
    {
        var rows = await sums.RemainingByExpiryMonthAsync(cancellationToken);
        return rows
            .OrderBy(r => r.Month is null) // "never" last
            .ThenBy(r => r.Month, StringComparer.Ordinal)
            .Select(r => new ExpiryMonthLiability(r.Month ?? "never", r.Available, r.Pending, r.Available + r.Pending, policy.ValueOf(r.Available + r.Pending).Amount))
            .ToList();
    }
}
