using System.Text.Json;

namespace Loyalty.Application.Common;

/// <summary>One serializer setting for everything the application stores as JSON (audit snapshots).</summary>
public static class Json
{
    // The API's wire format, so events, exports and snapshots spell enums as responses do (camelCase).
    public static JsonSerializerOptions Options { get; } = Contracts.Common.WireFormat.CreateOptions();

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);
}
