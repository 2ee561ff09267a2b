using FluentValidation;
using Loyalty.Application.Abstractions;
using Loyalty.Application.Common;
using Loyalty.Application.Errors;
using Loyalty.Application.Features.Audit;
using Loyalty.Application.Features.Financial.Ledger;
using Loyalty.Contracts.Admin;
using Loyalty.Domain.Financial.Grants;
using Loyalty.Domain.Financial.Ledger;
using Loyalty.Domain.Social.Members;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Financial.Grants;

/// <summary>Records a bulk grant and one item per member; the grant job credits them afterwards.</summary>
public sealed record CreateBulkGrantCommand(string Actor, CreateBulkGrantRequest Request) : ICommand<BulkGrantResponse>, ITransactionalCommand;

public sealed class CreateBulkGrantValidator : AbstractValidator<CreateBulkGrantCommand>
{
    public CreateBulkGrantValidator()
    {
        RuleFor(c => c.Request.Reason).NotEmpty().MaximumLength(500);
        RuleFor(c => c.Request.Points).InclusiveBetween(1, BulkGrant.MaxPoints);
        RuleFor(c => c.Request.MemberNumbers).NotEmpty()
            .Must(n => n.Count <= BulkGrant.MaxMembers).WithMessage($"memberNumbers may list at most {BulkGrant.MaxMembers} members; split larger grants.");
        RuleForEach(c => c.Request.MemberNumbers).NotEmpty().MaximumLength(BulkGrantItem.MaxInputLength).When(c => c.Request.MemberNumbers is not null);
    }
}

public sealed class CreateBulkGrantHandler(ILoyaltyDbContext db, AuditTrail audit, TimeProvider clock) : ICommandHandler<CreateBulkGrantCommand, BulkGrantResponse>
{
    private const int LookupChunk = 1_000; // keeps every query far below SQL Server's 2,100 parameters

    public async ValueTask<BulkGrantResponse> Handle(CreateBulkGrantCommand command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var grant = BulkGrant.Create(command.Request.Reason, command.Request.Points, command.Actor, now);
        var recipients = BulkGrantRecipients.From(command.Request.MemberNumbers);

        var members = new Dictionary<string, (Guid Id, MemberStatus Status)>(StringComparer.Ordinal);
        foreach (var chunk in recipients.Numbers.Chunk(LookupChunk))
        {
            var found = await db.Members.AsNoTracking().Where(m => chunk.Contains(m.MemberNumber))
                .Select(m => new { m.Id, m.MemberNumber, m.Status }).ToListAsync(cancellationToken);
            foreach (var m in found)
            {
                members[m.MemberNumber] = (m.Id, m.Status);
            }
        }

        db.BulkGrants.Add(grant);
        foreach (var number in recipients.Numbers)
        {
            db.BulkGrantItems.Add(members.TryGetValue(number, out var member)
                ? BulkGrantItem.ForMember(grant.Id, number, member.Id)
                : BulkGrantItem.Failure(grant.Id, number, "member_not_found", now));
        }

        foreach (var entry in recipients.Invalid)
        {
            db.BulkGrantItems.Add(BulkGrantItem.Failure(grant.Id, entry, "invalid_member_number", now));
        }

        var total = recipients.Numbers.Count + recipients.Invalid.Count;
        audit.Record<object>(command.Actor, "grant.created", "bulk_grant", grant.Id, null, new
        {
            reason = grant.Reason,
            points = grant.Points,
            members = total,
            notFound = recipients.Numbers.Count - members.Count,
            invalid = recipients.Invalid.Count,
        });
        await db.SaveChangesAsync(cancellationToken);
        return await BulkGrantProgress.LoadAsync(db, grant.Id, cancellationToken);
    }
}

public sealed record GetBulkGrantQuery(Guid Id) : IQuery<BulkGrantResponse>;

public sealed class GetBulkGrantHandler(ILoyaltyDbContext db) : IQueryHandler<GetBulkGrantQuery, BulkGrantResponse>
{
    public async ValueTask<BulkGrantResponse> Handle(GetBulkGrantQuery query, CancellationToken cancellationToken) =>
        await BulkGrantProgress.LoadAsync(db, query.Id, cancellationToken);
}

internal static class BulkGrantProgress
{
    public const int MaxFailuresListed = 1_000;

    public static async Task<BulkGrantResponse> LoadAsync(ILoyaltyDbContext db, Guid id, CancellationToken cancellationToken)
    {
        var grant = await db.BulkGrants.AsNoTracking().SingleOrDefaultAsync(g => g.Id == id, cancellationToken)
            ?? throw AppException.NotFound("grant_not_found", "No bulk grant has this id.");
        var counts = await db.BulkGrantItems.AsNoTracking().Where(i => i.GrantId == id)
            .GroupBy(i => i.Status).Select(g => new { Status = g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        int Count(BulkGrantItemStatus status) => counts.Where(c => c.Status == status).Sum(c => c.Count);
        var failures = await db.BulkGrantItems.AsNoTracking().Where(i => i.GrantId == id && i.Status == BulkGrantItemStatus.Failed)
            .OrderBy(i => i.Id).Take(MaxFailuresListed + 1)
            .Select(i => new BulkGrantFailure(i.MemberNumber, i.FailureCode ?? "failed")).ToListAsync(cancellationToken);

        var pending = Count(BulkGrantItemStatus.Pending);
        return new BulkGrantResponse(
            grant.Id,
            grant.Reason,
            grant.Points,
            pending > 0 ? "processing" : "completed",
            counts.Sum(c => c.Count),
            Count(BulkGrantItemStatus.Credited),
            Count(BulkGrantItemStatus.Failed),
            pending,
            failures.Take(MaxFailuresListed).ToList(),
            failures.Count > MaxFailuresListed,
            grant.CreatedBy,
            grant.CreatedAt);
    }
}

/// <summary>Credits pending grant items, a batch at a time. Returns how many members were credited.</summary>
public sealed record ProcessBulkGrantsCommand(int ItemsPerBatch = 200) : ICommand<int>;

/// <summary>
/// Reads pending items a page at a time (one grant per page) and credits each member in a transaction of its own:
/// an item is claimed by a conditional UPDATE (pending → credited) in the same transaction as the member's credit,
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
                MemberStatus.Suspended => "member_suspended",
                MemberStatus.Closed => "member_closed",
                MemberStatus.Merged => "member_merged",
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
