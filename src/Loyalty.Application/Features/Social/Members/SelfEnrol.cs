using FluentValidation;
using Loyalty.Application.Abstractions;
using Loyalty.Application.Errors;
using Loyalty.Contracts;
using Loyalty.Contracts.Common;
using Loyalty.Contracts.Member;
using Loyalty.Domain.Social.Members;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Social.Members;

/// <summary>Joining from the app: the token's subject becomes the member's identity, once.</summary>
public sealed record SelfEnrolCommand(string Subject, SelfEnrolRequest Request) : ICommand<MemberProfileResponse>, ITransactionalCommand;

public sealed class SelfEnrolValidator : AbstractValidator<SelfEnrolCommand>
{
    public SelfEnrolValidator(TimeProvider clock) =>
        MemberDetailsRules.Apply(this, c => c.Request.FirstName, c => c.Request.LastName, c => c.Request.Email, c => c.Request.Phone, c => c.Request.BirthDate, c => c.Request.ReferralCode, () => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
}

public sealed class SelfEnrolHandler(ILoyaltyDbContext db, MemberEnrolment enrolment) : ICommandHandler<SelfEnrolCommand, MemberProfileResponse>
{
    public async ValueTask<MemberProfileResponse> Handle(SelfEnrolCommand command, CancellationToken cancellationToken)
    {
        if (await db.Members.AnyAsync(m => m.ExternalId == command.Subject, cancellationToken))
        {
            throw AppException.Conflict(ErrorCodes.MemberAlreadyEnrolled, "You are already a member.");
        }

        var r = command.Request;
        var (member, tier) = await enrolment.EnrolAsync(
            new MemberDetails(r.FirstName, r.LastName, r.Email, r.Phone, r.BirthDate), Domain.Social.Members.EnrolmentChannel.App, command.Subject, null, null, r.ReferralCode, cancellationToken);
        return MemberProfiles.From(member, new TierSummary(tier.Id, tier.Name, tier.Rank));
    }
}
