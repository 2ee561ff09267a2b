using Loyalty.Application.Features.Customised.Recommendations;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Loyalty.Infrastructure.Jobs;

/// <summary>
/// Refreshes every member's next best offers every <c>Jobs:Intervals:recommendations</c> (a day in appsettings.json).
/// Safe on two instances at once: batches replace a member range's rows by upsert, so a second refresh overwrites.
/// </summary>
public sealed class RecommendationsJob(IServiceScopeFactory scopes, TimeProvider clock, IOptions<JobOptions> options, ILogger<RecommendationsJob> logger)
    : PeriodicJob(clock, options, logger)
{
    public override string Name => "recommendations";

    public override async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var refreshed = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new RefreshRecommendationsCommand(), cancellationToken);
        return refreshed.Members;
    }
}
