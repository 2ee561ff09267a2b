using Loyalty.Application.Features.Financial.Redemptions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Loyalty.Infrastructure.Jobs;

/// <summary>Gives back the points of till authorisations that were neither captured nor cancelled in time.</summary>
public sealed class RedemptionHoldExpiryJob(IServiceScopeFactory scopes, TimeProvider clock, IOptions<JobOptions> options, ILogger<RedemptionHoldExpiryJob> logger)
    : CommandJob<ReleaseExpiredHoldsCommand>(scopes, clock, options, logger)
{
    public override string Name => "redemption-hold-expiry";

    protected override ReleaseExpiredHoldsCommand CreateCommand() => new();
}
