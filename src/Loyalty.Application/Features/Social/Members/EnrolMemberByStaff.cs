using FluentValidation;
using Loyalty.Application.Abstractions;
using Loyalty.Application.Errors;
using Loyalty.Application.Features.Audit;
using Loyalty.Application.Features.Customised.Profiles;
using Loyalty.Contracts;
using Loyalty.Contracts.Admin;
using Loyalty.Contracts.Member;
using Loyalty.Domain.Customised.Profiles;
using Loyalty.Domain.Social.Members;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Social.Members;

/// <summary>
/// Staff enrol a member (a desk, a phone call, a paper form): the same enrolment as the app and the till, channel admin,
/// with the consents the person gave recorded with source staff. Audited.
/// </summary>
public sealed record EnrolMemberByStaffCommand(string Actor, StaffEnrolMemberRequest Request) : ICommand<AdminMemberResponse>, ITransactionalCommand;

public sealed class EnrolMemberByStaffValidator : AbstractValidator<EnrolMemberByStaffCommand>
{
    public EnrolMemberByStaffValidator(TimeProvider clock)
    {
        MemberDetailsRules.Apply(this, c => c.Request.FirstName, c => c.Request.LastName, c => c.Request.Email, c => c.Request.Phone, c => c.Request.BirthDate, _ => null, () => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
        RuleFor(c => c.Request.Consents).SetValidator(new ConsentListValidator<ConsentUpdate>(c => (c.Purpose, c.Channel))!).When(c => c.Request.Consents is not null);
    }
}

public sealed class EnrolMemberByStaffHandler(ILoyaltyDbContext db, MemberEnrolment enrolment, ConsentBook consents, AuditTrail audit) : ICommandHandler<EnrolMemberByStaffCommand, AdminMemberResponse>
{
    public async ValueTask<AdminMemberResponse> Handle(EnrolMemberByStaffCommand command, CancellationToken cancellationToken)
    {
        var r = command.Request;
        Guid? partnerId = null;
        if (r.StoreId is { } storeId)
        {
            partnerId = await db.Stores.AsNoTracking().Where(s => s.Id == storeId).Select(s => (Guid?)s.PartnerId).SingleOrDefaultAsync(cancellationToken)
                ?? throw AppException.NotFound(ErrorCodes.StoreNotFound, "No store has this id.");
        }

        var (member, _) = await enrolment.EnrolAsync(
            new MemberDetails(r.FirstName, r.LastName, r.Email, r.Phone, r.BirthDate), EnrolmentChannel.Admin, null, partnerId, r.StoreId, null, cancellationToken);
        var given = await consents.ApplyAsync(member.Id, (r.Consents ?? []).Select(c => (c.Purpose, c.Channel, c.Granted)), ConsentSource.Staff, command.Actor, cancellationToken);
        // The audit says that staff enrolled and which consents they recorded; the personal details are in the member row.
        audit.Record<object>(command.Actor, "member.enrolled", "member", member.Id, null, new
        {
            member.MemberNumber,
            channel = "admin",
            r.StoreId,
            consents = given.Select(c => new { purpose = c.Purpose.ToString(), channel = c.Channel.ToString(), c.Granted }),
        });
        await db.SaveChangesAsync(cancellationToken);
        return await AdminMemberProjection.Project(db, db.Members.AsNoTracking().Where(m => m.Id == member.Id)).SingleAsync(cancellationToken);
    }
}
