using System.Diagnostics;
using System.Globalization;

namespace Loyalty.Api.Tests.Infrastructure;

/// <summary>
/// The API's clock in tests: time that runs (at microsecond resolution, like production) plus an offset a test may
/// move, so pending holds, expiry dates and campaign windows can be crossed without waiting. Tests in the "api"
/// collection run one at a time, and <see cref="Travel"/> hands back a scope that puts the clock back.
/// <para>
/// It starts at <see cref="PinVariable"/> when that is set (an ISO 8601 instant), otherwise at the wall clock; the
/// suite must pass from any start, which <c>tests/run-pinned.sh</c> checks at a Sunday 00:30, a 31 December 23:59
/// and a 29 February.
/// </para>
/// </summary>
public sealed class TestClock : TimeProvider
{
    public const string PinVariable = "LOYALTY_TEST_NOW";

    private readonly DateTimeOffset _start;
    private readonly long _startTimestamp = Stopwatch.GetTimestamp();
    private long _offsetTicks;

    public TestClock(DateTimeOffset? start = null) => _start = start ?? Pinned ?? System.GetUtcNow();

    /// <summary>The start instant the run was pinned to, if any.</summary>
    public static DateTimeOffset? Pinned { get; } = Environment.GetEnvironmentVariable(PinVariable) is { Length: > 0 } pin
        ? DateTimeOffset.Parse(pin, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal)
        : null;

    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public override DateTimeOffset GetUtcNow()
    {
        var now = _start + Stopwatch.GetElapsedTime(_startTimestamp) + Offset;
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
