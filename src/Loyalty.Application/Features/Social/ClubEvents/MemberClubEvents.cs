using Loyalty.Application.Abstractions;
using Loyalty.Application.Common;
using Loyalty.Application.Errors;
using Loyalty.Application.Features.Social.Members;
using Loyalty.Application.Features.Structural.Outbox;
using Loyalty.Contracts.Common;
using Loyalty.Contracts.Member;
using Loyalty.Domain.Social.ClubEvents;
using Loyalty.Domain.Social.Members;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Social.ClubEvents;

/// <summary>
/// Events the member may attend: scheduled, not yet over, open to their tier; soonest first, each with places left
/// and the member's own registration.
/// </summary>
public sealed record BrowseClubEventsQuery(string Subject, int? Limit, string? Cursor) : IQuery<Page<ClubEventOfferResponse>>;

public sealed class BrowseClubEventsHandler(ILoyaltyDbContext db, TimeProvider clock) : IQueryHandler<BrowseClubEventsQuery, Page<ClubEventOfferResponse>>
{
    public async ValueTask<Page<ClubEventOfferResponse>> Handle(BrowseClubEventsQuery query, CancellationToken cancellationToken)
    {
        var limit = Paging.Limit(query.Limit);
        var after = ClubEvents.DecodeTimeCursor(query.Cursor);
        var (member, tier) = await MemberLookup.FindWithTierBySubjectAsync(db, query.Subject, cancellationToken);
        var now = clock.GetUtcNow();
        var tierId = tier.Id;

        var events = db.ClubEvents.AsNoTracking().Where(e =>
            e.Status == ClubEventStatus.Scheduled && e.EndsAt > now && (!e.Tiers.Any() || e.Tiers.Any(t => t.TierId == tierId)));
        if (after is var (startsAt, id))
        {
            events = events.Where(e => e.StartsAt > startsAt || (e.StartsAt == startsAt && e.Id.CompareTo(id) > 0));
        }

        var rows = await events.OrderBy(e => e.StartsAt).ThenBy(e => e.Id).Take(limit + 1).Include(e => e.Tiers).ToListAsync(cancellationToken);
        var items = await MemberClubEventViews.OffersAsync(db, member, tierId, rows, now, cancellationToken);
        return Paging.ToPage(items, limit, e => ClubEvents.TimeCursor(e.StartsAt, e.Id));
    }
}

/// <summary>One event as the member sees it; an event not open to their tier (or cancelled, or over) is not found.</summary>
public sealed record GetMyClubEventQuery(string Subject, Guid EventId) : IQuery<ClubEventOfferResponse>;

public sealed class GetMyClubEventHandler(ILoyaltyDbContext db, TimeProvider clock) : IQueryHandler<GetMyClubEventQuery, ClubEventOfferResponse>
{
    public async ValueTask<ClubEventOfferResponse> Handle(GetMyClubEventQuery query, CancellationToken cancellationToken)
    {
        var (member, tier) = await MemberLookup.FindWithTierBySubjectAsync(db, query.Subject, cancellationToken);
        var clubEvent = await db.ClubEvents.AsNoTracking().Include(e => e.Tiers).SingleOrDefaultAsync(e => e.Id == query.EventId, cancellationToken);
        var now = clock.GetUtcNow();
        bool? mine = clubEvent is null ? null : await db.ClubEventRegistrations.AsNoTracking().AnyAsync(r => r.ClubEventId == clubEvent.Id && r.MemberId == member.Id, cancellationToken);
        // A member who registered keeps seeing the event (e.g. after a tier change); others see only what they may join.
        if (clubEvent is null || (mine != true && (clubEvent.Status != ClubEventStatus.Scheduled || clubEvent.HasEndedAt(now) || !clubEvent.IsOpenTo(tier.Id))))
        {
            throw ClubEvents.NotFound();
        }

        return (await MemberClubEventViews.OffersAsync(db, member, tier.Id, [clubEvent], now, cancellationToken))[0];
    }
}

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
            ?? throw AppException.NotFound("registration_not_found", "You are not registered for this event.");
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

