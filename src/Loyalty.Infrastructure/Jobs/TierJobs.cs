using Loyalty.Application.Features.Social.Tiers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Loyalty.Infrastructure.Jobs;

/// <summary>Reviews the members whose tier review (or grace period) is due: kept, grace, or one step down.</summary>
public sealed class TierReviewJob(IServiceScopeFactory scopes, TimeProvider clock, IOptions<JobOptions> options, ILogger<TierReviewJob> logger)
    : CommandJob<ReviewTiersCommand>(scopes, clock, options, logger)
{
    public override string Name => "tier-review";

    protected override ReviewTiersCommand CreateCommand() => new();
}
