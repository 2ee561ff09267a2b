using FluentValidation;
using Loyalty.Application.Abstractions;
using Loyalty.Application.Features.Audit;
using Loyalty.Application.Features.Financial.Policies;
using Loyalty.Application.Features.Social.Members;
using Loyalty.Application.Features.Structural.Outbox;
using Loyalty.Contracts.Admin;
using Loyalty.Contracts.Member;
using Loyalty.Domain.Financial.Policies;
using Loyalty.Domain.Social.Members;
using Loyalty.Domain.Structural.Outbox;
using Mediator;

namespace Loyalty.Application.Features.Social.Lifecycle;

/// <summary>
/// Staff close a membership for good. Forfeit: the available and pending points go in the same transaction as the
/// status change. Keep: they stay on the closed account (still expiring) so a merge into a new membership can carry
/// them over. Refused while points are on hold at a till.
/// </summary>
public sealed record CloseMemberCommand(string Actor, Guid MemberId, CloseMemberRequest Request) : ICommand<MemberLifecycleResponse>, ITransactionalCommand;

public sealed class CloseMemberValidator : AbstractValidator<CloseMemberCommand>
{
    public CloseMemberValidator()
    {
        RuleFor(c => c.Request.Reason).NotEmpty().MaximumLength(500);
        RuleFor(c => c.Request.PointsOnClose).IsEnumName(typeof(PointsOnClose), caseSensitive: false).When(c => c.Request.PointsOnClose is not null);
    }
}

public sealed class CloseMemberHandler(MemberClosing closing) : ICommandHandler<CloseMemberCommand, MemberLifecycleResponse>
{
    public async ValueTask<MemberLifecycleResponse> Handle(CloseMemberCommand command, CancellationToken cancellationToken)
    {
        var closed = await closing.CloseAsync(command.MemberId, command.Actor, command.Request.Reason.Trim(), command.Request.PointsOnClose, "The member", cancellationToken);
        return closed.Response;
    }
}

/// <summary>The member closes their own membership from the app; points follow the programme's default.</summary>
public sealed record CloseMyMembershipCommand(string Subject, CloseMyMembershipRequest Request) : ICommand<MembershipClosedResponse>, ITransactionalCommand;

public sealed class CloseMyMembershipValidator : AbstractValidator<CloseMyMembershipCommand>
{
    public CloseMyMembershipValidator() =>
        RuleFor(c => c.Request.Confirm).Equal(true).WithMessage("confirm must be true: closing is final and points may be forfeited.");
}

public sealed class CloseMyMembershipHandler(ILoyaltyDbContext db, MemberClosing closing) : ICommandHandler<CloseMyMembershipCommand, MembershipClosedResponse>
{
    public async ValueTask<MembershipClosedResponse> Handle(CloseMyMembershipCommand command, CancellationToken cancellationToken)
    {
        var me = await MemberLookup.FindBySubjectAsync(db, command.Subject, cancellationToken);
        var (member, forfeited, response) = await closing.CloseAsync(me.Id, "member:" + command.Subject, "Closed by the member", pointsOnClose: null, "You", cancellationToken);
        return new MembershipClosedResponse(member.Status.ToString(), forfeited, response.AvailablePoints, member.StatusChangedAt!.Value);
    }
}

/// <summary>Closing, shared by staff and the member's own request.</summary>
public sealed class MemberClosing(ILoyaltyDbContext db, MemberLifecycle lifecycle, PointsPolicyCache policies, AuditTrail audit, EventOutbox outbox, TimeProvider clock)
{
    public async Task<(Member Member, long Forfeited, MemberLifecycleResponse Response)> CloseAsync(
        Guid memberId, string actor, string reason, string? pointsOnClose, string who, CancellationToken cancellationToken)
    {
        var member = await lifecycle.LockAsync(memberId, cancellationToken);
        var before = member.Status.ToString();
        var now = clock.GetUtcNow();
        member.Close(now); // refuses a closed or merged member before anything else happens
        var policy = await policies.GetAsync(db, cancellationToken);
        var points = MemberLifecycle.ParsePointsOnClose(pointsOnClose, policy.PointsOnClose);
        await lifecycle.EnsureNoOpenHoldsAsync(member.Id, who, cancellationToken);

        audit.Record<object>(actor, "member.closed", "member", member.Id, new { status = before }, new { status = member.Status.ToString(), pointsOnClose = MemberLifecycleNames.Of(points), reason });
        outbox.Add(EventTypes.MemberClosed, member.Id, null, new { memberId = member.Id, memberNumber = member.MemberNumber, pointsOnClose = MemberLifecycleNames.Of(points), occurredAt = now });
        var forfeited = points == PointsOnClose.Forfeit
            ? await lifecycle.ForfeitAllAsync(member.Id, "Points forfeited: membership closed", actor, now, cancellationToken)
            : 0;
        await db.SaveChangesAsync(cancellationToken);
        return (member, forfeited, await lifecycle.ResponseAsync(member, forfeited, cancellationToken));
    }
}

internal static class MemberLifecycleNames
{
    public static string Of(PointsOnClose value) => value == PointsOnClose.Forfeit ? "forfeit" : "keep";
}
