using Loyalty.Application.Abstractions;
using Loyalty.Contracts.Admin;
using Mediator;
using Microsoft.EntityFrameworkCore;
using DomainClass = Loyalty.Domain.Insight.Classes.MemberClass;

namespace Loyalty.Application.Features.Insight.Classes;

/// <summary>The loyal / general / drifting split of the latest run: in total, per tier (at the run) and per active segment (current members).</summary>
public sealed record GetClassSummaryQuery : IQuery<ClassSummaryResponse>;

public sealed class GetClassSummaryHandler(IReportingDbContext db) : IQueryHandler<GetClassSummaryQuery, ClassSummaryResponse>
{
    public async ValueTask<ClassSummaryResponse> Handle(GetClassSummaryQuery query, CancellationToken cancellationToken)
    {
        var run = await InsightViews.RequireLatestRunAsync(db, cancellationToken);
        var scores = db.MemberInsights.AsNoTracking().Where(i => i.RunId == run.Id);
        var byTier = await scores.GroupBy(i => new { i.TierId, i.Class }).Select(g => new { g.Key.TierId, g.Key.Class, Members = g.Count() }).ToListAsync(cancellationToken);
        var bySegment = await (from i in scores
                               join sm in db.SegmentMembers.AsNoTracking() on i.MemberId equals sm.MemberId
                               group i by new { sm.SegmentId, i.Class } into g
                               select new { g.Key.SegmentId, g.Key.Class, Members = g.Count() }).ToListAsync(cancellationToken);
        var tiers = await db.Tiers.AsNoTracking().OrderBy(t => t.Rank).Select(t => new { t.Id, t.Name }).ToListAsync(cancellationToken);
        var segments = await db.Segments.AsNoTracking().Where(s => s.ArchivedAt == null).OrderBy(s => s.Name).Select(s => new { s.Id, s.Name }).ToListAsync(cancellationToken);

        static ClassCounts Counts<T>(IEnumerable<T> rows, Func<T, DomainClass> cls, Func<T, int> n) => new(
            rows.Where(r => cls(r) == DomainClass.Loyal).Sum(n),
            rows.Where(r => cls(r) == DomainClass.General).Sum(n),
            rows.Where(r => cls(r) == DomainClass.Drifting).Sum(n));

        return new ClassSummaryResponse(
            run.Id,
            run.AsOf,
            Counts(byTier, r => r.Class, r => r.Members),
            [.. tiers.Select(t => new ClassCountsByTier(t.Id, t.Name, Counts(byTier.Where(r => r.TierId == t.Id), r => r.Class, r => r.Members)))],
            [.. segments.Select(s => new ClassCountsBySegment(s.Id, s.Name, Counts(bySegment.Where(r => r.SegmentId == s.Id), r => r.Class, r => r.Members)))]);
    }
}
