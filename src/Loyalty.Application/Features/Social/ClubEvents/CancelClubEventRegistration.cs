using Loyalty.Application.Abstractions;
using Loyalty.Application.Errors;
using Loyalty.Application.Features.Social.Members;
using Loyalty.Application.Features.Structural.Outbox;
using Loyalty.Contracts;
using Loyalty.Contracts.Member;
using Loyalty.Domain.Social.ClubEvents;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Social.ClubEvents;

/// <summary>
/// Cancels the member's registration or leaves the waiting list. A place given up before the event starts goes to
/// the first member waiting, in the same transaction.
/// </summary>
public sealed record CancelClubEventRegistrationCommand(string Subject, Guid EventId) : ICommand<ClubEventRegistrationResponse>, ITransactionalCommand;

public sealed class CancelClubEventRegistrationHandler(ILoyaltyDbContext db, EventOutbox outbox, TimeProvider clock) : ICommandHandler<CancelClubEventRegistrationCommand, ClubEventRegistrationResponse>
{
    public async ValueTask<ClubEventRegistrationResponse> Handle(CancelClubEventRegistrationCommand command, CancellationToken cancellationToken)
    {
        var member = await MemberLookup.FindBySubjectAsync(db, command.Subject, cancellationToken);
        await ClubEvents.LockAsync(db, command.EventId, cancellationToken);
        var registration = await db.ClubEventRegistrations.SingleOrDefaultAsync(r => r.ClubEventId == command.EventId && r.MemberId == member.Id, cancellationToken)
            ?? throw AppException.NotFound(ErrorCodes.RegistrationNotFound, "You are not registered for this event.");
        var clubEvent = await db.ClubEvents.AsNoTracking().SingleAsync(e => e.Id == command.EventId, cancellationToken);

        var now = clock.GetUtcNow();
        clubEvent.EnsureMemberCanCancel(registration.Status, now);
        var gaveUpPlace = registration.Status == RegistrationStatus.Registered;
        registration.Cancel(now);
        if (gaveUpPlace)
        {
            await ClubEvents.PromoteWaitlistAsync(db, outbox, clubEvent, now, cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        return await MemberClubEventViews.RegistrationAsync(db, clubEvent, registration, cancellationToken);
    }
}
