using FluentValidation;
using Loyalty.Application.Abstractions;
using Loyalty.Application.Features.Structural.Stores;
using Loyalty.Contracts.Common;
using Loyalty.Contracts.Partner;
using Loyalty.Domain.Social.Members;
using Mediator;

namespace Loyalty.Application.Features.Social.Members;

/// <summary>A partner signs a customer up at the till; the card number comes back for the receipt.</summary>
public sealed record EnrolMemberAtStoreCommand(Guid PartnerId, EnrolMemberRequest Request) : ICommand<EnrolledMemberResponse>, ITransactionalCommand;

public sealed class EnrolMemberAtStoreValidator : AbstractValidator<EnrolMemberAtStoreCommand>
{
    public EnrolMemberAtStoreValidator(TimeProvider clock)
    {
        RuleFor(c => c.Request.StoreId).NotEmpty();
        MemberDetailsRules.Apply(this, c => c.Request.FirstName, c => c.Request.LastName, c => c.Request.Email, c => c.Request.Phone, c => c.Request.BirthDate, c => c.Request.ReferralCode, () => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
    }
}

public sealed class EnrolMemberAtStoreHandler(ILoyaltyDbContext db, MemberEnrolment enrolment) : ICommandHandler<EnrolMemberAtStoreCommand, EnrolledMemberResponse>
{
    public async ValueTask<EnrolledMemberResponse> Handle(EnrolMemberAtStoreCommand command, CancellationToken cancellationToken)
    {
        var r = command.Request;
        var store = await PartnerStores.FindActiveAsync(db, command.PartnerId, r.StoreId, cancellationToken);
        var (member, tier) = await enrolment.EnrolAsync(
            new MemberDetails(r.FirstName, r.LastName, r.Email, r.Phone, r.BirthDate), Domain.Social.Members.EnrolmentChannel.Store, null, command.PartnerId, store.Id, r.ReferralCode, cancellationToken);
        return new EnrolledMemberResponse(member.Id, member.MemberNumber, member.DisplayName, new TierSummary(tier.Id, tier.Name, tier.Rank), member.EnrolledAt);
    }
}
