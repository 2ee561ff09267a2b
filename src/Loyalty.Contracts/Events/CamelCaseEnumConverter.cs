using System.Text.Json;
using System.Text.Json.Serialization;

namespace Loyalty.Contracts.Events;

/// <summary>Writes and reads an event enum as a camelCase string, whatever the caller's serializer options.</summary>
public sealed class CamelCaseEnumConverter<TEnum>() : JsonStringEnumConverter<TEnum>(JsonNamingPolicy.CamelCase, allowIntegerValues: false)
    where TEnum : struct, Enum;
