using Loyalty.Application.Abstractions;
using Loyalty.Application.Features.Audit;
using Loyalty.Application.Features.Structural.Outbox;
using Loyalty.Contracts.Admin;
using Loyalty.Domain.Structural.Outbox;
using Mediator;

namespace Loyalty.Application.Features.Social.Lifecycle;

public sealed class ChangeMemberStatusHandler(ILoyaltyDbContext db, MemberLifecycle lifecycle, AuditTrail audit, EventOutbox outbox, TimeProvider clock)
    : ICommandHandler<SuspendMemberCommand, MemberLifecycleResponse>, ICommandHandler<ReactivateMemberCommand, MemberLifecycleResponse>
{
    public ValueTask<MemberLifecycleResponse> Handle(SuspendMemberCommand command, CancellationToken cancellationToken) =>
        ChangeAsync(command.Actor, command.MemberId, command.Request.Reason, suspend: true, cancellationToken);

    public ValueTask<MemberLifecycleResponse> Handle(ReactivateMemberCommand command, CancellationToken cancellationToken) =>
        ChangeAsync(command.Actor, command.MemberId, command.Request.Reason, suspend: false, cancellationToken);

    private async ValueTask<MemberLifecycleResponse> ChangeAsync(string actor, Guid memberId, string reason, bool suspend, CancellationToken cancellationToken)
    {
        var member = await lifecycle.LockAsync(memberId, cancellationToken);
        var before = member.Status.ToString();
        var now = clock.GetUtcNow();
        if (suspend)
        {
            member.Suspend(now);
        }
        else
        {
            member.Reactivate(now);
        }

        reason = reason.Trim();
        var (action, type) = suspend ? ("member.suspended", EventTypes.MemberSuspended) : ("member.reactivated", EventTypes.MemberReactivated);
        audit.Record<object>(actor, action, "member", member.Id, new { status = before }, new { status = member.Status.ToString(), reason });
        outbox.Add(type, member.Id, null, new { memberId = member.Id, memberNumber = member.MemberNumber, status = member.Status.ToString(), occurredAt = now });
        await db.SaveChangesAsync(cancellationToken);
        return await lifecycle.ResponseAsync(member, 0, cancellationToken);
    }
}
