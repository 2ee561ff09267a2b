using Loyalty.Application.Abstractions;
using Loyalty.Application.Common;
using Loyalty.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Infrastructure.Idempotency;

/// <summary>The key the current request claimed, if any; set by the HTTP idempotency layer for the request's scope.</summary>
public sealed class CurrentIdempotencyKey
{
    public (string Scope, string Key)? Claimed { get; set; }
}

/// <summary>
/// Marks the current request's idempotency record as committed, as part of the business transaction's batch, and
/// (for a request that claimed a key) holds that transaction open until the response is known, then writes the
/// response into the same record in the same batch and commits. A committed request therefore always has a stored
/// response: there is no moment when its effects exist and its answer does not, and no separate write after the commit.
/// On SQLite the key is held in process and has no record yet (see <see cref="IdempotencyStore"/>): the record is
/// inserted whole, response and mark included, in the same batch, so the purchase commits once.
/// </summary>
public sealed class IdempotencyCommitJournal(CurrentIdempotencyKey current, IdempotencyStore store, TimeProvider clock) : ICommitJournal, IAsyncDisposable
{
    private LoyaltyDbContext? _context;
    private IdempotencyRecord? _mark;
    private InFlightClaim? _unwritten;
    private (string Scope, string Key) _key;
    private WriteTransaction? _pending;

    /// <summary>True while a unit of work waits for <see cref="CommitAsync"/> (or <see cref="RollBackAsync"/>).</summary>
    public bool HasPendingCommit => _pending is not null;

    public void Enlist(ILoyaltyDbContext db)
    {
        if (current.Claimed is not { } claimed || db is not LoyaltyDbContext context)
        {
            return;
        }

        _context = context;
        _key = claimed;
        if (_mark is null && (_unwritten is not null || store.TryGetUnwritten(claimed.Scope, claimed.Key, out _unwritten)))
        {
            return; // no record yet: it is inserted with the response, in the commit
        }

        // A stub with just the key: EF writes "UPDATE ... SET CommittedAt WHERE Scope AND Key" and checks one row changed.
        _mark ??= new IdempotencyRecord { Scope = claimed.Scope, Key = claimed.Key };
        Track(context, _mark);
        _mark.CommittedAt = clock.GetUtcNow();
        context.Entry(_mark).Property(r => r.CommittedAt).IsModified = true;
    }

    public bool TryTakeOver(WriteTransaction transaction)
    {
        if ((_mark is null && _unwritten is null) || _pending is not null)
        {
            return false;
        }

        _pending = transaction;
        return true;
    }

    /// <summary>Saves the unit of work with the response in its batch, and commits.</summary>
    public async Task CommitAsync(int statusCode, string? contentType, string body, CancellationToken cancellationToken)
    {
        var transaction = _pending ?? throw new InvalidOperationException("No unit of work is waiting for its response.");
        _pending = null;
        await using (transaction)
        {
            if (_unwritten is { } claim)
            {
                await CommitWithRecordAsync(_context!, claim, transaction, statusCode, contentType, body, cancellationToken);
                store.Leave(_key.Scope, _key.Key, claim);
                return;
            }

            var context = _context!;
            var mark = _mark!;
            if (Track(context, mark))
            {
                context.Entry(mark).Property(r => r.CommittedAt).IsModified = true; // the handler cleared its change tracker
            }

            mark.StatusCode = statusCode;
            mark.ContentType = contentType;
            mark.ResponseBody = body;
            var entry = context.Entry(mark);
            // No savepoint around this save (two round trips): the transaction commits or rolls back as a whole.
            context.Database.AutoSavepointsEnabled = false;
            try
            {
                if (context.HasPendingInserts && TracksOnly(context, mark))
                {
                    // A purchase at the till: its untracked rows and this record's response in one command.
                    var type = entry.Metadata;
                    await context.SaveInsertsAsync(new UnitOfWorkInserts.Update(type, mark, [Property(type, nameof(IdempotencyRecord.CommittedAt)), Property(type, nameof(IdempotencyRecord.StatusCode)), Property(type, nameof(IdempotencyRecord.ContentType)), Property(type, nameof(IdempotencyRecord.ResponseBody))]), cancellationToken);
                    entry.State = EntityState.Unchanged;
                }
                else
                {
                    entry.Property(r => r.StatusCode).IsModified = true;
                    entry.Property(r => r.ContentType).IsModified = true;
                    entry.Property(r => r.ResponseBody).IsModified = true;
                    await context.SaveChangesAsync(cancellationToken);
                }

                await transaction.CommitAsync(cancellationToken);
            }
            finally
            {
                context.Database.AutoSavepointsEnabled = true;
            }
        }
    }

    /// <summary>
    /// SQLite: the key's record, whole, joins the unit of work's untracked rows (one command with the purchase's rows),
    /// then anything EF tracks is saved and the transaction commits: the one commit of the request.
    /// </summary>
    private async Task CommitWithRecordAsync(LoyaltyDbContext context, InFlightClaim claim, WriteTransaction transaction, int statusCode, string? contentType, string body, CancellationToken cancellationToken)
    {
        var record = store.NewRecord(_key.Scope, _key.Key, claim);
        record.CommittedAt = clock.GetUtcNow();
        record.StatusCode = statusCode;
        record.ContentType = contentType;
        record.ResponseBody = body;
        context.Database.AutoSavepointsEnabled = false; // the transaction commits or rolls back as a whole
        try
        {
            context.InsertWithUnitOfWork(record);
            await context.SaveChangesAsync(cancellationToken); // the untracked rows first, the record with them
            await transaction.CommitAsync(cancellationToken);
        }
        finally
        {
            context.Database.AutoSavepointsEnabled = true;
        }
    }

    /// <summary>The request failed after its handler: nothing it did commits.</summary>
    public async ValueTask RollBackAsync()
    {
        if (_pending is { } transaction)
        {
            _pending = null;
            await transaction.DisposeAsync();
        }
    }

    public ValueTask DisposeAsync() => RollBackAsync();

    /// <summary>True when EF has nothing to save but the record (the untracked rows can then carry its update).</summary>
    private static bool TracksOnly(LoyaltyDbContext context, IdempotencyRecord mark)
    {
        foreach (var entry in context.ChangeTracker.Entries())
        {
            if (!ReferenceEquals(entry.Entity, mark) && entry.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            {
                return false;
            }
        }

        return true;
    }

    private static Microsoft.EntityFrameworkCore.Metadata.IProperty Property(Microsoft.EntityFrameworkCore.Metadata.IEntityType type, string name) =>
        type.FindProperty(name) ?? throw new InvalidOperationException($"IdempotencyRecord has no {name}.");

    /// <summary>Attaches the stub unless it is tracked already; true when it had to be attached again.</summary>
    private static bool Track(LoyaltyDbContext context, IdempotencyRecord mark)
    {
        if (context.Entry(mark).State != EntityState.Detached)
        {
            return false;
        }

        context.IdempotencyRecords.Attach(mark);
        return true;
    }
}
