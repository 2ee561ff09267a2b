using FluentValidation;
using Loyalty.Application.Abstractions;
using Loyalty.Contracts.Admin;
using Loyalty.Domain.Insight.Health;
using Mediator;
using Microsoft.EntityFrameworkCore;
using WireChannel = Loyalty.Contracts.Common.EnrolmentChannel;

namespace Loyalty.Application.Features.Insight.Health;

/// <summary>
/// Programme health per calendar month from <paramref name="From"/> to <paramref name="To"/> ('yyyy-MM', both
/// included; default the twelve months up to the current one), read from the monthly rows the insight refresh
/// stores: a range reads at most 36 rows and their acquisitions, whatever the size of the programme.
/// </summary>
public sealed record GetProgrammeHealthQuery(string? From, string? To) : IQuery<ProgrammeHealthResponse>;

public sealed class GetProgrammeHealthValidator : AbstractValidator<GetProgrammeHealthQuery>
{
    public GetProgrammeHealthValidator()
    {
        RuleFor(q => q.From).Must(m => m is null || HealthMeasures.Parse(m) is not null).WithMessage("from is a month, yyyy-MM.");
        RuleFor(q => q.To).Must(m => m is null || HealthMeasures.Parse(m) is not null).WithMessage("to is a month, yyyy-MM.");
        RuleFor(q => q.To)
            .Must((q, to) => HealthMeasures.Parse(to) >= HealthMeasures.Parse(q.From))
            .When(q => HealthMeasures.Parse(q.From) is not null && HealthMeasures.Parse(q.To) is not null)
            .WithMessage("to must not be before from.");
        RuleFor(q => q.From)
            .Must((q, from) => HealthMeasures.Parse(q.To)!.Value - HealthMeasures.Parse(from)!.Value < HealthMeasures.MaxMonths)
            .When(q => HealthMeasures.Parse(q.From) is not null && HealthMeasures.Parse(q.To) is not null)
            .WithMessage($"The range covers at most {HealthMeasures.MaxMonths} months.");
    }
}

public sealed class GetProgrammeHealthHandler(IReportingDbContext db, TimeProvider clock) : IQueryHandler<GetProgrammeHealthQuery, ProgrammeHealthResponse>
{
    public const int DefaultMonths = 12;

    public async ValueTask<ProgrammeHealthResponse> Handle(GetProgrammeHealthQuery query, CancellationToken cancellationToken)
    {
        var (from, to) = Range(query, HealthMeasures.IndexOf(clock.GetUtcNow()));
        var keys = Enumerable.Range(from, to - from + 1).Select(HealthMeasures.Key).ToList();
        var stored = await db.ProgrammeHealthMonths.AsNoTracking().Where(m => keys.Contains(m.Month)).ToDictionaryAsync(m => m.Month, cancellationToken);
        var acquisitions = await db.ProgrammeHealthAcquisitions.AsNoTracking().Where(a => keys.Contains(a.Month)).ToListAsync(cancellationToken);
        var campaignIds = acquisitions.Where(a => a.Source == AcquisitionSource.Campaign).Select(a => Guid.Parse(a.Key)).Distinct().ToList();
        var names = await db.Campaigns.AsNoTracking().Where(c => campaignIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Name, cancellationToken);

        return new ProgrammeHealthResponse(HealthMeasures.Key(from), HealthMeasures.Key(to), [.. keys.Select(key =>
        {
            var row = stored.GetValueOrDefault(key);
            var c = row?.Counts ?? HealthCounts.None;
            var joined = acquisitions.Where(a => a.Month == key).ToList();
            return new ProgrammeHealthMonthResponse(
                key,
                row is not null,
                row?.ComputedAt,
                c.ActiveMembers,
                c.PreviousActiveMembers,
                c.RetainedMembers,
                HealthMeasures.Retention(c),
                HealthMeasures.Churn(c),
                c.RepeatBuyers,
                HealthMeasures.RepeatRate(c),
                c.Visits,
                new NewMembersFigures(
                    c.NewMembers,
                    c.NewReferred,
                    [.. joined.Where(a => a.Source == AcquisitionSource.Channel).OrderBy(a => a.Key, StringComparer.Ordinal)
                        .Select(a => new ChannelCount(Enum.Parse<WireChannel>(a.Key), a.Members))],
                    [.. joined.Where(a => a.Source == AcquisitionSource.Campaign).OrderByDescending(a => a.Members).ThenBy(a => a.Key, StringComparer.Ordinal)
                        .Select(a => new CampaignCount(Guid.Parse(a.Key), names.GetValueOrDefault(Guid.Parse(a.Key), ""), a.Members))]),
                new PointsFlowFigures(c.PointsIssued, c.PointsRedeemed, c.PointsExpired, HealthMeasures.RedemptionRate(c)),
                new NpsFigures(c.NpsAnswers, c.Promoters, c.Detractors, HealthMeasures.Nps(c)));
        })]);
    }

    /// <summary>The asked range, or the <see cref="DefaultMonths"/> months up to <paramref name="current"/> (or up to to, or from from on).</summary>
    private static (int From, int To) Range(GetProgrammeHealthQuery query, int current)
    {
        var from = HealthMeasures.Parse(query.From);
        var to = HealthMeasures.Parse(query.To);
        return (from, to) switch
        {
            ({ } f, { } t) => (f, t),
            ({ } f, null) => (f, Math.Min(f + DefaultMonths - 1, Math.Max(f, current))),
            (null, { } t) => (t - DefaultMonths + 1, t),
            _ => (current - DefaultMonths + 1, current),
        };
    }
}
