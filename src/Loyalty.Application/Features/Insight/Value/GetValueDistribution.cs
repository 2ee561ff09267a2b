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
        // Stored with the run (at most 1,250 rows): deciles and RFM cells are sums over them.
        var stored = await db.RunValueCells.AsNoTracking().Where(c => c.RunId == run.Id).ToListAsync(cancellationToken);
        var deciles = stored.GroupBy(c => c.ValueDecile)
            .Select(g => new { Decile = g.Key, Members = (int)g.Sum(c => c.Members), Total = g.Sum(c => c.TotalValue), Min = g.Min(c => c.MinValue), Max = g.Max(c => c.MaxValue) });
        var cells = stored.GroupBy(c => (c.Recency, c.Frequency, c.Monetary))
            .Select(g => new { g.Key.Recency, g.Key.Frequency, g.Key.Monetary, Members = (int)g.Sum(c => c.Members) });
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
