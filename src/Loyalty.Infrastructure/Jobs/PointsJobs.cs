using Loyalty.Application.Features.Financial.Earning;
using Loyalty.Application.Features.Financial.Expiry;
using Loyalty.Application.Features.Financial.Grants;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Loyalty.Infrastructure.Jobs;

/// <summary>Makes pending points available when their pending period ends.</summary>
public sealed class ReleasePendingPointsJob(IServiceScopeFactory scopes, TimeProvider clock, IOptions<JobOptions> options, ILogger<ReleasePendingPointsJob> logger)
    : CommandJob<ReleasePendingPointsCommand>(scopes, clock, options, logger)
{
    public override string Name => "release-pending-points";

    protected override ReleasePendingPointsCommand CreateCommand() => new();
}

/// <summary>Expires points past their date and sends expiry notices.</summary>
public sealed class ExpirePointsJob(IServiceScopeFactory scopes, TimeProvider clock, IOptions<JobOptions> options, ILogger<ExpirePointsJob> logger)
    : CommandJob<ExpirePointsCommand>(scopes, clock, options, logger)
{
    public override string Name => "expire-points";

    protected override ExpirePointsCommand CreateCommand() => new();
}

/// <summary>Credits the members of bulk grants.</summary>
public sealed class BulkGrantJob(IServiceScopeFactory scopes, TimeProvider clock, IOptions<JobOptions> options, ILogger<BulkGrantJob> logger)
    : CommandJob<ProcessBulkGrantsCommand>(scopes, clock, options, logger)
{
    public override string Name => "bulk-grants";

    protected override ProcessBulkGrantsCommand CreateCommand() => new();
}

/// <summary>Credits the birthday and anniversary bonuses given on the day (rules with grantOn day).</summary>
public sealed class DayBonusJob(IServiceScopeFactory scopes, TimeProvider clock, IOptions<JobOptions> options, ILogger<DayBonusJob> logger)
    : CommandJob<GrantDayBonusesCommand>(scopes, clock, options, logger)
{
    public override string Name => "day-bonuses";

    protected override GrantDayBonusesCommand CreateCommand() => new();
}
