using Loyalty.Application.Abstractions;
using Loyalty.Application.Common;
using Loyalty.Application.Features.Audit;
using Loyalty.Application.Features.Structural.Outbox;
using Loyalty.Contracts.Admin;
using Loyalty.Contracts.Events;
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
        var before = WireValue.Name(member.Status);
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
        audit.Record<object>(actor, suspend ? "member.suspended" : "member.reactivated", "member", member.Id, new { status = before }, new { status = WireValue.Name(member.Status), reason });
        var status = WireValue.Of<MemberStatusValue>(member.Status);
        if (suspend)
        {
            outbox.Add(new MemberSuspendedV1(member.Id, member.MemberNumber, status, now), member.Id, null);
        }
        else
        {
            outbox.Add(new MemberReactivatedV1(member.Id, member.MemberNumber, status, now), member.Id, null);
        }
        await db.SaveChangesAsync(cancellationToken);
        return await lifecycle.ResponseAsync(member, 0, cancellationToken);
    }
}
