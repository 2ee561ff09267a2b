using Loyalty.Application.Abstractions;
using Loyalty.Application.Common;
using Loyalty.Domain.Structural.Webhooks;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Structural.Webhooks;

/// <summary>
/// Turns outbox messages not yet fanned out into one delivery row per matching active subscription, oldest first,
/// and marks them fanned out, in one transaction per batch (locked as <see cref="IWebhookBatchLocks.LockMessagesToFanOutAsync"/>
/// says, so fan-out stays in order). Returns messages handled.
/// </summary>
public sealed record FanOutWebhooksCommand : ICommand<int>;

public sealed class FanOutWebhooksHandler(ILoyaltyDbContext db, IWriteGate writeGate, IWebhookBatchLocks locks, WebhookOptions options, TimeProvider clock) : ICommandHandler<FanOutWebhooksCommand, int>
{
    public const string FannedOutAt = "FannedOutAt";

    public async ValueTask<int> Handle(FanOutWebhooksCommand command, CancellationToken cancellationToken)
    {
        var total = 0;
        while (true)
        {
            var handled = await BatchAsync(cancellationToken);
            total += handled;
            if (handled < options.FanOutBatchSize)
            {
                return total;
            }
        }
    }

    private async Task<int> BatchAsync(CancellationToken cancellationToken)
    {
        await using var transaction = await WriteTransaction.BeginAsync(db, writeGate, cancellationToken);
        var ids = await locks.LockMessagesToFanOutAsync(options.FanOutBatchSize, cancellationToken);
        if (ids.Count == 0)
        {
            return 0;
        }

        var now = clock.GetUtcNow();
        var messages = await db.OutboxMessages.AsNoTracking().Where(m => ids.Contains(m.Id))
            .Select(m => new { m.Id, m.Type, m.MemberId, m.PartnerId, m.OccurredAt }).ToListAsync(cancellationToken);
        var subscriptions = await db.WebhookSubscriptions.AsNoTracking().Where(s => s.Active).ToListAsync(cancellationToken);
        var done = await db.WebhookDeliveries.Where(d => ids.Contains(d.MessageId)).Select(d => new { d.MessageId, d.SubscriptionId }).ToListAsync(cancellationToken);
        var existing = done.Select(d => (d.MessageId, d.SubscriptionId)).ToHashSet();
        foreach (var m in messages.OrderBy(m => m.OccurredAt).ThenBy(m => m.Id))
        {
            // A subscription sees what happened after it was made: a new receiver is not flooded with history.
            foreach (var s in subscriptions.Where(s => s.CreatedAt <= m.OccurredAt && (s.PartnerId is null || s.PartnerId == m.PartnerId) && s.Wants(m.Type)))
            {
                if (!existing.Contains((m.Id, s.Id)))
                {
                    db.WebhookDeliveries.Add(WebhookDelivery.Create(m.Id, s.Id, m.Type, m.MemberId, m.OccurredAt, now));
                }
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        await db.OutboxMessages.Where(m => ids.Contains(m.Id))
            .ExecuteUpdateAsync(s => s.SetProperty(m => EF.Property<DateTimeOffset?>(m, FannedOutAt), now), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return ids.Count;
    }
}
