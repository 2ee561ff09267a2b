using Loyalty.Application.Abstractions;
using Loyalty.Application.Common;
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
    /// <summary>
    /// This request owns the key now: run it, then commit its response with its unit of work
    /// (<see cref="IdempotencyCommitJournal.CommitAsync"/>), or <see cref="IdempotencyStore.CompleteAsync"/> when it had
    /// none, or <see cref="IdempotencyStore.ReleaseAsync"/>.
    /// </summary>
    public sealed record Proceed : IdempotencyDecision;

    public sealed record Replay(int StatusCode, string? ContentType, string? Body) : IdempotencyDecision;

    public sealed record InFlight : IdempotencyDecision;

    public sealed record KeyReused : IdempotencyDecision;

    /// <summary>
    /// The first attempt committed its effects without its response: running it again would repeat them. Since the
    /// response commits with the effects (see <see cref="IdempotencyCommitJournal"/>), only a key committed by an
    /// earlier version, which stored responses after the commit, is left in this state.
    /// </summary>
    public sealed record ResponseLost : IdempotencyDecision;
}

/// <summary>
/// Stores first responses per caller and key. Claiming a key commits at once, outside the request's business
/// transaction (before it begins): a concurrent duplicate sees the claim immediately.
/// A key is stored with a response only when one was really sent; a failed attempt releases the key.
/// </summary>
public sealed class IdempotencyStore(IDbContextFactory<LoyaltyDbContext> contexts, IWriteGate writeGate, TimeProvider clock, IOptions<IdempotencyOptions> options)
{
    public async Task<IdempotencyDecision> BeginAsync(string scope, string key, string requestHash, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await BeginAsync(db, scope, key, requestHash, cancellationToken);
    }

    /// <summary>
    /// Claims the key on the request's own context, outside any transaction (each statement commits at once), so the
    /// claim, the unit of work and the stored response can share the request's one connection.
    /// </summary>
    public async Task<IdempotencyDecision> BeginAsync(LoyaltyDbContext db, string scope, string key, string requestHash, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (db.Database.CurrentTransaction is not null)
        {
            throw new InvalidOperationException("An idempotency claim must commit at once: claim before the unit of work begins.");
        }

        // Two passes at most: a claim lost to a concurrent request, or an expired/abandoned record we removed.
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var now = clock.GetUtcNow();

            // The usual case is a new key: try to claim it first, and read only when someone holds it already.
            if (await TryClaimAsync(db, scope, key, requestHash, now, cancellationToken))
            {
                return new IdempotencyDecision.Proceed();
            }

            var existing = await db.IdempotencyRecords.AsNoTracking().SingleOrDefaultAsync(r => r.Scope == scope && r.Key == key, cancellationToken);
            if (existing is null)
            {
                continue; // its holder released it between our insert and our read: try to claim it again
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

    /// <summary>Inserts the claim unless the key exists; true when this call inserted it. Never raises a unique-key error.</summary>
    private async Task<bool> TryClaimAsync(LoyaltyDbContext db, string scope, string key, string requestHash, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var provider = SetSql.For(db);
        var createdAt = provider.Instant(now);
        var lockedUntil = provider.Instant(now + options.Value.InFlightLease);
        var expiresAt = provider.Instant(now + options.Value.Retention);
        var sql = provider.IsSqlServer
            ? (FormattableString)$"""
                INSERT INTO "IdempotencyRecords" ("Scope", "Key", "RequestHash", "CreatedAt", "LockedUntil", "ExpiresAt")
                SELECT {scope}, {key}, {requestHash}, {createdAt}, {lockedUntil}, {expiresAt}
                WHERE NOT EXISTS (SELECT 1 FROM "IdempotencyRecords" WITH (UPDLOCK, HOLDLOCK) WHERE "Scope" = {scope} AND "Key" = {key})
                """
            : $"""
                INSERT INTO "IdempotencyRecords" ("Scope", "Key", "RequestHash", "CreatedAt", "LockedUntil", "ExpiresAt")
                VALUES ({scope}, {key}, {requestHash}, {createdAt}, {lockedUntil}, {expiresAt})
                ON CONFLICT DO NOTHING
                """;
        await using var turn = await writeGate.EnterAsync(cancellationToken);
        return await db.Database.ExecuteSqlAsync(sql, cancellationToken) == 1;
    }

    public async Task CompleteAsync(string scope, string key, int statusCode, string? contentType, string body, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var turn = await writeGate.EnterAsync(cancellationToken);
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
        await using var turn = await writeGate.EnterAsync(cancellationToken);
        await db.IdempotencyRecords.Where(r => r.Scope == scope && r.Key == key && r.StatusCode == null && r.CommittedAt == null).ExecuteDeleteAsync(cancellationToken);
    }
}
