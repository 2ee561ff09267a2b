namespace Loyalty.Api.Tests.Infrastructure;

/// <summary>
/// The API's clock in tests: real time (at microsecond resolution, like production) plus an offset a test may move,
/// so pending holds, expiry dates and campaign windows can be crossed without waiting. Tests in the "api"
/// collection run one at a time, and <see cref="Travel"/> hands back a scope that puts the clock back.
/// </summary>
public sealed class TestClock : TimeProvider
{
    private long _offsetTicks;

    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public override DateTimeOffset GetUtcNow()
    {
        var now = TimeProvider.System.GetUtcNow() + Offset;
        return now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMicrosecond));
    }

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    /// <summary>Moves the clock forward (or back) by <paramref name="by"/> until the returned scope is disposed.</summary>
    public IDisposable Travel(TimeSpan by)
    {
        var previous = Interlocked.Exchange(ref _offsetTicks, _offsetTicks + by.Ticks);
        return new Restore(this, previous);
    }

    private sealed class Restore(TestClock clock, long previous) : IDisposable
    {
        public void Dispose() => Interlocked.Exchange(ref clock._offsetTicks, previous);
    }
}
