using Loyalty.Application.Abstractions;

namespace Loyalty.Application.Common;

/// <summary>
/// Programme configuration read on every earn but changed rarely, kept in process for <c>timeToLive</c>. A change in
/// this instance invalidates it at once; other instances
/// clear theirs when their cluster watcher sees the area's stamp move (within a second), or when their copy expires. While one
/// request refreshes an expired (not invalidated) copy, the others keep using it instead of piling onto the database.
/// </summary>
public abstract class RefreshingSnapshot<T>(TimeProvider clock, TimeSpan timeToLive) : IDisposable
    where T : class
{
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private Snapshot? _snapshot;
    private long _generation;

    /// <summary>The clock the snapshot ages by, for loads that need "now" (e.g. a default row).</summary>
    protected TimeProvider Clock => clock;

    public async ValueTask<T> GetAsync(ILoyaltyDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var snapshot = Volatile.Read(ref _snapshot);
        var current = snapshot is not null && snapshot.Generation == Interlocked.Read(ref _generation);
        if (current && clock.GetElapsedTime(snapshot!.LoadedAt) < timeToLive)
        {
            return snapshot.Value;
        }

        if (current)
        {
            if (!await _refresh.WaitAsync(0, cancellationToken))
            {
                return snapshot!.Value; // expired, not invalidated: someone is refreshing it already
            }
        }
        else
        {
            await _refresh.WaitAsync(cancellationToken);
        }

        try
        {
            snapshot = Volatile.Read(ref _snapshot);
            var generation = Interlocked.Read(ref _generation);
            if (snapshot is not null && snapshot.Generation == generation && clock.GetElapsedTime(snapshot.LoadedAt) < timeToLive)
            {
                return snapshot.Value;
            }

            // Tagged with the generation seen before loading: if a change lands meanwhile, this copy is stale on arrival.
            var value = await LoadAsync(db, cancellationToken);
            Volatile.Write(ref _snapshot, new Snapshot(value, clock.GetTimestamp(), generation));
            return value;
        }
        finally
        {
            _refresh.Release();
        }
    }

    /// <summary>The next read loads afresh.</summary>
    public void Invalidate() => Interlocked.Increment(ref _generation);

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Reads the configuration from the database.</summary>
    protected abstract Task<T> LoadAsync(ILoyaltyDbContext db, CancellationToken cancellationToken);

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            _refresh.Dispose();
        }
    }

    private sealed record Snapshot(T Value, long LoadedAt, long Generation);
}
