using Loyalty.Application.Abstractions;
using Loyalty.Application.Common;
using Loyalty.Contracts.Admin;
using Mediator;
using Microsoft.EntityFrameworkCore;
using DomainKind = Loyalty.Domain.Insight.Retention.RetentionActionKind;
using DomainOutcome = Loyalty.Domain.Insight.Retention.RetentionOutcome;

namespace Loyalty.Application.Features.Insight.Retention;

/// <summary>Which kinds of retention action work: per kind, actions taken in the period and the share of judged ones after which the member came back.</summary>
public sealed record GetRetentionReportQuery(DateTimeOffset? From = null, DateTimeOffset? To = null) : IQuery<RetentionReportResponse>;

public sealed class GetRetentionReportHandler(IReportingDbContext db) : IQueryHandler<GetRetentionReportQuery, RetentionReportResponse>
{
    public async ValueTask<RetentionReportResponse> Handle(GetRetentionReportQuery query, CancellationToken cancellationToken)
    {
        var actions = db.RetentionActions.AsNoTracking();
        if (query.From is { } from)
        {
            actions = actions.Where(a => a.TakenAt >= from);
        }

        if (query.To is { } to)
        {
            actions = actions.Where(a => a.TakenAt < to);
        }

        var counts = await actions.GroupBy(a => new { a.Kind, a.Outcome }).Select(g => new { g.Key.Kind, g.Key.Outcome, Count = g.Count() }).ToListAsync(cancellationToken);
        return new RetentionReportResponse(query.From, query.To, [.. Enum.GetValues<DomainKind>().Select(kind =>
        {
            int Of(DomainOutcome outcome) => counts.Where(c => c.Kind == kind && c.Outcome == outcome).Sum(c => c.Count);
            int pending = Of(DomainOutcome.Pending), returned = Of(DomainOutcome.Returned), notReturned = Of(DomainOutcome.NotReturned);
            var judged = returned + notReturned;
            return new RetentionKindReport(WireValue.Of<RetentionActionKind>(kind), pending + judged, pending, returned, notReturned, judged == 0 ? null : returned / (double)judged);
        })]);
    }
}
