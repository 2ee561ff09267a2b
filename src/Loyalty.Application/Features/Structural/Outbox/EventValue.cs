namespace Loyalty.Application.Features.Structural.Outbox;

/// <summary>Maps a domain enum to the event contract's enum of the same member names (the contract does not see Domain).</summary>
public static class EventValue
{
    public static TContract Of<TContract>(Enum value)
        where TContract : struct, Enum
    {
        ArgumentNullException.ThrowIfNull(value);
        return Enum.Parse<TContract>(value.ToString());
    }
}
