using Loyalty.Application.Abstractions;
using Loyalty.Application.Common;
using Loyalty.Application.Features.Audit;
using Loyalty.Application.Features.Financial.Policies;
using Loyalty.Application.Features.Structural.Outbox;
using Loyalty.Contracts.Admin;
using Loyalty.Contracts.Events;
using Loyalty.Domain.Financial.Policies;
using Loyalty.Domain.Social.Members;
using PointsOnClose = Loyalty.Domain.Financial.Policies.PointsOnClose;

namespace Loyalty.Application.Features.Social.Lifecycle;

/// <summary>Closing, shared by staff and the member's own request.</summary>
public sealed class MemberClosing(ILoyaltyDbContext db, MemberLifecycle lifecycle, PointsPolicyCache policies, AuditTrail audit, EventOutbox outbox, TimeProvider clock)
{
    public async Task<(Member Member, long Forfeited, MemberLifecycleResponse Response)> CloseAsync(
        Guid memberId, string actor, string reason, PointsOnClose? pointsOnClose, string who, CancellationToken cancellationToken)
    {
        var member = await lifecycle.LockAsync(memberId, cancellationToken);
        var before = WireValue.Name(member.Status);
        var now = clock.GetUtcNow();
        member.Close(now); // refuses a closed or merged member before anything else happens
        var policy = await policies.GetAsync(db, cancellationToken);
        var points = pointsOnClose ?? policy.PointsOnClose;
        await lifecycle.EnsureNoOpenHoldsAsync(member.Id, who, cancellationToken);

        audit.Record<object>(actor, "member.closed", "member", member.Id, new { status = before }, new { status = WireValue.Name(member.Status), pointsOnClose = WireValue.Name(points), reason });
        outbox.Add(new MemberClosedV1(member.Id, member.MemberNumber, WireValue.Of<PointsOnCloseValue>(points), now), member.Id, null);
        var forfeited = points == PointsOnClose.Forfeit
            ? await lifecycle.ForfeitAllAsync(member.Id, "Points forfeited: membership closed", actor, now, cancellationToken)
            : 0;
        await db.SaveChangesAsync(cancellationToken);
        return (member, forfeited, await lifecycle.ResponseAsync(member, forfeited, cancellationToken));
    }
}
