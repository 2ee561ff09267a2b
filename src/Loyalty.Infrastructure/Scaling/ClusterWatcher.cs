using Loyalty.Application.Abstractions;
using Loyalty.Application.Features.Financial.Earning;
using Loyalty.Application.Features.Financial.Policies;
using Loyalty.Application.Features.Social.Referrals;
using Loyalty.Application.Features.Social.Tiers;
using Loyalty.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Loyalty.Infrastructure.Scaling;

/// <summary>
/// One loop per instance, off the request path: every <see cref="ClusterOptions.PollInterval"/> it reads the cache
/// stamps and clears the local caches whose stamp moved (another instance changed them); every
/// <see cref="ClusterOptions.HeartbeatInterval"/> it records this instance as alive and counts the live ones for
/// <see cref="ClusterMembership"/>. If the database is unreachable it logs and tries again on the next tick; the
/// caches' own lifetimes (seconds) remain the backstop.
/// </summary>
public sealed partial class ClusterWatcher(
    IServiceProvider services,
    IDbContextFactory<LoyaltyDbContext> contexts,
    ClusterMembership membership,
    IOptions<ClusterOptions> options,
    TimeProvider clock,
    ILogger<ClusterWatcher> logger) : BackgroundService
{
    private Dictionary<CacheArea, long>? _seen;
    private long _lastHeartbeat;
    private bool _registered;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.Enabled)
        {
            return;
        }

        using var timer = new PeriodicTimer(settings.PollInterval, clock);
        do
        {
            try
            {
                await PollOnceAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogFailed(logger, exception);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Reads the stamps (clearing what moved) and, when due, beats and counts.</summary>
    public async Task PollOnceAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.CacheGenerations.AsNoTracking().ToListAsync(cancellationToken);
        var seen = rows.ToDictionary(r => r.Area, r => r.Stamp);
        foreach (var (area, stamp) in seen)
        {
            // The first read clears everything: a change may have landed between a cache's first load and this read.
            if (_seen is null || !_seen.TryGetValue(area, out var before) || before != stamp)
            {
                Invalidate(area);
            }
        }

        _seen = seen;
        if (_lastHeartbeat == 0 || clock.GetElapsedTime(_lastHeartbeat) >= options.Value.HeartbeatInterval)
        {
            await HeartbeatAsync(db, cancellationToken);
            _lastHeartbeat = clock.GetTimestamp();
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (!_registered)
        {
            return;
        }

        try
        {
            // Leaving cleanly hands this instance's share back at once instead of after the expiry.
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            await db.ServiceInstances.Where(i => i.Id == membership.InstanceId).ExecuteDeleteAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogFailed(logger, exception);
        }
    }

    private async Task HeartbeatAsync(LoyaltyDbContext db, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var updated = await db.ServiceInstances.Where(i => i.Id == membership.InstanceId)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.SeenAt, now), cancellationToken);
        if (updated == 0)
        {
            db.ServiceInstances.Add(new ServiceInstance { Id = membership.InstanceId, Host = Environment.MachineName + "/" + Environment.ProcessId, StartedAt = now, SeenAt = now });
            await db.SaveChangesAsync(cancellationToken);
            _registered = true;
        }

        var since = now - options.Value.InstanceExpiry;
        membership.Counted(await db.ServiceInstances.CountAsync(i => i.SeenAt > since, cancellationToken));

        // Rows of instances long gone (killed, never stopped cleanly); any instance may sweep them, twice is harmless.
        var gone = now - (options.Value.InstanceExpiry * 10);
        await db.ServiceInstances.Where(i => i.SeenAt < gone).ExecuteDeleteAsync(cancellationToken);
    }

    private void Invalidate(CacheArea area)
    {
        switch (area)
        {
            case CacheArea.Credentials:
                services.GetService<ICredentialCache>()?.Invalidate();
                break;
            case CacheArea.EarningRules:
                services.GetRequiredService<EarningRulesCache>().Invalidate();
                break;
            case CacheArea.PointsPolicy:
                services.GetRequiredService<PointsPolicyCache>().Invalidate();
                break;
            case CacheArea.TierScheme:
                services.GetRequiredService<TierSchemeCache>().Invalidate();
                break;
            case CacheArea.ReferralProgramme:
                services.GetRequiredService<ReferralProgrammeCache>().Invalidate();
                break;
            default:
                break;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cluster watcher could not reach the database; caches fall back to their lifetimes")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
