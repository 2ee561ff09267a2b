using Loyalty.Application.Abstractions;
using Loyalty.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Infrastructure.Idempotency;

/// <summary>The key the current request claimed, if any; set by the HTTP idempotency layer for the request's scope.</summary>
public sealed class CurrentIdempotencyKey
{
    public (string Scope, string Key)? Claimed { get; set; }
}

/// <summary>Marks the current request's idempotency record as committed, on the business transaction's own connection.</summary>
public sealed class IdempotencyCommitJournal(CurrentIdempotencyKey current, TimeProvider clock) : ICommitJournal
{
    public async Task RecordCommitAsync(ILoyaltyDbContext db, CancellationToken cancellationToken)
    {
        if (current.Claimed is not { } claimed || db is not LoyaltyDbContext context)
        {
            return;
        }

        var now = clock.GetUtcNow();
        await context.IdempotencyRecords
            .Where(r => r.Scope == claimed.Scope && r.Key == claimed.Key)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.CommittedAt, now), cancellationToken);
    }
}
