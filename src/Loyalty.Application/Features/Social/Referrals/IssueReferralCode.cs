using FluentValidation;
using Loyalty.Application.Abstractions;
using Loyalty.Domain.Social.Referrals;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Social.Referrals;

/// <summary>Gives a member who has none their referral code; a concurrent first visit that won the race wins.</summary>
public sealed record IssueReferralCodeCommand(Guid MemberId) : ICommand<ReferralCode>, ITransactionalCommand;

public sealed class IssueReferralCodeHandler(ILoyaltyDbContext db, TimeProvider clock) : ICommandHandler<IssueReferralCodeCommand, ReferralCode>
{
    public async ValueTask<ReferralCode> Handle(IssueReferralCodeCommand command, CancellationToken cancellationToken)
    {
        var existing = await db.MemberReferralCodes.Where(c => c.MemberId == command.MemberId).Select(c => c.Code).FirstOrDefaultAsync(cancellationToken);
        if (existing is not null)
        {
            return ReferralCode.FromStored(existing);
        }

        var code = await ReferralCodes.UnusedAsync(db, cancellationToken);
        db.MemberReferralCodes.Add(MemberReferralCode.Issue(command.MemberId, code, clock.GetUtcNow()));
        await db.SaveChangesAsync(cancellationToken);
        return code;
    }
}
