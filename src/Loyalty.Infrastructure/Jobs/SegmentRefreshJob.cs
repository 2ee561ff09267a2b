using Loyalty.Application.Features.Customised.Segments;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Loyalty.Infrastructure.Jobs;

/// <summary>
/// Refreshes the segments whose membership is older than an hour (or never computed); the job ticks every
/// <c>Jobs:Intervals:segment-refresh</c> and each segment is refreshed set-based in a transaction of its own.
/// </summary>
public sealed class SegmentRefreshJob(IServiceScopeFactory scopes, TimeProvider clock, IOptions<JobOptions> options, ILogger<SegmentRefreshJob> logger)
    : CommandJob<RefreshSegmentsCommand>(scopes, clock, options, logger)
{
    public override string Name => "segment-refresh";

    protected override RefreshSegmentsCommand CreateCommand() => new(RefreshSegmentsCommand.DefaultEvery);
}
