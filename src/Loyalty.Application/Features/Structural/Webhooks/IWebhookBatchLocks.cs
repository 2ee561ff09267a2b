namespace Loyalty.Application.Features.Structural.Webhooks;

/// <summary>
/// The row locks the webhook jobs take inside their write transaction, to pick the next batch. Locking is
/// provider-specific SQL, so it lives in Infrastructure; the caller's transaction holds the locks until it ends.
/// </summary>
public interface IWebhookBatchLocks
{
    /// <summary>
    /// The oldest outbox messages not yet fanned out, oldest first, locked so that a second instance waits for them
    /// (rather than skipping them) and then finds them done, so fan-out stays in order.
    /// </summary>
    Task<List<Guid>> LockMessagesToFanOutAsync(int size, CancellationToken cancellationToken);

    /// <summary>
    /// Due deliveries of active subscriptions, earliest due first, skipping rows another dispatcher holds. Due: pending or
    /// failed and its time has come, or a lease that ran out (its dispatcher died). Never while an earlier delivery of the
    /// same member to the same subscription is unfinished, so a member's events arrive in order.
    /// </summary>
    Task<List<Guid>> LockDueDeliveriesAsync(DateTimeOffset now, int size, CancellationToken cancellationToken);
}
