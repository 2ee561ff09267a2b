using Loyalty.Application.Abstractions;
using Loyalty.Application.Features.Social.Members;
using Loyalty.Contracts.Member;
using Loyalty.Domain.Social.ClubEvents;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Social.ClubEvents;

/// <summary>
/// Registers the member: a place while there is one, else the waiting list (with the position). Registering again
/// while registered or waiting answers the existing registration; after a cancellation it joins anew, at the back.
/// </summary>
public sealed record RegisterForClubEventCommand(string Subject, Guid EventId) : ICommand<(ClubEventRegistrationResponse Registration, bool Created)>, ITransactionalCommand;

public sealed class RegisterForClubEventHandler(ILoyaltyDbContext db, TimeProvider clock) : ICommandHandler<RegisterForClubEventCommand, (ClubEventRegistrationResponse Registration, bool Created)>
{
    public async ValueTask<(ClubEventRegistrationResponse Registration, bool Created)> Handle(RegisterForClubEventCommand command, CancellationToken cancellationToken)
    {
        var (member, tier) = await MemberLookup.FindWithTierBySubjectAsync(db, command.Subject, cancellationToken);
        member.EnsureCanTransact();
        await ClubEvents.LockAsync(db, command.EventId, cancellationToken);
        var clubEvent = await db.ClubEvents.AsNoTracking().Include(e => e.Tiers).SingleAsync(e => e.Id == command.EventId, cancellationToken);
        var registration = await db.ClubEventRegistrations.SingleOrDefaultAsync(r => r.ClubEventId == clubEvent.Id && r.MemberId == member.Id, cancellationToken);
        if (registration is { Status: not RegistrationStatus.Cancelled })
        {
            return (await MemberClubEventViews.RegistrationAsync(db, clubEvent, registration, cancellationToken), false);
        }

        var now = clock.GetUtcNow();
        clubEvent.EnsureCanRegister(tier.Id, now);
        var counts = await ClubEvents.CountAsync(db, clubEvent.Id, cancellationToken);
        var sequence = (await db.ClubEventRegistrations.Where(r => r.ClubEventId == clubEvent.Id).MaxAsync(r => (long?)r.Sequence, cancellationToken) ?? 0) + 1;
        var status = clubEvent.Admit(counts.PlacesTaken);
        if (registration is null)
        {
            registration = ClubEventRegistration.Create(clubEvent.Id, member.Id, status, sequence, now);
            db.ClubEventRegistrations.Add(registration);
        }
        else
        {
            registration.Rejoin(status, sequence, now);
        }

        await db.SaveChangesAsync(cancellationToken);
        return (await MemberClubEventViews.RegistrationAsync(db, clubEvent, registration, cancellationToken), true);
    }
}
