using System.Collections.Concurrent;
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
/// Stores first responses per caller and key. A key is stored with a response only when one was really sent; a failed
/// attempt releases the key.
/// </summary>
/// <remarks>
/// Two ways to hold a key while its first request runs:
/// <list type="bullet">
/// <item>Server databases (several instances): the claim is a record committed at once, outside the request's business
/// transaction (before it begins), so a concurrent duplicate on any instance sees it immediately. The unit of work later
/// marks it committed and stores the response in its own commit (<see cref="IdempotencyCommitJournal"/>).</item>
/// <item>SQLite (one process owns the database file: one writer, queued in process): the claim is held in this process
/// (<see cref="InFlightClaim"/>), where every duplicate arrives, and the record is written only once, with the response,
/// in the unit of work's own commit. One commit per purchase instead of two, and nothing left to take over after a crash
/// (a dead process's claims die with it; nothing of them was committed). The record's primary key still refuses a
/// second record for the key, so even a request that outlived its lease cannot commit its effects twice.</item>
/// </list>
/// </remarks>
public sealed class IdempotencyStore(IDbContextFactory<LoyaltyDbContext> contexts, IWriteGate writeGate, TimeProvider clock, IOptions<IdempotencyOptions> options)
{
    // Inserts the claim unless the key exists, without a unique-key error; parameters typed by the record's own columns
    // (SQLite's instants as UTC ticks through the model's converter).
    private static readonly FixedStatement Claim = FixedStatement.OfColumns<IdempotencyRecord>(
        sql => sql.IsSqlServer
            ? """
                INSERT INTO "IdempotencyRecords" ("Scope", "Key", "RequestHash", "CreatedAt", "LockedUntil", "ExpiresAt")
                SELECT {0}, {1}, {2}, {3}, {4}, {5}
                WHERE NOT EXISTS (SELECT 1 FROM "IdempotencyRecords" WITH (UPDLOCK, HOLDLOCK) WHERE "Scope" = {0} AND "Key" = {1})
                """
            : """
                INSERT INTO "IdempotencyRecords" ("Scope", "Key", "RequestHash", "CreatedAt", "LockedUntil", "ExpiresAt")
                VALUES ({0}, {1}, {2}, {3}, {4}, {5})
                ON CONFLICT DO NOTHING
                """,
        nameof(IdempotencyRecord.Scope),
        nameof(IdempotencyRecord.Key),
        nameof(IdempotencyRecord.RequestHash),
        nameof(IdempotencyRecord.CreatedAt),
        nameof(IdempotencyRecord.LockedUntil),
        nameof(IdempotencyRecord.ExpiresAt));

    private static readonly HotQuery<Func<DbContext, string, string, CancellationToken, Task<IdempotencyRecord?>>> FindRecord = new(() =>
        EF.CompileAsyncQuery((DbContext db, string scope, string key, CancellationToken ct) =>
            db.Set<IdempotencyRecord>().AsNoTracking().SingleOrDefault(r => r.Scope == scope && r.Key == key)));

    /// <summary>The keys held in this process whose record is not written yet (SQLite only).</summary>
    private readonly ConcurrentDictionary<(string Scope, string Key), InFlightClaim> _inFlight = new();

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

