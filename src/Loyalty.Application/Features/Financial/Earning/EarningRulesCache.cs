using Loyalty.Application.Abstractions;
using Loyalty.Domain.Financial.Earning;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Financial.Earning;

/// <summary>
/// The active rules and their campaigns as an in-process snapshot, so the earn path does not query them per
/// purchase. An admin change in this instance invalidates it at once (after its commit); other instances pick the
/// change up when their snapshot expires, after <see cref="TimeToLive"/> at most. While one request refreshes an
/// expired (not invalidated) snapshot, the others keep using it instead of piling onto the database.
/// </summary>
public sealed class EarningRulesCache(TimeProvider clock) : IDisposable
{
    public static readonly TimeSpan TimeToLive = TimeSpan.FromSeconds(5);

    private readonly SemaphoreSlim _refresh = new(1, 1);
    private Snapshot? _snapshot;
    private long _generation;

    public async ValueTask<EarningRuleSet> GetAsync(ILoyaltyDbContext db, CancellationToken cancellationToken)
    {
        var snapshot = Volatile.Read(ref _snapshot);
        var generation = Interlocked.Read(ref _generation);
        var current = snapshot is not null && snapshot.Generation == generation;
        if (current && clock.GetElapsedTime(snapshot!.LoadedAt) < TimeToLive)
        {
            return snapshot.Rules;
        }

        if (current)
        {
            if (!await _refresh.WaitAsync(0, cancellationToken))
            {
                return snapshot!.Rules; // expired, not invalidated: someone is refreshing it already
            }
        }
        else
        {
            await _refresh.WaitAsync(cancellationToken);
        }

        try
        {
            snapshot = Volatile.Read(ref _snapshot);
            generation = Interlocked.Read(ref _generation);
            if (snapshot is not null && snapshot.Generation == generation && clock.GetElapsedTime(snapshot.LoadedAt) < TimeToLive)
            {
                return snapshot.Rules;
            }

            // Tagged with the generation seen before loading: if an admin change lands meanwhile, this snapshot is stale on arrival.
            var rules = await LoadAsync(db, cancellationToken);
            Volatile.Write(ref _snapshot, new Snapshot(rules, clock.GetTimestamp(), generation));
            return rules;
        }
        finally
        {
            _refresh.Release();
        }
    }

    /// <summary>Call after an admin change has committed: the next earn loads the rules afresh.</summary>
    public void Invalidate() => Interlocked.Increment(ref _generation);

    public void Dispose() => _refresh.Dispose();

    private static async Task<EarningRuleSet> LoadAsync(ILoyaltyDbContext db, CancellationToken cancellationToken)
    {
        var rules = await db.EarningRules.AsNoTracking().Where(r => r.IsActive && r.SupersededAt == null).ToListAsync(cancellationToken);
        var campaignIds = rules.Where(r => r.CampaignId is not null).Select(r => r.CampaignId!.Value).Distinct().ToList();
        var campaigns = campaignIds.Count == 0
            ? []
            : await db.Campaigns.AsNoTracking().Where(c => campaignIds.Contains(c.Id)).ToListAsync(cancellationToken);
        return new EarningRuleSet(rules, campaigns);
    }

    private sealed record Snapshot(EarningRuleSet Rules, long LoadedAt, long Generation);
}
