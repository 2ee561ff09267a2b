using Loyalty.Application.Abstractions;
using Loyalty.Contracts.Admin;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Insight.Value;

/// <summary>How value is spread in the latest run: members and lifetime value per decile, members per RFM cell.</summary>
public sealed record GetValueDistributionQuery : IQuery<ValueDistributionResponse>;

public sealed class GetValueDistributionHandler(IReportingDbContext db) : IQueryHandler<GetValueDistributionQuery, ValueDistributionResponse>
{
    public async ValueTask<ValueDistributionResponse> Handle(GetValueDistributionQuery query, CancellationToken cancellationToken)
    {
        var run = await InsightViews.RequireLatestRunAsync(db, cancellationToken);
        var scores = db.MemberInsights.AsNoTracking().Where(i => i.RunId == run.Id);
        var deciles = await scores.GroupBy(i => i.ValueDecile)
            .Select(g => new { Decile = g.Key, Members = g.Count(), Total = g.Sum(i => i.LifetimeValue), Min = g.Min(i => i.LifetimeValue), Max = g.Max(i => i.LifetimeValue) })
            .ToListAsync(cancellationToken);
        var cells = await scores.GroupBy(i => new { i.Recency, i.Frequency, i.Monetary })
            .Select(g => new { g.Key.Recency, g.Key.Frequency, g.Key.Monetary, Members = g.Count() })
            .ToListAsync(cancellationToken);
        return new ValueDistributionResponse(
            run.Id,
            run.AsOf,
            run.Currency,
            run.Members,
            [.. deciles.OrderBy(d => d.Decile).Select(d => new ValueDecileBucket(d.Decile, d.Members, InsightViews.Money(d.Total), InsightViews.Money(d.Min), InsightViews.Money(d.Max)))],
            [.. cells.OrderByDescending(c => c.Recency).ThenByDescending(c => c.Frequency).ThenByDescending(c => c.Monetary)
                .Select(c => new RfmCellCount(c.Recency, c.Frequency, c.Monetary, c.Members))]);
    }
}
