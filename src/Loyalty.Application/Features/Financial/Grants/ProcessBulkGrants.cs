using FluentValidation;
using Loyalty.Application.Abstractions;
using Loyalty.Application.Common;
using Loyalty.Application.Features.Financial.Ledger;
using Loyalty.Contracts;
using Loyalty.Domain.Financial.Grants;
using Loyalty.Domain.Financial.Ledger;
using Loyalty.Domain.Social.Members;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Financial.Grants;

/// <summary>Credits pending grant items, a batch at a time. Returns how many members were credited.</summary>
public sealed record ProcessBulkGrantsCommand(int ItemsPerBatch = 200) : ICommand<int>;

/// <summary>
/// Reads pending items a page at a time (one grant per page) and credits each member in a transaction of its own:
/// an item is claimed by a conditional update (pending → credited) in the same transaction as the member's credit,
/// so a second instance waits on that row and then finds it no longer pending, and nobody is credited twice. One
/// account per transaction also means a grant never holds one member's lock while waiting for another's.
/// </summary>
public sealed class ProcessBulkGrantsHandler(ILoyaltyDbContext db, PointsLedger ledger, IWriteGate writeGate, TimeProvider clock) : ICommandHandler<ProcessBulkGrantsCommand, int>
{
    public async ValueTask<int> Handle(ProcessBulkGrantsCommand command, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(command.ItemsPerBatch, 1);
        var credited = 0;
        while (true)
        {
            var grantId = await db.BulkGrantItems.Where(i => i.Status == BulkGrantItemStatus.Pending)
                .OrderBy(i => i.Id).Select(i => (Guid?)i.GrantId).FirstOrDefaultAsync(cancellationToken);
            if (grantId is not { } id)
            {
                return credited;
            }

            var grant = await db.BulkGrants.AsNoTracking().SingleAsync(g => g.Id == id, cancellationToken);
            var batch = await CreditBatchAsync(grant, command.ItemsPerBatch, cancellationToken);
            db.ChangeTracker.Clear();
            if (batch is null)
            {
                return credited; // pending items without a member cannot happen; never spin on them
            }

            credited += batch.Value;
        }
    }

    private async Task<int?> CreditBatchAsync(BulkGrant grant, int size, CancellationToken cancellationToken)
    {
        var items = await (from i in db.BulkGrantItems.AsNoTracking()
                           join m in db.Members.AsNoTracking() on i.MemberId equals m.Id
                           where i.GrantId == grant.Id && i.Status == BulkGrantItemStatus.Pending
                           orderby i.Id
                           select new { i.Id, MemberId = m.Id, m.Status })
                          .Take(size).ToListAsync(cancellationToken);
        if (items.Count == 0)
        {
            return null;
        }

        var credited = 0;
        foreach (var item in items)
        {
            var now = clock.GetUtcNow();
            var failure = item.Status switch
            {
                MemberStatus.Suspended => ErrorCodes.MemberSuspended,
                MemberStatus.Closed => ErrorCodes.MemberClosed,
                MemberStatus.Merged => ErrorCodes.MemberMerged,
                _ => null,
            };
            await using var transaction = await WriteTransaction.BeginAsync(db, writeGate, cancellationToken);
            var claimed = await db.BulkGrantItems
                .Where(i => i.Id == item.Id && i.Status == BulkGrantItemStatus.Pending)
                .ExecuteUpdateAsync(
                    s => s.SetProperty(i => i.Status, failure is null ? BulkGrantItemStatus.Credited : BulkGrantItemStatus.Failed)
                          .SetProperty(i => i.FailureCode, failure)
                          .SetProperty(i => i.ProcessedAt, now),
                    cancellationToken);
            if (claimed == 1 && failure is null)
            {
                var entry = LedgerEntry.Create(item.MemberId, LedgerEntryType.Bonus, grant.Points, grant.Reason, now, new LedgerReferences(ReferenceId: grant.Id, Actor: grant.CreatedBy));
                await ledger.CreditAsync(entry, cancellationToken);
                credited++;
            }

            await transaction.CommitAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }

        return credited;
    }
}
