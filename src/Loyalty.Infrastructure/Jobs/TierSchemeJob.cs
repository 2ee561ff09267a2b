using Loyalty.Application.Features.Social.Tiers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Loyalty.Infrastructure.Jobs;

/// <summary>Applies a scheduled tier scheme version once its date has come.</summary>
public sealed class TierSchemeJob(IServiceScopeFactory scopes, TimeProvider clock, IOptions<JobOptions> options, ILogger<TierSchemeJob> logger)
    : CommandJob<ApplyDueTierSchemeCommand>(scopes, clock, options, logger)
{
    public override string Name => "tier-scheme";

    protected override ApplyDueTierSchemeCommand CreateCommand() => new();
}
