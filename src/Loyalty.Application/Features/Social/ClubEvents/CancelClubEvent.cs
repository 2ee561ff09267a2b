using FluentValidation;
using Loyalty.Application.Abstractions;
using Loyalty.Application.Features.Audit;
using Loyalty.Application.Features.Structural.Outbox;
using Loyalty.Contracts.Admin;
using Loyalty.Contracts.Events;
using Loyalty.Domain.Social.ClubEvents;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Social.ClubEvents;

/// <summary>Cancels an event: every registration and waiting place is cancelled and each member notified through the outbox. Audited.</summary>
public sealed record CancelClubEventCommand(string Actor, Guid EventId, CancelClubEventRequest Request) : ICommand<ClubEventResponse>, ITransactionalCommand;

public sealed class CancelClubEventValidator : AbstractValidator<CancelClubEventCommand>
{
    public CancelClubEventValidator()
    {
        RuleFor(c => c.Request).NotNull();
        RuleFor(c => c.Request.Reason).NotEmpty().MaximumLength(ClubEventLimits.ReasonLength).When(c => c.Request is not null);
    }
}

public sealed class CancelClubEventHandler(ILoyaltyDbContext db, AuditTrail audit, EventOutbox outbox, TimeProvider clock) : ICommandHandler<CancelClubEventCommand, ClubEventResponse>
{
    public async ValueTask<ClubEventResponse> Handle(CancelClubEventCommand command, CancellationToken cancellationToken)
    {
        await ClubEvents.LockAsync(db, command.EventId, cancellationToken);
        var clubEvent = await db.ClubEvents.Include(e => e.Tiers).SingleAsync(e => e.Id == command.EventId, cancellationToken);
        var before = await ClubEvents.ResponseAsync(db, clubEvent, cancellationToken);
        var now = clock.GetUtcNow();
        clubEvent.Cancel(command.Request.Reason, now);

        var active = await (from r in db.ClubEventRegistrations
                            join m in db.Members on r.MemberId equals m.Id
                            where r.ClubEventId == clubEvent.Id && (r.Status == RegistrationStatus.Registered || r.Status == RegistrationStatus.Waitlisted)
                            select new { Registration = r, m.MemberNumber }).ToListAsync(cancellationToken);
        foreach (var a in active)
        {
            var wasWaiting = a.Registration.Status == RegistrationStatus.Waitlisted;
            a.Registration.Cancel(now);
            outbox.Add(
                new ClubEventCancelledV1(a.MemberNumber, a.Registration.Id, clubEvent.Id, clubEvent.Title, clubEvent.StartsAt, WasWaitlisted: wasWaiting, clubEvent.CancellationReason, now),
                a.Registration.MemberId,
                clubEvent.PartnerId);
        }

        await db.SaveChangesAsync(cancellationToken);
        var after = await ClubEvents.ResponseAsync(db, clubEvent, cancellationToken);
        audit.Record(command.Actor, "club_event.cancelled", "club_event", clubEvent.Id, before, after);
        await db.SaveChangesAsync(cancellationToken);
        return after;
    }
}
