using System.Text.Json;

namespace Loyalty.Application.Common;

/// <summary>
/// Maps between domain enums and the contract enums (requests, responses and events) of the same member names:
/// Contracts does not see Domain. A test keeps every pair's member names equal, so the maps cannot fail.
/// </summary>
public static class WireValue
{
    /// <summary>Domain → contract (or contract → domain): the member of the same name.</summary>
    public static TTarget Of<TTarget>(Enum value)
        where TTarget : struct, Enum
    {
        ArgumentNullException.ThrowIfNull(value);
        return Enum.Parse<TTarget>(value.ToString());
    }

    /// <summary>As <see cref="Of{TTarget}(Enum)"/>, null for null.</summary>
    public static TTarget? OfNullable<TTarget>(Enum? value)
        where TTarget : struct, Enum =>
        value is null ? null : Of<TTarget>(value);

    /// <summary>The value as the wire spells it (camelCase), for JSON written outside the contract records (exports, audit).</summary>
    public static string Name(Enum value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return JsonNamingPolicy.CamelCase.ConvertName(value.ToString());
    }
}
