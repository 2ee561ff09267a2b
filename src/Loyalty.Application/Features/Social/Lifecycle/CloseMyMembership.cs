using FluentValidation;
using Loyalty.Application.Abstractions;
using Loyalty.Application.Common;
using Loyalty.Application.Features.Social.Members;
using Loyalty.Contracts.Member;
using Mediator;

namespace Loyalty.Application.Features.Social.Lifecycle;

/// <summary>The member closes their own membership from the app; points follow the programme's default.</summary>
public sealed record CloseMyMembershipCommand(string Subject, CloseMyMembershipRequest Request) : ICommand<MembershipClosedResponse>, ITransactionalCommand;

public sealed class CloseMyMembershipValidator : AbstractValidator<CloseMyMembershipCommand>
{
    public CloseMyMembershipValidator()
    {
        RuleFor(c => c.Request.Confirm).Equal(true).WithMessage("confirm must be true: closing is final and points may be forfeited.");
        RuleFor(c => c.Request.LeavingReason).IsInEnum();
        RuleFor(c => c.Request.LeavingReasonText).MaximumLength(Domain.Care.Surveys.MemberLeavingReason.MaxTextLength);
    }
}

public sealed class CloseMyMembershipHandler(ILoyaltyDbContext db, MemberClosing closing) : ICommandHandler<CloseMyMembershipCommand, MembershipClosedResponse>
{
    public async ValueTask<MembershipClosedResponse> Handle(CloseMyMembershipCommand command, CancellationToken cancellationToken)
    {
        var me = await MemberLookup.FindBySubjectAsync(db, command.Subject, cancellationToken);
        var (member, forfeited, response) = await closing.CloseAsync(me.Id, "member:" + command.Subject, "Closed by the member", pointsOnClose: null, "You", cancellationToken);
        Care.Surveys.LeavingReasons.Record(db, member.Id, member.TierId, command.Request.LeavingReason, command.Request.LeavingReasonText, Domain.Care.Surveys.LeavingReasonSource.Self, member.StatusChangedAt!.Value);
        await db.SaveChangesAsync(cancellationToken);
        return new MembershipClosedResponse(WireValue.Of<Contracts.Common.MemberStatus>(member.Status), forfeited, response.AvailablePoints, member.StatusChangedAt!.Value);
    }
}
