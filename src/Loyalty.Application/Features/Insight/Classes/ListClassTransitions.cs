using Loyalty.Application.Abstractions;
using Loyalty.Application.Common;
using Loyalty.Contracts.Admin;
using Mediator;
using Microsoft.EntityFrameworkCore;
using WireClass = Loyalty.Contracts.Admin.MemberClass;

namespace Loyalty.Application.Features.Insight.Classes;

/// <summary>
/// Class movements over a period: the latest run at or before <c>to</c> (default: the latest) against the latest
/// run at or before <c>from</c> (default: the run before it). Members in the later run only count as from null.
/// </summary>
public sealed record ListClassTransitionsQuery(DateTimeOffset? From = null, DateTimeOffset? To = null) : IQuery<ClassTransitionsResponse>;

public sealed class ListClassTransitionsHandler(IReportingDbContext db) : IQueryHandler<ListClassTransitionsQuery, ClassTransitionsResponse>
{
    public async ValueTask<ClassTransitionsResponse> Handle(ListClassTransitionsQuery query, CancellationToken cancellationToken)
    {
        var runs = db.InsightRuns.AsNoTracking();
        var to = query.To is { } toAt
            ? await runs.Where(r => r.AsOf <= toAt).OrderByDescending(r => r.Number).FirstOrDefaultAsync(cancellationToken)
            : await runs.OrderByDescending(r => r.Number).FirstOrDefaultAsync(cancellationToken);
        if (to is null)
        {
            throw Errors.AppException.NotFound(Contracts.ErrorCodes.InsightNotComputed, "No insight run at or before that time.");
        }

        var from = query.From is { } fromAt
            ? await runs.Where(r => r.AsOf <= fromAt && r.Number < to.Number).OrderByDescending(r => r.Number).FirstOrDefaultAsync(cancellationToken)
            : await runs.Where(r => r.Number < to.Number).OrderByDescending(r => r.Number).FirstOrDefaultAsync(cancellationToken);

        var later = db.MemberInsights.AsNoTracking().Where(i => i.RunId == to.Id);
        var fromId = from?.Id ?? Guid.Empty;
        var moves = await (from l in later
                           join e in db.MemberInsights.AsNoTracking().Where(i => i.RunId == fromId) on l.MemberId equals e.MemberId into earlier
                           from e in earlier.DefaultIfEmpty()
                           group l by new { From = e == null ? (Domain.Insight.Classes.MemberClass?)null : e.Class, To = l.Class } into g
                           select new { g.Key.From, g.Key.To, Members = g.Count() }).ToListAsync(cancellationToken);
        return new ClassTransitionsResponse(
            from?.Id,
            from?.AsOf,
            to.Id,
            to.AsOf,
            [.. moves.OrderBy(m => m.From is null ? -1 : (int)m.From).ThenBy(m => m.To)
                .Select(m => new ClassTransitionCount(WireValue.OfNullable<WireClass>(m.From), WireValue.Of<WireClass>(m.To), m.Members))]);
    }
}
