using Loyalty.Domain.Common;
using Loyalty.Domain.Structural.Outbox;

namespace Loyalty.Domain.Structural.Webhooks;

/// <summary>
/// Where events are posted. A partner's subscription sees only events about that partner; an admin-wide one
/// (<see cref="PartnerId"/> null) sees all. The signing secret is stored protected (the server must sign with it, so it
/// cannot be hashed); the previous secret keeps signing for a while after a rotation.
/// </summary>
public sealed class WebhookSubscription
{
    private WebhookSubscription()
    {
    }

    public Guid Id { get; private set; }

    public Guid? PartnerId { get; private set; }

    public string Url { get; private set; } = "";

    public string? Description { get; private set; }

    /// <summary>Space-separated event types; empty means every type.</summary>
    public string EventTypes { get; private set; } = "";

    public string ProtectedSecret { get; private set; } = "";

    public string? PreviousProtectedSecret { get; private set; }

    public DateTimeOffset? PreviousSecretExpiresAt { get; private set; }

    public bool Active { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public IReadOnlyList<string> EventTypeList => EventTypes.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    public static WebhookSubscription Create(Guid? partnerId, string url, string? description, IEnumerable<string>? eventTypes, string protectedSecret, DateTimeOffset now) =>
        new()
        {
            Id = EntityId.New(),
            PartnerId = partnerId,
            Url = url,
            Description = description,
            EventTypes = Normalise(eventTypes),
            ProtectedSecret = protectedSecret,
            Active = true,
            CreatedAt = now,
            UpdatedAt = now,
        };

    public void Update(string? url, string? description, IEnumerable<string>? eventTypes, bool? active, DateTimeOffset now)
    {
        Url = url ?? Url;
        Description = description ?? Description;
        EventTypes = eventTypes is null ? EventTypes : Normalise(eventTypes);
        Active = active ?? Active;
        UpdatedAt = now;
    }

    /// <summary>A new secret; the old one keeps signing (a second signature) until <paramref name="overlapUntil"/>.</summary>
    public void RotateSecret(string protectedSecret, DateTimeOffset overlapUntil, DateTimeOffset now)
    {
        PreviousProtectedSecret = ProtectedSecret;
        PreviousSecretExpiresAt = overlapUntil;
        ProtectedSecret = protectedSecret;
        UpdatedAt = now;
    }

    public bool Wants(string eventType) => EventTypes.Length == 0 || EventTypeList.Contains(eventType, StringComparer.Ordinal);

    private static string Normalise(IEnumerable<string>? eventTypes)
    {
        var list = (eventTypes ?? []).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var unknown = list.Except(Outbox.EventTypes.All).ToList();
        if (unknown.Count > 0)
        {
            throw new DomainException("unknown_event_type", $"Unknown event type(s): {string.Join(", ", unknown)}.");
        }

        return string.Join(' ', list);
    }
}
