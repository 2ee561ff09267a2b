using Loyalty.Application.Abstractions;
using Loyalty.Application.Features.Social.Lifecycle;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Customised.AccountManagers;

/// <summary>
/// Account management in the member's export and erasure: who looks after them and since when, the assignment
/// history, the priority flag, the key-account file and its interaction log. Erasure deletes the file (contacts,
/// needs, terms), the log (staff's notes about the person), the flag and the assignment, and blanks the reasons in
/// the assignment history; the history's ids and times stay.
/// </summary>
public sealed class AccountManagerDataSection(ILoyaltyDbContext db) : IMemberDataSection
{
    public string Name => "accountManagement";

    public async ValueTask<object?> ExportAsync(Guid memberId, CancellationToken cancellationToken)
    {
        var manager = await (from a in db.PortfolioAssignments.AsNoTracking()
                             join m in db.AccountManagers.AsNoTracking() on a.ManagerId equals m.Id
                             where a.MemberId == memberId
                             select new { managerId = m.Id, name = m.Name, email = m.Email, assignedAt = a.AssignedAt }).SingleOrDefaultAsync(cancellationToken);
        var history = await db.AssignmentChanges.AsNoTracking().Where(c => c.MemberId == memberId).OrderBy(c => c.ChangedAt)
            .Select(c => new { fromManagerId = c.FromManagerId, toManagerId = c.ToManagerId, changedAt = c.ChangedAt, reason = c.Reason }).ToListAsync(cancellationToken);
        var priority = await db.PriorityServiceMembers.AsNoTracking().Where(p => p.MemberId == memberId)
            .Select(p => new { reason = p.Reason, setAt = p.SetAt }).SingleOrDefaultAsync(cancellationToken);
        var file = await db.KeyAccountFiles.AsNoTracking().SingleOrDefaultAsync(f => f.MemberId == memberId, cancellationToken);
        var interactions = await db.KeyAccountInteractions.AsNoTracking().Where(i => i.MemberId == memberId).OrderBy(i => i.OccurredAt).ToListAsync(cancellationToken);
        return new
        {
            manager,
            assignmentHistory = history,
            priorityService = priority,
            keyAccount = file is null ? null : new
            {
                kind = file.Kind.ToString().ToLowerInvariant(),
                company = file.Company,
                contacts = file.Contacts,
                needs = file.Needs,
                equipment = file.Equipment,
                terms = file.Terms,
                nextReviewAt = file.NextReviewAt,
                createdAt = file.CreatedAt,
                updatedAt = file.UpdatedAt,
                interactions = interactions.Select(i => new
                {
                    kind = i.Kind.ToString().ToLowerInvariant(),
                    occurredAt = i.OccurredAt,
                    summary = i.Summary,
                    outcome = i.Outcome,
                    nextStep = i.NextStep,
                    nextStepDueAt = i.NextStepDueAt,
                    nextStepDoneAt = i.NextStepDoneAt,
                }).ToList(),
            },
        };
    }

    public async ValueTask EraseAsync(Guid memberId, CancellationToken cancellationToken)
    {
        db.KeyAccountInteractions.RemoveRange(await db.KeyAccountInteractions.Where(i => i.MemberId == memberId).ToListAsync(cancellationToken));
        db.KeyAccountFiles.RemoveRange(await db.KeyAccountFiles.Where(f => f.MemberId == memberId).ToListAsync(cancellationToken));
        db.PriorityServiceMembers.RemoveRange(await db.PriorityServiceMembers.Where(p => p.MemberId == memberId).ToListAsync(cancellationToken));
        db.PortfolioAssignments.RemoveRange(await db.PortfolioAssignments.Where(a => a.MemberId == memberId).ToListAsync(cancellationToken));
        foreach (var change in await db.AssignmentChanges.Where(c => c.MemberId == memberId).ToListAsync(cancellationToken))
        {
            change.ForgetReason();
        }

        // Interactions go before their file (foreign key), whatever order the context would pick.
        await db.SaveChangesAsync(cancellationToken);
    }
}
