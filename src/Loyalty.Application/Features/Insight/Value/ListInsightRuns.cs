using Loyalty.Application.Abstractions;
using Loyalty.Application.Common;
using Loyalty.Contracts.Admin;
using Loyalty.Contracts.Common;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Insight.Value;

/// <summary>The scoring runs, newest first: each is a snapshot that movement can be measured against.</summary>
public sealed record ListInsightRunsQuery(int? Limit = null, string? Cursor = null) : IQuery<Page<InsightRunResponse>>;

public sealed class ListInsightRunsHandler(ILoyaltyDbContext db) : IQueryHandler<ListInsightRunsQuery, Page<InsightRunResponse>>
{
    public async ValueTask<Page<InsightRunResponse>> Handle(ListInsightRunsQuery query, CancellationToken cancellationToken)
    {
        var limit = Paging.Limit(query.Limit);
        var runs = db.InsightRuns.AsNoTracking();
        if (Paging.DecodeLong(query.Cursor) is { } before)
        {
            runs = runs.Where(r => r.Number < before);
        }

        var rows = await runs.OrderByDescending(r => r.Number).Take(limit + 1).ToListAsync(cancellationToken);
        var numbers = rows.ToDictionary(r => r.Id, r => r.Number);
        return Paging.ToPage([.. rows.Select(r => r.ToResponse())], limit, r => numbers[r.Id]);
    }
}
