using Loyalty.Application.Abstractions;
using Loyalty.Application.Features.Insight;
using Loyalty.Application.Features.Insight.Value;
using Loyalty.Infrastructure.Jobs;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Loyalty.Infrastructure.Insight;

/// <summary>
/// Scores every member once a day (a new run: value, class, churn risk) and, on every tick, judges retention actions
/// whose window has an answer. It wakes like every job but scores only when the latest run is older than
/// <see cref="Every"/>, so restarts and several instances do not multiply the work.
/// </summary>
public sealed class InsightJob : PeriodicJob
{
    public const string JobName = "insight";

    private readonly IServiceScopeFactory _scopes;
    private readonly TimeProvider _clock;

    public InsightJob(IServiceScopeFactory scopes, TimeProvider clock, IOptions<JobOptions> options, ILogger<InsightJob> logger)
        : base(clock, options, logger)
    {
        _scopes = scopes;
        _clock = clock;
    }

    public static readonly TimeSpan Every = TimeSpan.FromDays(1);

    public override string Name => JobName;

    public override async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = _scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ILoyaltyDbContext>();
        var now = _clock.GetUtcNow();
        var last = await db.InsightRuns.AsNoTracking().OrderByDescending(r => r.Number).Select(r => (DateTimeOffset?)r.AsOf).FirstOrDefaultAsync(cancellationToken);
        if (last is null || now - last.Value >= Every)
        {
            var run = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new RefreshInsightCommand(JobName), cancellationToken);
            return run.Members; // the refresh judges retention actions too
        }

        return await scope.ServiceProvider.GetRequiredService<IInsightScoring>().EvaluateRetentionAsync(now, cancellationToken);
    }
}
