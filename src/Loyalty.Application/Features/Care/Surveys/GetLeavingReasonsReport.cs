using FluentValidation;
using Loyalty.Application.Abstractions;
using Loyalty.Application.Common;
using Loyalty.Contracts.Admin;
using Loyalty.Domain.Care.Surveys;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Care.Surveys;

/// <summary>Reasons for leaving given in [from, to): counts per reason by who gave it, and the latest free texts.</summary>
public sealed record GetLeavingReasonsReportQuery(DateTimeOffset From, DateTimeOffset To) : IQuery<LeavingReasonsReportResponse>;

public sealed class GetLeavingReasonsReportValidator : AbstractValidator<GetLeavingReasonsReportQuery>
{
    public GetLeavingReasonsReportValidator() => RuleFor(q => q.To).GreaterThan(q => q.From).WithMessage("to must be after from.");
}

public sealed class GetLeavingReasonsReportHandler(IReportingDbContext db) : IQueryHandler<GetLeavingReasonsReportQuery, LeavingReasonsReportResponse>
{
    public async ValueTask<LeavingReasonsReportResponse> Handle(GetLeavingReasonsReportQuery query, CancellationToken cancellationToken)
    {
        var inPeriod = db.LeavingReasons.AsNoTracking().Where(r => r.At >= query.From && r.At < query.To);
        var counts = await inPeriod.GroupBy(r => new { r.Reason, r.Source }).Select(g => new { g.Key.Reason, g.Key.Source, Count = g.Count() }).ToListAsync(cancellationToken);
        var texts = await inPeriod.Where(r => r.Text != null).OrderByDescending(r => r.At).ThenByDescending(r => r.Id).Take(50).ToListAsync(cancellationToken);
        var byReason = counts.GroupBy(c => c.Reason).OrderBy(g => g.Key)
            .Select(g =>
            {
                var self = g.Where(c => c.Source == LeavingReasonSource.Self).Sum(c => c.Count);
                var staff = g.Where(c => c.Source == LeavingReasonSource.Staff).Sum(c => c.Count);
                return new LeavingReasonCount(WireValue.Of<Contracts.Common.LeavingReason>(g.Key), self, staff, self + staff);
            }).ToList();
        return new LeavingReasonsReportResponse(query.From, query.To, byReason.Sum(r => r.Total), byReason,
            texts.Select(r => new LeavingReasonText(r.MemberId, WireValue.Of<Contracts.Common.LeavingReason>(r.Reason), WireValue.Of<Contracts.Common.LeavingReasonSource>(r.Source), r.Text!, r.At)).ToList());
    }
}
