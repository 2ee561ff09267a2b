using Loyalty.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Loyalty.Infrastructure.Idempotency;

public sealed class IdempotencyOptions
{
    /// <summary>How long a completed response is replayed. The design promises at least 24 hours.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromHours(24);

    /// <summary>After this, an unfinished first attempt is presumed dead and a retry may run the request again.</summary>
    public TimeSpan InFlightLease { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often expired records are deleted.</summary>
    public TimeSpan PurgeInterval { get; set; } = TimeSpan.FromMinutes(10);
}

public abstract record IdempotencyDecision
{
    /// <summary>This request owns the key now: run it, then <see cref="IdempotencyStore.CompleteAsync"/> or <see cref="IdempotencyStore.ReleaseAsync"/>.</summary>
    public sealed record Proceed : IdempotencyDecision;

    public sealed record Replay(int StatusCode, string? ContentType, string? Body) : IdempotencyDecision;

    public sealed record InFlight : IdempotencyDecision;

    public sealed record KeyReused : IdempotencyDecision;

    /// <summary>The first attempt committed its effects but died before storing its response: running it again would repeat them.</summary>
    public sealed record ResponseLost : IdempotencyDecision;
}

/// <summary>
/// Stores first responses per caller and key. It uses its own short-lived context so that claiming a key commits
/// at once, outside the request's business transaction: a concurrent duplicate sees the claim immediately.
/// A key is stored with a response only when one was really sent; a failed attempt releases the key.
/// </summary>
public sealed class IdempotencyStore(IDbContextFactory<LoyaltyDbContext> contexts, TimeProvider clock, IOptions<IdempotencyOptions> options)
{
    public async Task<IdempotencyDecision> BeginAsync(string scope, string key, string requestHash, CancellationToken cancellationToken)
    {
        // Two passes at most: a claim lost to a concurrent request, or an expired/abandoned record we removed.
        for (var attempt = 0; attempt < 3; attempt++)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var now = clock.GetUtcNow();
            var existing = await db.IdempotencyRecords.AsNoTracking().SingleOrDefaultAsync(r => r.Scope == scope && r.Key == key, cancellationToken);
            if (existing is null)
            {
                db.IdempotencyRecords.Add(new IdempotencyRecord
                {
                    Scope = scope,
                    Key = key,
                    RequestHash = requestHash,
                    CreatedAt = now,
                    LockedUntil = now + options.Value.InFlightLease,
                    ExpiresAt = now + options.Value.Retention,
                });
                try
                {
                    await db.SaveChangesAsync(cancellationToken);
                    return new IdempotencyDecision.Proceed();
                }
                catch (DbUpdateException)
                {
                    continue; // someone claimed it between our read and insert: look again
                }
            }

            if (existing.ExpiresAt <= now)
            {
                await db.IdempotencyRecords.Where(r => r.Scope == scope && r.Key == key && r.ExpiresAt <= now).ExecuteDeleteAsync(cancellationToken);
                continue;
            }

            if (!string.Equals(existing.RequestHash, requestHash, StringComparison.Ordinal))
            {
                return new IdempotencyDecision.KeyReused();
            }

            if (existing.StatusCode is { } status)
            {
                return new IdempotencyDecision.Replay(status, existing.ContentType, existing.ResponseBody);
            }

            if (existing.LockedUntil > now)
            {
                return new IdempotencyDecision.InFlight();
            }

            if (existing.CommittedAt is not null)
            {
                return new IdempotencyDecision.ResponseLost();
            }

            // The first attempt's lease ran out before it committed anything (its process died): take the key over, once.
            var taken = await db.IdempotencyRecords
                .Where(r => r.Scope == scope && r.Key == key && r.StatusCode == null && r.CommittedAt == null && r.LockedUntil == existing.LockedUntil)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.LockedUntil, now + options.Value.InFlightLease), cancellationToken);
            return taken == 1 ? new IdempotencyDecision.Proceed() : new IdempotencyDecision.InFlight();
        }

        return new IdempotencyDecision.InFlight();
    }

    public async Task CompleteAsync(string scope, string key, int statusCode, string? contentType, string body, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.IdempotencyRecords
            .Where(r => r.Scope == scope && r.Key == key)
            .ExecuteUpdateAsync(
                s => s.SetProperty(r => r.StatusCode, statusCode)
                      .SetProperty(r => r.ContentType, contentType)
                      .SetProperty(r => r.ResponseBody, body),
                cancellationToken);
    }

    /// <summary>The attempt failed without a response worth keeping: free the key so a retry runs for real.</summary>
    public async Task ReleaseAsync(string scope, string key, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.IdempotencyRecords.Where(r => r.Scope == scope && r.Key == key && r.StatusCode == null && r.CommittedAt == null).ExecuteDeleteAsync(cancellationToken);
    }
}
