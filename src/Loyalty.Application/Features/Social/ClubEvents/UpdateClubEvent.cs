using FluentValidation;
using Loyalty.Application.Abstractions;
using Loyalty.Application.Features.Audit;
using Loyalty.Application.Features.Customised.Notifications;
using Loyalty.Application.Features.Structural.Outbox;
using Loyalty.Contracts.Admin;
using Loyalty.Domain.Customised.Notifications;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Social.ClubEvents;

/// <summary>Replaces an event's terms (PUT). Raising the capacity gives the new places to the waiting list at once. Audited.</summary>
public sealed record UpdateClubEventCommand(string Actor, Guid EventId, ClubEventRequest Request) : ICommand<ClubEventResponse>, ITransactionalCommand;

public sealed class UpdateClubEventValidator : AbstractValidator<UpdateClubEventCommand>
{
    public UpdateClubEventValidator() => RuleFor(c => c.Request).NotNull().SetValidator(new ClubEventRequestValidator());
}

public sealed class UpdateClubEventHandler(ILoyaltyDbContext db, InterestNotifications notifications, AuditTrail audit, EventOutbox outbox, TimeProvider clock) : ICommandHandler<UpdateClubEventCommand, ClubEventResponse>
{
    public async ValueTask<ClubEventResponse> Handle(UpdateClubEventCommand command, CancellationToken cancellationToken)
    {
        await ClubEvents.LockAsync(db, command.EventId, cancellationToken);
        var clubEvent = await db.ClubEvents.Include(e => e.Tiers).SingleAsync(e => e.Id == command.EventId, cancellationToken);
        var counts = await ClubEvents.CountAsync(db, clubEvent.Id, cancellationToken);
        var interests = await ContentInterestTags.CodesAsync(db, NotificationContentKind.ClubEvent, clubEvent.Id, cancellationToken);
        var before = ClubEvents.ToResponse(clubEvent, counts, interests);

        var (terms, tiers) = await ClubEventTermsReader.ReadAsync(db, command.Request, cancellationToken);
        var topics = await ContentInterestTags.ResolveAsync(db, command.Request.Interests, cancellationToken);
        var now = clock.GetUtcNow();
        clubEvent.Revise(terms, tiers, counts.PlacesTaken, now);
        await ClubEvents.PromoteWaitlistAsync(db, outbox, clubEvent, now, cancellationToken);

        await ContentInterestTags.SetAsync(db, NotificationContentKind.ClubEvent, clubEvent.Id, topics, cancellationToken);
        var after = ClubEvents.ToResponse(clubEvent, await ClubEvents.CountAsync(db, clubEvent.Id, cancellationToken), await ContentInterestTags.CodesOfAsync(db, topics, cancellationToken));
        audit.Record(command.Actor, "club_event.updated", "club_event", clubEvent.Id, before, after);
        await db.SaveChangesAsync(cancellationToken);
        if (!after.Interests.SequenceEqual(interests))
        {
            await ClubEvents.NotifyIfOpenAsync(notifications, clubEvent, now, cancellationToken); // new topics, new members concerned
        }
        return after;
    }
}
