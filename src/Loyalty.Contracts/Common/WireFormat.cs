using System.Text.Json;
using System.Text.Json.Serialization;

namespace Loyalty.Contracts.Common;

/// <summary>
/// The JSON the API speaks, shared by the server and the SDK so both read and write the same enum spelling:
/// camelCase property names (web defaults) and camelCase enum values.
/// </summary>
public static class WireFormat
{
    /// <summary>Adds the wire's enum converter to <paramref name="options"/> and returns them.</summary>
    public static JsonSerializerOptions Apply(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        // allowIntegerValues: false — a number where a name is expected is a client mistake, not an enum value.
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        return options;
    }

    /// <summary>New web-default options with the wire's enum converter.</summary>
    public static JsonSerializerOptions CreateOptions() => Apply(new JsonSerializerOptions(JsonSerializerDefaults.Web));
}
