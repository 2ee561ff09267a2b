using Loyalty.Application.Abstractions;
using Loyalty.Application.Features.Structural.Webhooks;
using Loyalty.Domain.Structural.Webhooks;
using Loyalty.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Infrastructure.Webhooks;

/// <summary>The webhook jobs' batch locks in each provider's SQL; runs on the caller's context, so inside its transaction.</summary>
public sealed class SqlWebhookBatchLocks(ILoyaltyDbContext db) : IWebhookBatchLocks
{
    public Task<List<Guid>> LockMessagesToFanOutAsync(int size, CancellationToken cancellationToken)
    {
        var sql = SetSql.For(db);
        var p = sql.NewParameters();
        var top = p.Add(size);
        var text = sql.IsSqlServer
            ? $"""SELECT TOP ({top}) m."Id" AS "Value" FROM "OutboxMessages" m WITH (UPDLOCK, ROWLOCK) WHERE m."FannedOutAt" IS NULL ORDER BY m."OccurredAt", m."Id" """
            : $"""SELECT m."Id" AS "Value" FROM "OutboxMessages" m WHERE m."FannedOutAt" IS NULL ORDER BY m."OccurredAt", m."Id" LIMIT {top}{(sql.SingleWriter ? "" : " FOR UPDATE")}""";
        return sql.Query<Guid>(db, text, p).ToListAsync(cancellationToken);
    }

    public Task<List<Guid>> LockDueDeliveriesAsync(DateTimeOffset now, int size, CancellationToken cancellationToken)
    {
        var sql = SetSql.For(db);
        var p = sql.NewParameters();
        var at = p.Add(now);
        var top = p.Add(size);
        var pending = p.Add(nameof(WebhookDeliveryStatus.Pending));
        var failed = p.Add(nameof(WebhookDeliveryStatus.Failed));
        var delivering = p.Add(nameof(WebhookDeliveryStatus.Delivering));
        var where = $"""
            s."Active" <> {sql.False}
            AND ((d."Status" IN ({pending}, {failed}) AND d."NextAttemptAt" <= {at}) OR (d."Status" = {delivering} AND d."LockedUntil" <= {at}))
            AND NOT EXISTS (
                SELECT 1 FROM "WebhookDeliveries" e
                WHERE e."SubscriptionId" = d."SubscriptionId" AND e."MemberId" = d."MemberId" AND e."Status" IN ({pending}, {failed}, {delivering})
                  AND (e."OccurredAt" < d."OccurredAt" OR (e."OccurredAt" = d."OccurredAt" AND e."MessageId" < d."MessageId")))
            """;
        var text = sql.IsSqlServer
            ? $"""SELECT TOP ({top}) d."Id" AS "Value" FROM "WebhookDeliveries" d WITH (UPDLOCK, READPAST, ROWLOCK) JOIN "WebhookSubscriptions" s ON s."Id" = d."SubscriptionId" WHERE {where} ORDER BY d."NextAttemptAt" """
            : $"""SELECT d."Id" AS "Value" FROM "WebhookDeliveries" d JOIN "WebhookSubscriptions" s ON s."Id" = d."SubscriptionId" WHERE {where} ORDER BY d."NextAttemptAt" LIMIT {top}{(sql.SingleWriter ? "" : " FOR UPDATE OF d SKIP LOCKED")}""";
        return sql.Query<Guid>(db, text, p).ToListAsync(cancellationToken);
    }
}
