using FluentValidation;
using Loyalty.Application.Abstractions;
using Loyalty.Application.Features.Audit;
using Loyalty.Application.Features.Customised.Notifications;
using Loyalty.Contracts.Admin;
using Loyalty.Domain.Customised.Notifications;
using Loyalty.Domain.Social.ClubEvents;
using Mediator;

namespace Loyalty.Application.Features.Social.ClubEvents;

public sealed record CreateClubEventCommand(string Actor, ClubEventRequest Request) : ICommand<ClubEventResponse>, ITransactionalCommand;

public sealed class CreateClubEventValidator : AbstractValidator<CreateClubEventCommand>
{
    public CreateClubEventValidator() => RuleFor(c => c.Request).NotNull().SetValidator(new ClubEventRequestValidator());
}

public sealed class CreateClubEventHandler(ILoyaltyDbContext db, InterestNotifications notifications, AuditTrail audit, TimeProvider clock) : ICommandHandler<CreateClubEventCommand, ClubEventResponse>
{
    public async ValueTask<ClubEventResponse> Handle(CreateClubEventCommand command, CancellationToken cancellationToken)
    {
        var (terms, tiers) = await ClubEventTermsReader.ReadAsync(db, command.Request, cancellationToken);
        var topics = await ContentInterestTags.ResolveAsync(db, command.Request.Interests, cancellationToken);
        var now = clock.GetUtcNow();
        var clubEvent = ClubEvent.Create(terms, tiers, now);
        db.ClubEvents.Add(clubEvent);
        await ContentInterestTags.SetAsync(db, NotificationContentKind.ClubEvent, clubEvent.Id, topics, cancellationToken);
        var response = ClubEvents.ToResponse(clubEvent, ClubEventCounts.None, await ContentInterestTags.CodesOfAsync(db, topics, cancellationToken));
        audit.Record<ClubEventResponse>(command.Actor, "club_event.created", "club_event", clubEvent.Id, null, response);
        await db.SaveChangesAsync(cancellationToken); // the event and its topics exist before the fan-out joins them
        await ClubEvents.NotifyIfOpenAsync(notifications, clubEvent, now, cancellationToken);
        return response;
    }
}