        if (writeGate.SingleWriter)
        {
            return await BeginInProcessAsync(db, scope, key, requestHash, cancellationToken);
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

            var existing = await FindRecord.For(db)(db, scope, key, cancellationToken);
            if (existing is null)
            {
                continue; // its holder released it between our insert and our read: try to claim it again
            }

            if (existing.ExpiresAt <= now)
            {
                await db.IdempotencyRecords.Where(r => r.Scope == scope && r.Key == key && r.ExpiresAt <= now).ExecuteDeleteAsync(cancellationToken);
                continue;
            }

            if (Decide(existing, requestHash, now) is { } decision)
            {
                return decision;
            }

            // The first attempt's lease ran out before it committed anything (its process died): take the key over, once.
            var taken = await db.IdempotencyRecords
                .Where(r => r.Scope == scope && r.Key == key && r.StatusCode == null && r.CommittedAt == null && r.LockedUntil == existing.LockedUntil)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.LockedUntil, now + options.Value.InFlightLease), cancellationToken);
            return taken == 1 ? new IdempotencyDecision.Proceed() : new IdempotencyDecision.InFlight();
        }

        return new IdempotencyDecision.InFlight();
    }

    /// <summary>
    /// The key's claim when this process holds it and its record is not written yet: the unit of work then inserts the
    /// record (<see cref="NewRecord"/>) with its response, in its own commit.
    /// </summary>
    public bool TryGetUnwritten(string scope, string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out InFlightClaim? claim) =>
        _inFlight.TryGetValue((scope, key), out claim);

    /// <summary>The record of a key claimed in this process, as it is inserted with its response.</summary>
    public IdempotencyRecord NewRecord(string scope, string key, InFlightClaim claim)
    {
        ArgumentNullException.ThrowIfNull(claim);
        return new IdempotencyRecord
        {
            Scope = scope,
            Key = key,
            RequestHash = claim.RequestHash,
            CreatedAt = claim.ClaimedAt,
            LockedUntil = claim.LockedUntil,
            ExpiresAt = claim.ClaimedAt + options.Value.Retention,
        };
    }

    /// <summary>
    /// Lets go of a claim held in this process: its record committed (the key is answered from the database from now on),
    /// or its request had nothing to write. Only this claim: one that took the key over after its lease stays.
    /// </summary>
    public void Leave(string scope, string key, InFlightClaim claim) => _inFlight.TryRemove(KeyValuePair.Create((scope, key), claim));

    /// <summary>Inserts the claim unless the key exists; true when this call inserted it. Never raises a unique-key error.</summary>
    private async Task<bool> TryClaimAsync(LoyaltyDbContext db, string scope, string key, string requestHash, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var turn = await writeGate.EnterAsync(cancellationToken);
        return await Claim.ExecuteAsync(db, [scope, key, requestHash, now, now + options.Value.InFlightLease, now + options.Value.Retention], cancellationToken) == 1;
    }

    public async Task CompleteAsync(string scope, string key, int statusCode, string? contentType, string body, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (_inFlight.TryGetValue((scope, key), out var claim))
        {
            // Claimed in this process: the record is written now, with its response.
            var record = NewRecord(scope, key, claim);
            record.StatusCode = statusCode;
            record.ContentType = contentType;
            record.ResponseBody = body;
            db.IdempotencyRecords.Add(record);
            await using (await writeGate.EnterAsync(cancellationToken))
            {
                await db.SaveChangesAsync(cancellationToken);
            }

            Leave(scope, key, claim);
            return;
        }

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
        if (_inFlight.TryRemove((scope, key), out _))
        {
            return; // held in this process: nothing of it was written (a record that committed stays, with its response)
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var turn = await writeGate.EnterAsync(cancellationToken);
        await db.IdempotencyRecords.Where(r => r.Scope == scope && r.Key == key && r.StatusCode == null && r.CommittedAt == null).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>What a stored record says to a request with <paramref name="requestHash"/>; null when its claim is abandoned.</summary>
    private static IdempotencyDecision? Decide(IdempotencyRecord existing, string requestHash, DateTimeOffset now)
    {
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

        return null;
    }

    /// <summary>
    /// SQLite: holds the key in this process (no write, no commit), then reads what earlier requests committed for it.
    /// Every request of the database's one process passes here, so a duplicate of a running request finds its claim.
    /// </summary>
    private async Task<IdempotencyDecision> BeginInProcessAsync(LoyaltyDbContext db, string scope, string key, string requestHash, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var id = (scope, key);
        var claim = new InFlightClaim(requestHash, now, now + options.Value.InFlightLease);
        if (!_inFlight.TryAdd(id, claim))
        {
            if (!_inFlight.TryGetValue(id, out var holder))
            {
                holder = _inFlight.GetOrAdd(id, claim); // released meanwhile: claim it now
            }

            if (!ReferenceEquals(holder, claim))
            {
                if (!string.Equals(holder.RequestHash, requestHash, StringComparison.Ordinal))
                {
                    return new IdempotencyDecision.KeyReused();
                }

                // A first attempt that outlived its lease (stuck) may be taken over once, as after a crash.
                if (holder.LockedUntil > now || !_inFlight.TryUpdate(id, claim, holder))
                {
                    return new IdempotencyDecision.InFlight();
                }
            }
        }

        IdempotencyDecision decision;
        try
        {
            decision = await ReadCommittedAsync(db, scope, key, requestHash, now, cancellationToken);
        }
        catch
        {
            Leave(scope, key, claim); // nothing of ours was written: the key is free again
            throw;
        }

        if (decision is not IdempotencyDecision.Proceed)
        {
            Leave(scope, key, claim); // answered from what committed: nothing of ours to write
        }

        return decision;
    }

    /// <summary>What committed requests left for the key; Proceed when nothing (or only a dead or expired record) is there.</summary>
    private async Task<IdempotencyDecision> ReadCommittedAsync(LoyaltyDbContext db, string scope, string key, string requestHash, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var existing = await FindRecord.For(db)(db, scope, key, cancellationToken);
        if (existing is null)
        {
            return new IdempotencyDecision.Proceed();
        }

        if (existing.ExpiresAt <= now)
        {
            return await DeleteAsync(db.IdempotencyRecords.Where(r => r.Scope == scope && r.Key == key && r.ExpiresAt <= now), cancellationToken);
        }

        if (Decide(existing, requestHash, now) is { } stored)
        {
            return stored;
        }

        // A claim committed by an earlier version (or by a server-database run) whose process died: it never committed
        // anything, so it goes, and the record is written with this attempt's response.
        var lockedUntil = existing.LockedUntil;
        return await DeleteAsync(db.IdempotencyRecords.Where(r => r.Scope == scope && r.Key == key && r.StatusCode == null && r.CommittedAt == null && r.LockedUntil == lockedUntil), cancellationToken);
    }

    /// <summary>Deletes a record that no longer holds its key (rare: an expired or abandoned one), at once.</summary>
    private async Task<IdempotencyDecision> DeleteAsync(IQueryable<IdempotencyRecord> record, CancellationToken cancellationToken)
    {
        await using var turn = await writeGate.EnterAsync(cancellationToken);
        return await record.ExecuteDeleteAsync(cancellationToken) == 1 ? new IdempotencyDecision.Proceed() : new IdempotencyDecision.InFlight();
    }
}

/// <summary>A key held in this process while its first request runs (SQLite; see <see cref="IdempotencyStore"/>).</summary>
public sealed class InFlightClaim(string requestHash, DateTimeOffset claimedAt, DateTimeOffset lockedUntil)
{
    public string RequestHash { get; } = requestHash;

    public DateTimeOffset ClaimedAt { get; } = claimedAt;

    /// <summary>Until then a duplicate is told the first is in flight; after it, a retry may take the key over (a stuck attempt).</summary>
    public DateTimeOffset LockedUntil { get; } = lockedUntil;
}
