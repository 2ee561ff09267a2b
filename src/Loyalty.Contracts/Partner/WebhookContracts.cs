namespace Loyalty.Contracts.Partner;

/// <summary>Where the delivery of one event to one subscription stands.</summary>
public enum WebhookDeliveryStatus
{
    Pending,
    Delivering,
    Succeeded,

    /// <summary>The last attempt failed; another is due at nextAttemptAt.</summary>
    Failed,

    /// <summary>No more attempts; a replay sends it again.</summary>
    DeadLettered,
}

/// <summary>A new webhook subscription. eventTypes empty or missing: every event type.</summary>
public sealed record CreateWebhookRequest(string Url, IReadOnlyList<string>? EventTypes, string? Description);

/// <summary>Changes to a subscription; fields left out stay as they are.</summary>
public sealed record UpdateWebhookRequest(string? Url, IReadOnlyList<string>? EventTypes, string? Description, bool? Active);

public sealed record WebhookResponse(
    Guid Id, Guid? PartnerId, string Url, string? Description, IReadOnlyList<string> EventTypes, bool Active, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>The subscription with its signing secret, shown only at creation and rotation.</summary>
public sealed record WebhookSecretResponse(WebhookResponse Webhook, string Secret, DateTimeOffset? PreviousSecretExpiresAt);

public sealed record WebhookDeliveryResponse(
    Guid Id,
    Guid MessageId,
    string EventType,
    WebhookDeliveryStatus Status,
    int Attempts,
    DateTimeOffset NextAttemptAt,
    int? LastStatusCode,
    string? LastError,
    DateTimeOffset CreatedAt,
    DateTimeOffset? DeliveredAt);

public sealed record WebhookReplayResponse(int Replayed);
