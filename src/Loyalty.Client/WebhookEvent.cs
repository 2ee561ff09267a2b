using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Loyalty.Contracts.Events;

namespace Loyalty.Client;

/// <summary>
/// A webhook body: <c>{"type", "timestamp", "data"}</c>. <see cref="Data"/> is the type's record from
/// <c>Loyalty.Contracts.Events</c>, or null for a type this SDK version does not know (read <see cref="RawData"/>).
/// </summary>
public sealed record WebhookEvent(string Type, DateTimeOffset Timestamp, ILoyaltyEvent? Data, JsonElement RawData)
{
    /// <summary>Reads a body already checked with <see cref="WebhookSignature.Verify(string, string?, string?, string?, string, DateTimeOffset, TimeSpan?)"/>.</summary>
    /// <exception cref="JsonException">The body is not a webhook envelope, or its data does not have its type's shape.</exception>
    public static WebhookEvent Parse(string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        using var document = JsonDocument.Parse(body);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object
            || !root.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String
            || !root.TryGetProperty("timestamp", out var timestamp) || !root.TryGetProperty("data", out var data))
        {
            throw new JsonException("Not a Loyalty webhook body: type, timestamp and data are required.");
        }

        var name = type.GetString()!;
        return new WebhookEvent(name, timestamp.GetDateTimeOffset(), LoyaltyEvents.Deserialize(name, data), data.Clone());
    }

    /// <summary>
    /// Verifies the signature (see <see cref="WebhookSignature"/>) and reads the body; null when the signature or
    /// timestamp does not check out, so an unverified body is never parsed.
    /// </summary>
    public static WebhookEvent? VerifyAndParse(string secret, Func<string, string?> header, string body, DateTimeOffset now, TimeSpan? tolerance = null) =>
        WebhookSignature.Verify(secret, header, body, now, tolerance) ? Parse(body) : null;

    /// <summary>The data as <typeparamref name="TEvent"/> when this is that event type.</summary>
    public bool TryGet<TEvent>([NotNullWhen(true)] out TEvent? data)
        where TEvent : class, ILoyaltyEvent
    {
        data = Data as TEvent;
        return data is not null;
    }
}
