using FluentValidation;
using Loyalty.Application.Abstractions;
using Loyalty.Application.Features.Social.Members;
using Loyalty.Contracts.Admin;
using Loyalty.Contracts.Partner;
using Loyalty.Domain.Social.ClubEvents;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Social.ClubEvents;

/// <summary>Staff check a registered member in at the door; the attendance points are credited once.</summary>
public sealed record StaffCheckInCommand(string Actor, Guid EventId, StaffCheckInRequest Request) : ICommand<ClubEventCheckInResponse>, ITransactionalCommand;

public sealed class StaffCheckInValidator : AbstractValidator<StaffCheckInCommand>
{
    public StaffCheckInValidator()
    {
        RuleFor(c => c.Request).NotNull();
        RuleFor(c => c.Request.MemberNumber).NotEmpty().When(c => c.Request is not null);
    }
}

public sealed class StaffCheckInHandler(ClubEventCheckIn checkIn, ILoyaltyDbContext db) : ICommandHandler<StaffCheckInCommand, ClubEventCheckInResponse>
{
    public async ValueTask<ClubEventCheckInResponse> Handle(StaffCheckInCommand command, CancellationToken cancellationToken)
    {
        await ClubEvents.LockAsync(db, command.EventId, cancellationToken);
        var clubEvent = await db.ClubEvents.AsNoTracking().SingleAsync(e => e.Id == command.EventId, cancellationToken);
        var member = await MemberLookup.FindByNumberAsync(db, command.Request.MemberNumber, cancellationToken);
        return await checkIn.CheckInAsync(clubEvent, member, new CheckInBy(CheckInChannel.Staff, command.Actor, null, null), cancellationToken);
    }
}
