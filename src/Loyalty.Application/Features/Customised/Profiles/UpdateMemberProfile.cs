using FluentValidation;
using Loyalty.Application.Abstractions;
using Loyalty.Application.Features.Audit;
using Loyalty.Contracts.Admin;
using Loyalty.Contracts.Member;
using Loyalty.Domain.Customised.Profiles;
using Mediator;

namespace Loyalty.Application.Features.Customised.Profiles;

/// <summary>
/// Staff change a member's profile (e.g. on the phone): the same rules as the app, every attribute (not only the
/// member-editable ones), consent changes recorded with source staff and the staff user. Audited with before and after.
/// </summary>
public sealed record UpdateMemberProfileCommand(string Actor, Guid MemberId, UpdateMyProfileRequest Request) : ICommand<AdminMemberProfileResponse>, ITransactionalCommand;

public sealed class UpdateMemberProfileValidator : AbstractValidator<UpdateMemberProfileCommand>
{
    public UpdateMemberProfileValidator() => RuleFor(c => c.Request).NotNull().SetValidator(new UpdateMyProfileRequestValidator());
}

public sealed class UpdateMemberProfileHandler(ILoyaltyDbContext db, ProfileUpdater updater, AuditTrail audit) : ICommandHandler<UpdateMemberProfileCommand, AdminMemberProfileResponse>
{
    public async ValueTask<AdminMemberProfileResponse> Handle(UpdateMemberProfileCommand command, CancellationToken cancellationToken)
    {
        var member = await StaffProfiles.FindMemberAsync(db, command.MemberId, cancellationToken);
        var before = await ProfileViews.ReadAsync(db, member.Id, member.MemberNumber, staff: true, cancellationToken);
        await updater.ApplyAsync(member.Id, command.Request, staff: true, ConsentSource.Staff, command.Actor, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        var after = await ProfileViews.ReadAsync(db, member.Id, member.MemberNumber, staff: true, cancellationToken);
        audit.Record(command.Actor, "member.profile_updated", "member", member.Id, before, after);
        await db.SaveChangesAsync(cancellationToken);
        return await ProfileViews.ReadForStaffAsync(db, member.Id, member.MemberNumber, cancellationToken);
    }
}
