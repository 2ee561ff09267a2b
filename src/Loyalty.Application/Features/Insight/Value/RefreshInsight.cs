using Loyalty.Application.Abstractions;
using Loyalty.Application.Common;
using Loyalty.Application.Features.Audit;
using Loyalty.Application.Features.Social.Tiers;
using Loyalty.Contracts.Admin;
using Loyalty.Domain.Insight.Value;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Insight.Value;

/// <summary>
/// Scores every active member now (value, class, churn risk) into a new run, kept beside the earlier ones, and
/// judges retention actions whose window has an answer. Set-based; the insight job does it once a day.
/// </summary>
public sealed record RefreshInsightCommand(string TriggeredBy) : ICommand<InsightRunResponse>, ITransactionalCommand;

public sealed class RefreshInsightHandler(ILoyaltyDbContext db, IInsightScoring scoring, TierSchemeCache scheme, AuditTrail audit, TimeProvider clock)
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
        await scoring.EvaluateRetentionAsync(asOf, cancellationToken);
        audit.Record<object>(command.TriggeredBy, "insight.refreshed", "insight_run", run.Id, null, new { members, asOf, retention = run.Retention, valueMultiple = run.ValueMultiple });
        await db.SaveChangesAsync(cancellationToken);
        return run.ToResponse();
    }
}