/// <summary>The member's registrations (any status), latest event first.</summary>
public sealed record ListMyClubEventRegistrationsQuery(string Subject, int? Limit, string? Cursor) : IQuery<Page<ClubEventRegistrationResponse>>;

public sealed class ListMyClubEventRegistrationsHandler(ILoyaltyDbContext db) : IQueryHandler<ListMyClubEventRegistrationsQuery, Page<ClubEventRegistrationResponse>>
{
    public async ValueTask<Page<ClubEventRegistrationResponse>> Handle(ListMyClubEventRegistrationsQuery query, CancellationToken cancellationToken)
    {
        var limit = Paging.Limit(query.Limit);
        var member = await MemberLookup.FindBySubjectAsync(db, query.Subject, cancellationToken);
        var rows = from r in db.ClubEventRegistrations.AsNoTracking()
                   join e in db.ClubEvents.AsNoTracking() on r.ClubEventId equals e.Id
                   where r.MemberId == member.Id
                   select new { Registration = r, Event = e };
        if (ClubEvents.DecodeTimeCursor(query.Cursor) is var (startsAt, id))
        {
            rows = rows.Where(x => x.Event.StartsAt < startsAt || (x.Event.StartsAt == startsAt && x.Event.Id.CompareTo(id) < 0));
        }

        var page = await rows.OrderByDescending(x => x.Event.StartsAt).ThenByDescending(x => x.Event.Id).Take(limit + 1).ToListAsync(cancellationToken);
        var items = new List<ClubEventRegistrationResponse>(page.Count);
        foreach (var x in page)
        {
            items.Add(await MemberClubEventViews.RegistrationAsync(db, x.Event, x.Registration, cancellationToken));
        }

        return Paging.ToPage(items, limit, r => ClubEvents.TimeCursor(r.StartsAt, r.EventId));
    }
}

internal static class MemberClubEventViews
{
    public static async Task<ClubEventRegistrationResponse> RegistrationAsync(ILoyaltyDbContext db, ClubEvent e, ClubEventRegistration r, CancellationToken cancellationToken) =>
        new(
            r.Id, e.Id, e.Title, e.StartsAt, e.EndsAt, e.Status.ToString(), r.Status.ToString(), await ClubEvents.WaitlistPositionAsync(db, r, cancellationToken),
            r.RegisteredAt, r.CancelledAt, r.CheckedInAt, r.PointsAwarded);

    public static async Task<List<ClubEventOfferResponse>> OffersAsync(ILoyaltyDbContext db, Member member, Guid tierId, IReadOnlyList<ClubEvent> events, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var ids = events.Select(e => e.Id).ToList();
        var counts = await ClubEvents.CountAsync(db, ids, cancellationToken);
        var mine = await db.ClubEventRegistrations.AsNoTracking().Where(r => r.MemberId == member.Id && ids.Contains(r.ClubEventId)).ToDictionaryAsync(r => r.ClubEventId, cancellationToken);
        var canTransact = member.Status == MemberStatus.Active;
        var offers = new List<ClubEventOfferResponse>(events.Count);
        foreach (var e in events)
        {
            var taken = counts.GetValueOrDefault(e.Id, ClubEventCounts.None).PlacesTaken;
            var registration = mine.GetValueOrDefault(e.Id);
            var active = registration is { Status: not RegistrationStatus.Cancelled };
            offers.Add(new ClubEventOfferResponse(
                e.Id, e.Title, e.Description, e.StartsAt, e.EndsAt, e.VenueName, e.VenueAddress, e.OnlineUrl, e.Capacity, e.PlacesLeft(taken), e.PointsForAttending,
                e.RegistrationOpensAt, e.RegistrationDeadline, e.CancellationDeadline,
                canTransact && !active && e.IsOpenTo(tierId) && e.IsRegistrationOpenAt(now),
                registration?.Status.ToString(),
                registration is null ? null : await ClubEvents.WaitlistPositionAsync(db, registration, cancellationToken)));
        }

        return offers;
    }
}
