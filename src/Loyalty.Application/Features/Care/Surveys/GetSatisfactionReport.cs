using FluentValidation;
using Loyalty.Application.Abstractions;
using Loyalty.Application.Common;
using Loyalty.Contracts.Admin;
using Loyalty.Domain.Care.Surveys;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Care.Surveys;

/// <summary>
/// Satisfaction over surveys answered in [from, to): NPS, mean CSAT and, per service dimension, mean expected, mean
/// perceived and the gap (perceived − expected) — overall, per touchpoint and per tier (the tier when answered).
/// </summary>
public sealed record GetSatisfactionReportQuery(DateTimeOffset From, DateTimeOffset To) : IQuery<SatisfactionReportResponse>;

public sealed class GetSatisfactionReportValidator : AbstractValidator<GetSatisfactionReportQuery>
{
    public GetSatisfactionReportValidator() => RuleFor(q => q.To).GreaterThan(q => q.From).WithMessage("to must be after from.");
}

public sealed class GetSatisfactionReportHandler(IReportingDbContext db) : IQueryHandler<GetSatisfactionReportQuery, SatisfactionReportResponse>
{
    public async ValueTask<SatisfactionReportResponse> Handle(GetSatisfactionReportQuery query, CancellationToken cancellationToken)
    {
        var requested = await db.Surveys.CountAsync(s => s.RequestedAt >= query.From && s.RequestedAt < query.To, cancellationToken);
        var answers = await db.Surveys.AsNoTracking().Where(s => s.AnsweredAt >= query.From && s.AnsweredAt < query.To)
            .Select(s => new Answer(s.Id, s.Touchpoint, s.TierId, s.Csat!.Value, s.Nps!.Value)).ToListAsync(cancellationToken);
        var ids = answers.Select(a => a.Id).ToList();
        var dimensions = (await db.SurveyDimensionAnswers.AsNoTracking().Where(d => ids.Contains(d.SurveyId)).ToListAsync(cancellationToken)).ToLookup(d => d.SurveyId);
        var tierIds = answers.Select(a => a.TierId).Distinct().ToList();
        var tiers = await db.Tiers.AsNoTracking().Where(t => tierIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => t.Name, cancellationToken);

        List<DimensionGap> Gaps(IEnumerable<Answer> group) =>
            group.SelectMany(a => dimensions[a.Id]).GroupBy(d => d.Dimension, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g =>
                {
                    var pairs = g.Select(d => (d.Expected, d.Perceived)).ToList();
                    return new DimensionGap(g.Key, pairs.Count, SurveyRules.Mean(pairs.Select(p => p.Expected).ToList()), SurveyRules.Mean(pairs.Select(p => p.Perceived).ToList()), SurveyRules.Gap(pairs));
                }).ToList();

        SatisfactionGroup Group(string key, List<Answer> group) =>
            new(key, group.Count, SurveyRules.NetPromoterScore(group.Select(a => a.Nps).ToList()), SurveyRules.Mean(group.Select(a => a.Csat).ToList()), Gaps(group));

        return new SatisfactionReportResponse(query.From, query.To, requested, answers.Count,
            SurveyRules.NetPromoterScore(answers.Select(a => a.Nps).ToList()), SurveyRules.Mean(answers.Select(a => a.Csat).ToList()), Gaps(answers),
            answers.GroupBy(a => a.Touchpoint).OrderBy(g => g.Key).Select(g => Group(WireValue.Name(g.Key), g.ToList())).ToList(),
            answers.GroupBy(a => a.TierId).Select(g => Group(tiers.GetValueOrDefault(g.Key, g.Key.ToString()), g.ToList())).OrderBy(g => g.Key, StringComparer.Ordinal).ToList());
    }

    private sealed record Answer(Guid Id, SurveyTouchpoint Touchpoint, Guid TierId, int Csat, int Nps);
}
