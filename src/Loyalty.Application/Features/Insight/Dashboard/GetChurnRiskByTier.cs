using Loyalty.Application.Abstractions;
using Loyalty.Contracts.Admin;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Insight.Dashboard;

/// <summary>Churn risk by tier for the staff dashboard: members per risk band and the mean score, per tier at the latest run.</summary>
public sealed record GetChurnRiskByTierQuery : IQuery<ChurnRiskByTierResponse>;

public sealed class GetChurnRiskByTierHandler(IReportingDbContext db) : IQueryHandler<GetChurnRiskByTierQuery, ChurnRiskByTierResponse>
{
    /// <summary>Lower bound of the medium band.</summary>
    public const int MediumFrom = 25;

    /// <summary>Lower bound of the high band: the at-risk list's default threshold, so "high" here is who that list can show.</summary>
    public const int HighFrom = Churn.ListAtRiskMembersHandler.DefaultMinScore;

    public async ValueTask<ChurnRiskByTierResponse> Handle(GetChurnRiskByTierQuery query, CancellationToken cancellationToken)
    {
        var run = await InsightViews.RequireLatestRunAsync(db, cancellationToken);
        // One grouped scan of the run's scores; the bands are counted in the same pass.
        var rows = await db.MemberInsights.AsNoTracking().Where(i => i.RunId == run.Id)
            .GroupBy(i => i.TierId)
            .Select(g => new
            {
                TierId = g.Key,
                Members = g.Count(),
                Medium = g.Count(i => i.ChurnScore >= MediumFrom && i.ChurnScore < HighFrom),
                High = g.Count(i => i.ChurnScore >= HighFrom),
                ScoreSum = g.Sum(i => (long)i.ChurnScore),
            })
            .ToListAsync(cancellationToken);
        var tiers = await db.Tiers.AsNoTracking().OrderBy(t => t.Rank).Select(t => new { t.Id, t.Name }).ToListAsync(cancellationToken);
        return new ChurnRiskByTierResponse(
            run.Id,
            run.AsOf,
            [.. tiers.Select(t =>
            {
                var r = rows.SingleOrDefault(x => x.TierId == t.Id);
                return r is null
                    ? new ChurnRiskTier(t.Id, t.Name, 0, 0, 0, 0, null)
                    : new ChurnRiskTier(t.Id, t.Name, r.Members, r.Members - r.Medium - r.High, r.Medium, r.High, Math.Round((decimal)r.ScoreSum / r.Members, 1));
            })]);
    }
}
