using Loyalty.Application.Abstractions;
using Loyalty.Application.Common;
using Loyalty.Domain.Structural.Outbox;
using Loyalty.Domain.Structural.Webhooks;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Structural.Webhooks;

/// <summary>
/// Posts due deliveries: claims a batch under a lease, sends them outside any transaction, records each outcome only
/// while still holding the lease. Returns deliveries attempted.
/// </summary>
public sealed record DispatchWebhooksCommand : ICommand<int>;

public sealed class DispatchWebhooksHandler(
    ILoyaltyDbContext db, IWriteGate writeGate, IWebhookBatchLocks locks, IWebhookSender sender, IWebhookSecretProtector protector, WebhookOptions options, WebhookBackoff backoff, TimeProvider clock)
    : ICommandHandler<DispatchWebhooksCommand, int>
{
    public async ValueTask<int> Handle(DispatchWebhooksCommand command, CancellationToken cancellationToken)
    {
        var dispatcher = Environment.MachineName + "/" + Guid.NewGuid().ToString("N")[..12];
        var claimed = await ClaimAsync(dispatcher, cancellationToken);
        if (claimed.Count == 0)
        {
            return 0;
        }

        var deliveries = await db.WebhookDeliveries.AsNoTracking().Where(d => claimed.Contains(d.Id)).ToListAsync(cancellationToken);
        var messageIds = deliveries.Select(d => d.MessageId).Distinct().ToList();
        var subscriptionIds = deliveries.Select(d => d.SubscriptionId).Distinct().ToList();
        var messages = await db.OutboxMessages.AsNoTracking().Where(m => messageIds.Contains(m.Id)).ToDictionaryAsync(m => m.Id, cancellationToken);
        var subscriptions = await db.WebhookSubscriptions.AsNoTracking().Where(s => subscriptionIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, cancellationToken);

        var outcomes = new List<(Guid Id, WebhookPostResult Result, int Attempts)>();
        try
        {
            await Parallel.ForEachAsync(
                deliveries,
                new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.Parallelism), CancellationToken = cancellationToken },
                async (delivery, ct) =>
                {
                    var result = await SendAsync(delivery, messages, subscriptions, ct);
                    lock (outcomes)
                    {
                        outcomes.Add((delivery.Id, result, delivery.Attempts));
                    }
                });
        }
        finally
        {
            // Even when stopped half-way: what was sent is recorded; the rest keeps its lease until it runs out.
            foreach (var (id, result, attempts) in outcomes)
            {
                await RecordAsync(dispatcher, id, result, attempts, CancellationToken.None);
            }
        }

        return deliveries.Count;
    }

    private async Task<WebhookPostResult> SendAsync(
        WebhookDelivery delivery, Dictionary<Guid, OutboxMessage> messages, Dictionary<Guid, WebhookSubscription> subscriptions, CancellationToken cancellationToken)
    {
        if (!subscriptions.TryGetValue(delivery.SubscriptionId, out var subscription) || !messages.TryGetValue(delivery.MessageId, out var message))
        {
            return new WebhookPostResult(false, null, "subscription deleted");
        }

        WebhookPost post;
        try
        {
            post = Post(message, subscription);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            // A key ring that lost its keys: this delivery fails and retries; the rest of the batch goes on.
            return new WebhookPostResult(false, null, "signing secret unreadable (data protection key ring)");
        }

        return await sender.PostAsync(post, cancellationToken);
    }

    private WebhookPost Post(OutboxMessage message, WebhookSubscription subscription)
    {
        var now = clock.GetUtcNow();
        var timestamp = now.ToUnixTimeSeconds();
        var body = Json.Serialize(new WebhookEnvelope(message.Type, message.OccurredAt, System.Text.Json.JsonDocument.Parse(message.Payload).RootElement));
        var id = message.Id.ToString();
        var signature = WebhookSecrets.Sign(protector.Unprotect(subscription.ProtectedSecret), id, timestamp, body);
        if (subscription.PreviousProtectedSecret is { } previous && subscription.PreviousSecretExpiresAt > now)
        {
            signature += " " + WebhookSecrets.Sign(protector.Unprotect(previous), id, timestamp, body);
        }

        return new WebhookPost(new Uri(subscription.Url), id, timestamp, signature, body);
    }

    /// <summary>Leases the due deliveries (<see cref="IWebhookBatchLocks.LockDueDeliveriesAsync"/> says which) to this dispatcher.</summary>
    private async Task<List<Guid>> ClaimAsync(string dispatcher, CancellationToken cancellationToken)
    {
        await using var transaction = await WriteTransaction.BeginAsync(db, writeGate, cancellationToken);
        var now = clock.GetUtcNow();
        var ids = await locks.LockDueDeliveriesAsync(now, options.BatchSize, cancellationToken);
        if (ids.Count > 0)
        {
            var until = now + options.LeaseDuration;
            await db.WebhookDeliveries.Where(d => ids.Contains(d.Id)).ExecuteUpdateAsync(
                s => s.SetProperty(d => d.Status, WebhookDeliveryStatus.Delivering).SetProperty(d => d.LockedBy, dispatcher)
                    .SetProperty(d => d.LockedUntil, until).SetProperty(d => d.Attempts, d => d.Attempts + 1).SetProperty(d => d.UpdatedAt, now),
                cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return ids;
    }

    /// <summary>Only while this dispatcher still holds the lease: a later owner's outcome is never overwritten.</summary>
    private async Task RecordAsync(string dispatcher, Guid id, WebhookPostResult result, int attempts, CancellationToken cancellationToken)
    {
        await using var transaction = await WriteTransaction.BeginAsync(db, writeGate, cancellationToken);
        var now = clock.GetUtcNow();
        var error = WebhookDelivery.Truncate(result.Error);
        var mine = db.WebhookDeliveries.Where(d => d.Id == id && d.LockedBy == dispatcher && d.Status == WebhookDeliveryStatus.Delivering);
        if (result.Succeeded)
        {
            await mine.ExecuteUpdateAsync(
                s => s.SetProperty(d => d.Status, WebhookDeliveryStatus.Succeeded).SetProperty(d => d.DeliveredAt, now).SetProperty(d => d.LastStatusCode, result.StatusCode)
                    .SetProperty(d => d.LastError, (string?)null).SetProperty(d => d.LockedBy, (string?)null).SetProperty(d => d.LockedUntil, (DateTimeOffset?)null).SetProperty(d => d.UpdatedAt, now),
                cancellationToken);
        }
        else
        {
            var status = attempts >= options.MaxAttempts ? WebhookDeliveryStatus.DeadLettered : WebhookDeliveryStatus.Failed;
            var next = now + backoff.Delay(attempts);
            await mine.ExecuteUpdateAsync(
                s => s.SetProperty(d => d.Status, status).SetProperty(d => d.NextAttemptAt, next).SetProperty(d => d.LastStatusCode, result.StatusCode)
                    .SetProperty(d => d.LastError, error).SetProperty(d => d.LockedBy, (string?)null).SetProperty(d => d.LockedUntil, (DateTimeOffset?)null).SetProperty(d => d.UpdatedAt, now),
                cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }
}
