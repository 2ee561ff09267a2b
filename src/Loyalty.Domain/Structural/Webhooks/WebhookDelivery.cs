using Loyalty.Domain.Common;

namespace Loyalty.Domain.Structural.Webhooks;

public enum WebhookDeliveryStatus
{
    Pending,
    Delivering,
    Succeeded,
    Failed,
    DeadLettered,
}

/// <summary>
/// One event for one subscription. The dispatcher leases it (<see cref="LockedBy"/> until <see cref="LockedUntil"/>)
/// while posting; a lease that runs out (the instance died) makes it due again, so delivery is at least once.
/// <see cref="MemberId"/> and <see cref="OccurredAt"/> copy the message's, to keep a member's events in order.
/// </summary>
public sealed class WebhookDelivery
{
    public const int ErrorMaxLength = 500;

    private WebhookDelivery()
    {
    }

    public Guid Id { get; private set; }

    public Guid MessageId { get; private set; }

    public Guid SubscriptionId { get; private set; }

    public string EventType { get; private set; } = "";

    public Guid? MemberId { get; private set; }

    public DateTimeOffset OccurredAt { get; private set; }

    public WebhookDeliveryStatus Status { get; private set; }

    public int Attempts { get; private set; }

    public DateTimeOffset NextAttemptAt { get; private set; }

    public DateTimeOffset? LockedUntil { get; private set; }

    public string? LockedBy { get; private set; }

    public int? LastStatusCode { get; private set; }

    public string? LastError { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public DateTimeOffset? DeliveredAt { get; private set; }

    public static WebhookDelivery Create(Guid messageId, Guid subscriptionId, string eventType, Guid? memberId, DateTimeOffset occurredAt, DateTimeOffset now) =>
        new()
        {
            Id = EntityId.New(),
            MessageId = messageId,
            SubscriptionId = subscriptionId,
            EventType = eventType,
            MemberId = memberId,
            OccurredAt = occurredAt,
            Status = WebhookDeliveryStatus.Pending,
            NextAttemptAt = now,
            CreatedAt = now,
            UpdatedAt = now,
        };

    /// <summary>Sends it again from scratch (a fresh set of attempts); not while an attempt is under way.</summary>
    public void Replay(DateTimeOffset now)
    {
        if (Status == WebhookDeliveryStatus.Delivering && LockedUntil > now)
        {
            throw new DomainException("delivery_in_flight", "This delivery is being attempted right now.");
        }

        Status = WebhookDeliveryStatus.Pending;
        Attempts = 0;
        NextAttemptAt = now;
        LockedBy = null;
        LockedUntil = null;
        UpdatedAt = now;
    }

    public static string? Truncate(string? text) => text is null || text.Length <= ErrorMaxLength ? text : text[..ErrorMaxLength];
}
