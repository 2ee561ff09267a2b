namespace Loyalty.Application.Common;

/// <summary>Maps a domain enum to the contract enum (responses and events) of the same member names: Contracts does not see Domain.</summary>
public static class WireValue
{
    public static TContract Of<TContract>(Enum value)
        where TContract : struct, Enum
    {
        ArgumentNullException.ThrowIfNull(value);
        return Enum.Parse<TContract>(value.ToString());
    }
}
