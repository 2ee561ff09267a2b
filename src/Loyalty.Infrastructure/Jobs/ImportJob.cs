using Loyalty.Application.Common;
using Loyalty.Application.Features.Structural.Imports;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Loyalty.Infrastructure.Jobs;

/// <summary>Earns the rows of uploaded imports, chunk by chunk; safe on several instances (imports are claimed with a lease).</summary>
/// <remarks><c>Imports:Parallelism</c> (default 4; SQLite always 1) sets how many rows run side by side.</remarks>
public sealed class ImportJob(IServiceScopeFactory scopes, TimeProvider clock, IOptions<JobOptions> options, IConfiguration configuration, ILogger<ImportJob> logger)
    : CommandJob<ProcessImportsCommand>(scopes, clock, options, logger)
{
    public override string Name => "imports";

    public override async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var rows = await base.RunOnceAsync(cancellationToken);
        LoyaltyTelemetry.ImportRows.Add(rows);
        return rows;
    }

    protected override ProcessImportsCommand CreateCommand() => new(Parallelism: configuration.GetValue("Imports:Parallelism", ProcessImportsCommand.DefaultParallelism));
}
