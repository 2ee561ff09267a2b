using System.Text.Json;

namespace Loyalty.Application.Common;

/// <summary>One serializer setting for everything the application stores as JSON (audit snapshots).</summary>
public static class Json
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web);

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);
}
