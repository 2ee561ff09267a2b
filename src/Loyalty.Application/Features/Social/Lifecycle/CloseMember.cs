using FluentValidation;
using Loyalty.Application.Abstractions;
using Loyalty.Application.Common;
using Loyalty.Contracts.Admin;
using Loyalty.Domain.Financial.Policies;
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
        RuleFor(c => c.Request.PointsOnClose).IsInEnum();
        RuleFor(c => c.Request.LeavingReason).IsInEnum();
        RuleFor(c => c.Request.LeavingReasonText).MaximumLength(Domain.Care.Surveys.MemberLeavingReason.MaxTextLength);
    }
}

public sealed class CloseMemberHandler(ILoyaltyDbContext db, MemberClosing closing) : ICommandHandler<CloseMemberCommand, MemberLifecycleResponse>
{
    public async ValueTask<MemberLifecycleResponse> Handle(CloseMemberCommand command, CancellationToken cancellationToken)
    {
        var closed = await closing.CloseAsync(command.MemberId, command.Actor, command.Request.Reason.Trim(), WireValue.OfNullable<Domain.Financial.Policies.PointsOnClose>(command.Request.PointsOnClose), "The member", cancellationToken);
        // The reason for leaving, when staff record one, is kept for the care reports (Features/Care/Surveys).
        Care.Surveys.LeavingReasons.Record(db, closed.Member.Id, closed.Member.TierId, command.Request.LeavingReason, command.Request.LeavingReasonText, Domain.Care.Surveys.LeavingReasonSource.Staff, closed.Member.StatusChangedAt!.Value);
        await db.SaveChangesAsync(cancellationToken);
        return closed.Response;
    }
}
