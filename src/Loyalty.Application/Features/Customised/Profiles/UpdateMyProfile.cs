using FluentValidation;
using Loyalty.Application.Abstractions;
using Loyalty.Application.Features.Social.Members;
using Loyalty.Contracts.Member;
using Loyalty.Domain.Customised.Profiles;
using Mediator;

namespace Loyalty.Application.Features.Customised.Profiles;

/// <summary>The member changes their profile in the app; consent changes are recorded with source app.</summary>
public sealed record UpdateMyProfileCommand(string Subject, UpdateMyProfileRequest Request) : ICommand<MyProfileResponse>, ITransactionalCommand;

public sealed class UpdateMyProfileValidator : AbstractValidator<UpdateMyProfileCommand>
{
    public UpdateMyProfileValidator() => RuleFor(c => c.Request).NotNull().SetValidator(new UpdateMyProfileRequestValidator());
}

public sealed class UpdateMyProfileHandler(ILoyaltyDbContext db, ProfileUpdater updater) : ICommandHandler<UpdateMyProfileCommand, MyProfileResponse>
{
    public async ValueTask<MyProfileResponse> Handle(UpdateMyProfileCommand command, CancellationToken cancellationToken)
    {
        var me = await MemberLookup.FindBySubjectAsync(db, command.Subject, cancellationToken);
        await updater.ApplyAsync(me.Id, command.Request, staff: false, ConsentSource.App, actor: null, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return await ProfileViews.ReadAsync(db, me.Id, me.MemberNumber, staff: false, cancellationToken);
    }
}
