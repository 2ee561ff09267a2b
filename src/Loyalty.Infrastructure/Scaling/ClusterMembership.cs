namespace Loyalty.Infrastructure.Scaling;

/// <summary>
/// How many API instances are live on this database, as last counted by <see cref="ClusterWatcher"/>. The rate
/// limiter gives each instance this share of a limit, so N instances together hold the configured total without
/// a database round trip per request. One until the first count (a lone instance, or the watcher off).
/// </summary>
public sealed class ClusterMembership
{
    private int _liveInstances = 1;

    /// <summary>This instance's id in <c>ServiceInstances</c>.</summary>
    public Guid InstanceId { get; } = Guid.NewGuid();

    public int LiveInstances => Volatile.Read(ref _liveInstances);

    /// <summary>This instance's share of a limit of <paramref name="total"/>: never above total / instances, never zero.</summary>
    public int ShareOf(int total) => Math.Max(1, total / LiveInstances);

    internal void Counted(int live) => Volatile.Write(ref _liveInstances, Math.Max(1, live));
}
