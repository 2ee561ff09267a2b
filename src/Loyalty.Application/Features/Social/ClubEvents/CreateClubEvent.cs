using FluentValidation;
using Loyalty.Application.Abstractions;
using Loyalty.Application.Features.Audit;
using Loyalty.Contracts.Admin;
using Loyalty.Domain.Social.ClubEvents;
using Mediator;

namespace Loyalty.Application.Features.Social.ClubEvents;

public sealed record CreateClubEventCommand(string Actor, ClubEventRequest Request) : ICommand<ClubEventResponse>, ITransactionalCommand;

public sealed class CreateClubEventValidator : AbstractValidator<CreateClubEventCommand>
{
    public CreateClubEventValidator() => RuleFor(c => c.Request).NotNull().SetValidator(new ClubEventRequestValidator());
}

public sealed class CreateClubEventHandler(ILoyaltyDbContext db, AuditTrail audit, TimeProvider clock) : ICommandHandler<CreateClubEventCommand, ClubEventResponse>
{
    public async ValueTask<ClubEventResponse> Handle(CreateClubEventCommand command, CancellationToken cancellationToken)
    {
        var (terms, tiers) = await ClubEventTermsReader.ReadAsync(db, command.Request, cancellationToken);
        var clubEvent = ClubEvent.Create(terms, tiers, clock.GetUtcNow());
        db.ClubEvents.Add(clubEvent);
        var response = ClubEvents.ToResponse(clubEvent, ClubEventCounts.None);
        audit.Record<ClubEventResponse>(command.Actor, "club_event.created", "club_event", clubEvent.Id, null, response);
        await db.SaveChangesAsync(cancellationToken);
        return response;
    }
}
