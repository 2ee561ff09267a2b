using FluentValidation;
using Loyalty.Application.Abstractions;
using Loyalty.Application.Features.Audit;
using Loyalty.Contracts.Admin;
using Loyalty.Domain.Customised.AccountManagers;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Customised.AccountManagers;

/// <summary>Flags (or unflags) a member for priority service; a manager may do it for the members they look after.</summary>
public sealed record SetMemberPriorityCommand(StaffCaller Caller, Guid MemberId, MemberPriorityRequest Request) : ICommand<PriorityServiceResponse>, ITransactionalCommand;

public sealed class SetMemberPriorityValidator : AbstractValidator<SetMemberPriorityCommand>
{
    public SetMemberPriorityValidator() => RuleFor(c => c.Request.Reason).MaximumLength(500);
}

public sealed class SetMemberPriorityHandler(ILoyaltyDbContext db, IPriorityService priority, AuditTrail audit, TimeProvider clock)
    : ICommandHandler<SetMemberPriorityCommand, PriorityServiceResponse>
{
    public async ValueTask<PriorityServiceResponse> Handle(SetMemberPriorityCommand command, CancellationToken cancellationToken)
    {
        await Portfolio.EnsureMemberAsync(db, command.Caller, command.MemberId, cancellationToken);
        var flag = await db.PriorityServiceMembers.SingleOrDefaultAsync(p => p.MemberId == command.MemberId, cancellationToken);
        if (flag is not null)
        {
            db.PriorityServiceMembers.Remove(flag);
            await db.SaveChangesAsync(cancellationToken); // a new flag replaces the old one, with its reason and time
        }

        if (command.Request.Priority)
        {
            db.PriorityServiceMembers.Add(PriorityServiceMember.Flag(command.MemberId, command.Request.Reason, command.Caller.Actor, clock.GetUtcNow()));
        }

        audit.Record<object>(command.Caller.Actor, "member.priority_service_changed", "member", command.MemberId,
            new { priority = flag is not null }, new { priority = command.Request.Priority, reason = command.Request.Reason?.Trim() });
        await db.SaveChangesAsync(cancellationToken);
        return (await priority.GetAsync(command.MemberId, cancellationToken))!;
    }
}
