using FluentValidation;
using Loyalty.Application.Abstractions;
using Loyalty.Application.Errors;
using Loyalty.Application.Features.Audit;
using Loyalty.Contracts;
using Loyalty.Contracts.Admin;
using Loyalty.Domain.Customised.AccountManagers;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Customised.AccountManagers;

/// <summary>
/// Puts members in a manager's portfolio (typically from the suggestions). A member with another manager moves; one
/// already with this manager is left alone. Each move is kept in the member's assignment history and audited.
/// </summary>
public sealed record AssignMembersCommand(string Actor, Guid ManagerId, AssignMembersRequest Request) : ICommand<IReadOnlyList<MemberAccountManagerResponse>>, ITransactionalCommand;

public sealed class AssignMembersValidator : AbstractValidator<AssignMembersCommand>
{
    public const int MaxMembers = 200;

    public AssignMembersValidator()
    {
        RuleFor(c => c.Request.MemberIds).NotEmpty().Must(ids => ids.Count <= MaxMembers).WithMessage($"Assign at most {MaxMembers} members at once.")
            .Must(ids => ids.Distinct().Count() == ids.Count).WithMessage("Each member is listed once.");
        RuleFor(c => c.Request.Reason).NotEmpty().MaximumLength(AssignmentChange.MaxReasonLength);
    }
}

public sealed class AssignMembersHandler(ILoyaltyDbContext db, Assignments assignments)
    : ICommandHandler<AssignMembersCommand, IReadOnlyList<MemberAccountManagerResponse>>
{
    public async ValueTask<IReadOnlyList<MemberAccountManagerResponse>> Handle(AssignMembersCommand command, CancellationToken cancellationToken)
    {
        var manager = await Portfolio.FindManagerAsync(db, command.ManagerId, cancellationToken);
        var ids = command.Request.MemberIds;
        var found = await db.Members.Where(m => ids.Contains(m.Id)).Select(m => m.Id).ToListAsync(cancellationToken);
        if (found.Count != ids.Count)
        {
            throw AppException.NotFound(ErrorCodes.MemberNotFound, $"No member has the id {ids.First(id => !found.Contains(id))}.");
        }

        var result = await assignments.MoveAsync(command.Actor, ids, manager, command.Request.Reason, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return result;
    }
}

/// <summary>The one way members change manager, for the bulk and the single-member use cases.</summary>
public sealed class Assignments(ILoyaltyDbContext db, AuditTrail audit, TimeProvider clock)
{
    /// <summary>Moves the members to <paramref name="manager"/> (null: out of every portfolio), with history and audit.</summary>
    public async Task<IReadOnlyList<MemberAccountManagerResponse>> MoveAsync(
        string actor, IReadOnlyList<Guid> memberIds, AccountManager? manager, string reason, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var current = await db.PortfolioAssignments.Where(a => memberIds.Contains(a.MemberId)).ToDictionaryAsync(a => a.MemberId, cancellationToken);
        if (manager is not null)
        {
            var joining = memberIds.Count(id => !current.TryGetValue(id, out var a) || a.ManagerId != manager.Id);
            if (joining > 0)
            {
                manager.EnsureCanTake(await db.PortfolioAssignments.CountAsync(a => a.ManagerId == manager.Id, cancellationToken), joining);
            }
        }

        var result = new List<MemberAccountManagerResponse>();
        foreach (var memberId in memberIds)
        {
            current.TryGetValue(memberId, out var assignment);
            var from = assignment?.ManagerId;
            if (from != manager?.Id)
            {
                if (manager is null)
                {
                    db.PortfolioAssignments.Remove(assignment!);
                    db.AssignmentChanges.Add(AssignmentChange.Record(memberId, from, null, actor, reason, now));
                }
                else if (assignment is null)
                {
                    assignment = PortfolioAssignment.Assign(memberId, manager.Id, actor, now);
                    db.PortfolioAssignments.Add(assignment);
                    db.AssignmentChanges.Add(AssignmentChange.Record(memberId, null, manager.Id, actor, reason, now));
                }
                else
                {
                    db.AssignmentChanges.Add(assignment.MoveTo(manager.Id, actor, reason, now));
                }

                audit.Record<object>(actor, "member.account_manager_changed", "member", memberId, new { managerId = from }, new { managerId = manager?.Id, reason = reason.Trim() });
            }

            result.Add(manager is null
                ? new MemberAccountManagerResponse(memberId, null, null, null, null)
                : new MemberAccountManagerResponse(memberId, manager.Id, manager.Name, assignment!.AssignedAt, assignment.AssignedBy));
        }

        return result;
    }
}
