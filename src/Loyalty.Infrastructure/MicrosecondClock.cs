namespace Loyalty.Infrastructure;

/// <summary>
/// The system clock at the coarsest resolution our databases keep (PostgreSQL's timestamptz holds
/// microseconds), so an instant returned when a record is created is the same instant read back later.
/// </summary>
public sealed class MicrosecondClock(TimeProvider inner) : TimeProvider
{
    public override DateTimeOffset GetUtcNow()
    {
        var now = inner.GetUtcNow();
        return now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMicrosecond));
    }

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    public override long GetTimestamp() => inner.GetTimestamp();

    public override long TimestampFrequency => inner.TimestampFrequency;
}
