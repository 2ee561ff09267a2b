using Loyalty.Application.Abstractions;
using Loyalty.Application.Common;
using Loyalty.Application.Features.Audit;
using Loyalty.Application.Features.Insight.Health;
using Loyalty.Application.Features.Social.Tiers;
using Loyalty.Contracts.Admin;
using Loyalty.Domain.Insight.Health;
using Loyalty.Domain.Insight.Value;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Loyalty.Application.Features.Insight.Value;

/// <summary>
/// Scores every active member now (value, class, churn risk) into a new run, kept beside the earlier ones; stores the
/// run's value distribution and what each campaign's members are worth in it; judges retention actions whose window
/// has an answer; rolls up programme health for the recent months (see <see cref="HealthMeasures.MonthsToRefresh"/>)
/// and deletes runs beyond <see cref="InsightOptions.KeepRuns"/>.
/// Set-based; the insight job does it once a day.
/// </summary>
public sealed record RefreshInsightCommand(string TriggeredBy) : ICommand<InsightRunResponse>, ITransactionalCommand;

public sealed class RefreshInsightHandler(
    ILoyaltyDbContext db, IInsightScoring scoring, IProgrammeHealthSums health, TierSchemeCache scheme, AuditTrail audit, IOptions<InsightOptions> options, TimeProvider clock)
    : ICommandHandler<RefreshInsightCommand, InsightRunResponse>
{
    public async ValueTask<InsightRunResponse> Handle(RefreshInsightCommand command, CancellationToken cancellationToken)
    {
        var asOf = clock.GetUtcNow();
        var currency = (await scheme.GetAsync(db, cancellationToken)).Settings.SpendCurrency;
        var (cohort, retained) = await scoring.RetentionAsync(asOf, currency, cancellationToken);
        var number = 1 + (await db.InsightRuns.MaxAsync(r => (long?)r.Number, cancellationToken) ?? 0);
        var run = InsightRun.Start(number, asOf, currency, cohort, retained, command.TriggeredBy);
        db.InsightRuns.Add(run);
        await db.SaveChangesAsync(cancellationToken); // the snapshot's rows refer to the run
        var members = await scoring.ScoreAsync(run, cancellationToken);
        run.Complete(members, clock.GetUtcNow());
        await StoreValueCellsAsync(run.Id, cancellationToken);
        await StoreCampaignValuesAsync(run.Id, cancellationToken);
        await scoring.EvaluateRetentionAsync(asOf, cancellationToken);
        var (fromMonth, toMonth) = await RollUpHealthAsync(asOf, cancellationToken);
        var pruned = await PruneAsync(number, cancellationToken);
        audit.Record<object>(command.TriggeredBy, "insight.refreshed", "insight_run", run.Id, null, new
        {
            members,
            asOf,
            retention = run.Retention,
            valueMultiple = run.ValueMultiple,
            healthMonths = new[] { HealthMeasures.Key(fromMonth), HealthMeasures.Key(toMonth) },
            prunedRuns = pruned,
        });
        await db.SaveChangesAsync(cancellationToken);
        return run.ToResponse();
    }

    /// <summary>
    /// The run's value distribution, kept with the run: members and lifetime value per value decile and RFM cell (at
    /// most 1,250 rows), so the dashboard does not group the run's member rows on every view.
    /// </summary>
    private async Task StoreValueCellsAsync(Guid runId, CancellationToken cancellationToken)
    {
        var cells = await db.MemberInsights.AsNoTracking()
            .Where(i => i.RunId == runId)
            .GroupBy(i => new { i.ValueDecile, i.Recency, i.Frequency, i.Monetary })
            .Select(g => new
            {
                g.Key.ValueDecile,
                g.Key.Recency,
                g.Key.Frequency,
                g.Key.Monetary,
                Members = g.LongCount(),
                Total = g.Sum(i => i.LifetimeValue),
                Min = g.Min(i => i.LifetimeValue),
                Max = g.Max(i => i.LifetimeValue),
            })
            .ToListAsync(cancellationToken);
        db.RunValueCells.AddRange(cells.Select(c => RunValueCell.Create(runId, c.ValueDecile, c.Recency, c.Frequency, c.Monetary, c.Members, c.Total, c.Min, c.Max)));
    }

    /// <summary>
    /// What each campaign's members are worth in this run, kept with the run: a row per campaign, so the dashboard's
    /// campaign value reads stored rows instead of grouping every campaign earn line of the programme's history again.
    /// </summary>
    private async Task StoreCampaignValuesAsync(Guid runId, CancellationToken cancellationToken)
    {
        var values = await health.CampaignValueAsync(runId, cancellationToken);
        db.CampaignRunValues.AddRange(values.Select(v => CampaignRunValue.Create(
            runId, v.CampaignId, v.Acquired, v.AcquiredScored, v.AcquiredValue, v.AcquiredTop, v.Reached, v.ReachedScored, v.ReachedValue, v.ReachedTop)));
    }

    /// <summary>Computes the recent months' health and replaces their stored rows (a few dozen rows, whatever the data).</summary>
    private async Task<(int From, int To)> RollUpHealthAsync(DateTimeOffset asOf, CancellationToken cancellationToken)
    {
        var latest = await db.ProgrammeHealthMonths.MaxAsync(m => (string?)m.Month, cancellationToken);
        var (from, to) = HealthMeasures.MonthsToRefresh(HealthMeasures.Parse(latest), HealthMeasures.IndexOf(asOf));
        var rollup = await health.ComputeAsync(from, to, cancellationToken);
        var keys = Enumerable.Range(from, to - from + 1).Select(HealthMeasures.Key).ToList();
        await db.ProgrammeHealthAcquisitions.Where(a => keys.Contains(a.Month)).ExecuteDeleteAsync(cancellationToken);
        await db.ProgrammeHealthMonths.Where(m => keys.Contains(m.Month)).ExecuteDeleteAsync(cancellationToken);
        var now = clock.GetUtcNow();
        db.ProgrammeHealthMonths.AddRange(rollup.Months.Select(m => ProgrammeHealthMonth.Create(HealthMeasures.Key(m.Key), m.Value, now)));
        db.ProgrammeHealthAcquisitions.AddRange(rollup.Acquisitions.Select(a => ProgrammeHealthAcquisition.Create(HealthMeasures.Key(a.Month), a.Source, a.Key, a.Members)));
        return (from, to);
    }

    /// <summary>Deletes the runs older than the last <see cref="InsightOptions.KeepRuns"/> (at least 2) and their members' rows, set-based.</summary>
    private async Task<int> PruneAsync(long latest, CancellationToken cancellationToken)
    {
        var cut = latest - Math.Max(2, options.Value.KeepRuns);
        if (cut <= 0)
        {
            return 0;
        }

        await db.MemberInsights.Where(i => db.InsightRuns.Any(r => r.Id == i.RunId && r.Number <= cut)).ExecuteDeleteAsync(cancellationToken);
        await db.CampaignRunValues.Where(v => db.InsightRuns.Any(r => r.Id == v.RunId && r.Number <= cut)).ExecuteDeleteAsync(cancellationToken);
        await db.RunValueCells.Where(c => db.InsightRuns.Any(r => r.Id == c.RunId && r.Number <= cut)).ExecuteDeleteAsync(cancellationToken);
        return await db.InsightRuns.Where(r => r.Number <= cut).ExecuteDeleteAsync(cancellationToken);
    }
}
