using FluentValidation;
using Loyalty.Application.Abstractions;
using Loyalty.Application.Common;
using Loyalty.Contracts.Admin;
using Loyalty.Domain.Care.Cases;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Care.Cases;

/// <summary>
/// The care report over cases opened in [from, to): counts by category, mean hours to first response and to
/// resolution per tier (the tier when the case opened), mean hours per step number, the share answered within the
/// service level, escalations, and members with repeat complaints.
/// </summary>
public sealed record GetCaseReportQuery(DateTimeOffset From, DateTimeOffset To) : IQuery<CaseReportResponse>;

public sealed class GetCaseReportValidator : AbstractValidator<GetCaseReportQuery>
{
    public GetCaseReportValidator() => RuleFor(q => q.To).GreaterThan(q => q.From).WithMessage("to must be after from.");
}

public sealed class GetCaseReportHandler(IReportingDbContext db, TimeProvider clock) : IQueryHandler<GetCaseReportQuery, CaseReportResponse>
{
    public async ValueTask<CaseReportResponse> Handle(GetCaseReportQuery query, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var cases = await db.ServiceCases.AsNoTracking().Where(c => c.OpenedAt >= query.From && c.OpenedAt < query.To)
            .Select(c => new { c.Id, c.MemberId, c.TierId, c.Category, c.Status, c.OpenedAt, c.FirstResponseAt, c.ResolvedAt, c.ServiceLevelDueAt, c.EscalatedAt })
            .ToListAsync(cancellationToken);
        var ids = cases.Select(c => c.Id).ToList();
        var steps = await db.CaseSteps.AsNoTracking().Where(s => ids.Contains(s.CaseId) && s.CompletedAt != null)
            .Select(s => new { s.Number, s.SetAt, s.DueAt, CompletedAt = s.CompletedAt!.Value }).ToListAsync(cancellationToken);
        var tierIds = cases.Select(c => c.TierId).Distinct().ToList();
        var tiers = await db.Tiers.AsNoTracking().Where(t => tierIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => t.Name, cancellationToken);
        var memberIds = cases.GroupBy(c => c.MemberId).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        var numbers = await db.Members.AsNoTracking().Where(m => memberIds.Contains(m.Id)).ToDictionaryAsync(m => m.Id, m => m.MemberNumber, cancellationToken);

        static decimal Hours(TimeSpan span) => (decimal)span.TotalHours;

        // Within the service level, of the cases where it is decided: answered (in time or late) or already past due.
        decimal? Within<T>(IEnumerable<T> group, Func<T, DateTimeOffset> due, Func<T, DateTimeOffset?> responded)
        {
            var decided = group.Where(c => responded(c) is not null || due(c) < now).ToList();
            return decided.Count == 0 ? null : Math.Round((decimal)decided.Count(c => !ServiceLevel.IsBreached(due(c), responded(c), now)) / decided.Count, 4);
        }

        decimal? MeanHours(IEnumerable<TimeSpan> spans)
        {
            var list = spans.Select(Hours).ToList();
            return list.Count == 0 ? null : Math.Round(list.Average(), 2);
        }

        return new CaseReportResponse(
            query.From, query.To, cases.Count, cases.Count(c => c.Status == CaseStatus.Resolved), cases.Count(c => c.EscalatedAt is not null),
            Within(cases, c => c.ServiceLevelDueAt, c => c.FirstResponseAt),
            MeanHours(cases.Where(c => c.FirstResponseAt is not null).Select(c => c.FirstResponseAt!.Value - c.OpenedAt)),
            MeanHours(cases.Where(c => c.ResolvedAt is not null).Select(c => c.ResolvedAt!.Value - c.OpenedAt)),
            cases.GroupBy(c => c.Category).OrderBy(g => g.Key)
                .Select(g => new CaseCategoryCount(WireValue.Of<Contracts.Common.CaseCategory>(g.Key), g.Count(), g.Count(c => c.Status == CaseStatus.Resolved))).ToList(),
            cases.GroupBy(c => c.TierId).OrderBy(g => tiers.GetValueOrDefault(g.Key, ""), StringComparer.Ordinal)
                .Select(g => new CaseTierTimes(g.Key, tiers.GetValueOrDefault(g.Key, ""), g.Count(),
                    MeanHours(g.Where(c => c.FirstResponseAt is not null).Select(c => c.FirstResponseAt!.Value - c.OpenedAt)),
                    MeanHours(g.Where(c => c.ResolvedAt is not null).Select(c => c.ResolvedAt!.Value - c.OpenedAt)),
                    Within(g, c => c.ServiceLevelDueAt, c => c.FirstResponseAt))).ToList(),
            steps.GroupBy(s => s.Number).OrderBy(g => g.Key)
                .Select(g => new CaseStepTimes(g.Key, g.Count(), MeanHours(g.Select(s => s.CompletedAt - s.SetAt)), g.Count(s => s.CompletedAt > s.DueAt))).ToList(),
            cases.GroupBy(c => c.MemberId).Where(g => g.Count() > 1).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).Take(100)
                .Select(g => new RepeatComplainant(g.Key, numbers.GetValueOrDefault(g.Key, ""), g.Count())).ToList());
    }
}
