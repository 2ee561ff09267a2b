using Loyalty.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Loyalty.Infrastructure.Idempotency;

/// <summary>
/// Deletes idempotency records past their retention, in bounded batches. A set-based delete is harmless to repeat,
/// so several API instances may run it at once without coordination.
/// </summary>
public sealed partial class IdempotencyRecordPurger(
    IDbContextFactory<LoyaltyDbContext> contexts,
    TimeProvider clock,
    IOptions<IdempotencyOptions> options,
    ILogger<IdempotencyRecordPurger> logger) : BackgroundService
{
    private const int BatchSize = 5_000;

    /// <summary>Deletes what has expired; returns how many records went.</summary>
    public async Task<int> PurgeExpiredAsync(CancellationToken cancellationToken)
    {
        var total = 0;
        while (true)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var now = clock.GetUtcNow();
            var batch = db.IdempotencyRecords.Where(r => r.ExpiresAt <= now).OrderBy(r => r.ExpiresAt).Take(BatchSize);
            var deleted = await db.IdempotencyRecords
                .Where(r => batch.Any(b => b.Scope == r.Scope && b.Key == r.Key))
                .ExecuteDeleteAsync(cancellationToken);
            total += deleted;
            if (deleted < BatchSize)
            {
                return total;
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.PurgeInterval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var purged = await PurgeExpiredAsync(stoppingToken);
                if (purged > 0)
                {
                    LogPurged(purged);
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogFailed(exception); // the next tick tries again; the API keeps serving meanwhile
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Purged {Count} expired idempotency record(s)")]
    private partial void LogPurged(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Purging expired idempotency records failed")]
    private partial void LogFailed(Exception exception);
}
