using Loyalty.Application.Abstractions;
using Loyalty.Application.Common;
using Loyalty.Domain.Structural.Webhooks;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Structural.Webhooks;

/// <summary>
/// Deletes successful deliveries older than <see cref="WebhookOptions.DeliveryRetentionDays"/> (0 keeps them forever),
/// in batches of <paramref name="BatchSize"/>, each its own short transaction. Failures and dead letters stay for people
/// to look at and replay. Returns deliveries deleted.
/// </summary>
public sealed record PurgeWebhookDeliveriesCommand(int BatchSize = 1000) : ICommand<int>;

public sealed class PurgeWebhookDeliveriesHandler(ILoyaltyDbContext db, IWriteGate writeGate, WebhookOptions options, TimeProvider clock)
    : ICommandHandler<PurgeWebhookDeliveriesCommand, int>
{
    public async ValueTask<int> Handle(PurgeWebhookDeliveriesCommand command, CancellationToken cancellationToken)
    {
        if (options.DeliveryRetentionDays <= 0)
        {
            return 0;
        }

        var batch = Math.Max(1, command.BatchSize);
        var cutoff = clock.GetUtcNow().AddDays(-options.DeliveryRetentionDays);
        var total = 0;
        while (true)
        {
            int deleted;
            await using (var transaction = await WriteTransaction.BeginAsync(db, writeGate, cancellationToken))
            {
                deleted = await db.WebhookDeliveries
                    .Where(d => d.Status == WebhookDeliveryStatus.Succeeded && d.DeliveredAt < cutoff)
                    .OrderBy(d => d.DeliveredAt).Take(batch)
                    .ExecuteDeleteAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }

            total += deleted;
            if (deleted < batch)
            {
                return total;
            }
        }
    }
}
