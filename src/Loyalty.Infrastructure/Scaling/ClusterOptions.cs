namespace Loyalty.Infrastructure.Scaling;

/// <summary>How the API instances that share one database keep in step (section <c>Cluster</c>).</summary>
public sealed class ClusterOptions
{
    public const string Section = "Cluster";

    /// <summary>
    /// How often each instance reads the cache stamps (one indexed read of a few rows). A change made on one instance
    /// reaches the others within this, plus the read itself. Zero turns the loop off (a single instance, or tests).
    /// </summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>How often an instance records that it is alive and counts the others.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>An instance not heard from for this long no longer counts (it crashed); its share goes back to the others.</summary>
    public TimeSpan InstanceExpiry { get; set; } = TimeSpan.FromSeconds(10);

    public bool Enabled => PollInterval > TimeSpan.Zero;
}
