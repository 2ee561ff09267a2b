using Loyalty.Application.Abstractions;
using Loyalty.Infrastructure.Persistence;

namespace Loyalty.Infrastructure.Idempotency;

/// <summary>The key the current request claimed, if any; set by the HTTP idempotency layer for the request's scope.</summary>
public sealed class CurrentIdempotencyKey
{
    public (string Scope, string Key)? Claimed { get; set; }
}

/// <summary>Marks the current request's idempotency record as committed, as part of the business transaction's batch.</summary>
public sealed class IdempotencyCommitJournal(CurrentIdempotencyKey current, TimeProvider clock) : ICommitJournal
{
    public void Enlist(ILoyaltyDbContext db)
    {
        if (current.Claimed is not { } claimed || db is not LoyaltyDbContext context)
        {
            return;
        }

        // A stub with just the key: EF writes "UPDATE ... SET CommittedAt WHERE Scope AND Key" and checks one row changed.
        var record = context.IdempotencyRecords.Attach(new IdempotencyRecord { Scope = claimed.Scope, Key = claimed.Key });
        record.Entity.CommittedAt = clock.GetUtcNow();
        record.Property(r => r.CommittedAt).IsModified = true;
    }
}
