using Loyalty.Application.Abstractions;
using Loyalty.Application.Features.Customised.Recommendations;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Loyalty.Infrastructure.Jobs;

/// <summary>
/// Refreshes every member's next best offers once a day. It wakes like every job but only runs when the stored
/// co-purchases are older than <see cref="Every"/>, so restarts and several instances do not multiply the work.
/// </summary>
public sealed class RecommendationsJob : PeriodicJob
{
    private readonly IServiceScopeFactory _scopes;
    private readonly TimeProvider _clock;

    public RecommendationsJob(IServiceScopeFactory scopes, TimeProvider clock, IOptions<JobOptions> options, ILogger<RecommendationsJob> logger)
        : base(clock, options, logger)
    {
        _scopes = scopes;
        _clock = clock;
    }

    public static readonly TimeSpan Every = TimeSpan.FromDays(1);

    public override string Name => "recommendations";

    public override async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = _scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ILoyaltyDbContext>();
        var last = await db.CategoryPopularity.AsNoTracking().OrderByDescending(p => p.ComputedAt).Select(p => (DateTimeOffset?)p.ComputedAt).FirstOrDefaultAsync(cancellationToken);
        if (last is { } at && _clock.GetUtcNow() - at < Every)
        {
            return 0;
        }

        var refreshed = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new RefreshRecommendationsCommand(), cancellationToken);
        return refreshed.Members;
    }
}
