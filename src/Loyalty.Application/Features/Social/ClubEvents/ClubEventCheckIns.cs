using FluentValidation;
using Loyalty.Application.Abstractions;
using Loyalty.Application.Common;
using Loyalty.Application.Errors;
using Loyalty.Application.Features.Financial.Ledger;
using Loyalty.Application.Features.Social.Members;
using Loyalty.Application.Features.Structural.Outbox;
using Loyalty.Application.Features.Structural.Stores;
using Loyalty.Contracts.Admin;
using Loyalty.Contracts.Common;
using Loyalty.Contracts.Partner;
using Loyalty.Domain.Common;
using Loyalty.Domain.Financial.Ledger;
using Loyalty.Domain.Social.ClubEvents;
using Loyalty.Domain.Social.Members;
using Loyalty.Domain.Structural.Outbox;
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

/// <summary>
/// A hosting partner's till or door scanner checks a registered member in at one of its stores. Another partner's
/// event is not found, so a key cannot learn which events exist elsewhere.
/// </summary>
public sealed record PartnerCheckInCommand(Guid PartnerId, Guid ApiKeyId, Guid EventId, PartnerCheckInRequest Request) : ICommand<ClubEventCheckInResponse>, ITransactionalCommand;

public sealed class PartnerCheckInValidator : AbstractValidator<PartnerCheckInCommand>
{
    public PartnerCheckInValidator()
    {
        RuleFor(c => c.Request).NotNull();
        When(c => c.Request is not null, () =>
        {
            RuleFor(c => c.Request.MemberNumber).NotEmpty();
            RuleFor(c => c.Request.StoreId).NotEmpty();
        });
    }
}

public sealed class PartnerCheckInHandler(ClubEventCheckIn checkIn, ILoyaltyDbContext db) : ICommandHandler<PartnerCheckInCommand, ClubEventCheckInResponse>
{
    public async ValueTask<ClubEventCheckInResponse> Handle(PartnerCheckInCommand command, CancellationToken cancellationToken)
    {
        var hosted = await db.ClubEvents.AsNoTracking().AnyAsync(e => e.Id == command.EventId && e.PartnerId == command.PartnerId, cancellationToken);
        if (!hosted)
        {
            throw ClubEvents.NotFound();
        }

        var store = await PartnerStores.FindActiveAsync(db, command.PartnerId, command.Request.StoreId, cancellationToken);
        await ClubEvents.LockAsync(db, command.EventId, cancellationToken);
        var clubEvent = await db.ClubEvents.AsNoTracking().SingleAsync(e => e.Id == command.EventId, cancellationToken);
        if (clubEvent.PartnerId != command.PartnerId)
        {
            throw ClubEvents.NotFound();
        }

        if (clubEvent.StoreId is { } eventStore && eventStore != store.Id)
        {
            throw new DomainException("club_event_wrong_store", "This event takes place at another of your stores.");
        }

        var member = await MemberLookup.FindByNumberAsync(db, command.Request.MemberNumber, cancellationToken);
        return await checkIn.CheckInAsync(clubEvent, member, new CheckInBy(CheckInChannel.Partner, command.ApiKeyId.ToString(), command.PartnerId, store.Id), cancellationToken);
    }
}

/// <summary>The events a partner hosts that are not over for check-in yet, soonest first, with how many are expected.</summary>
public sealed record ListHostedClubEventsQuery(Guid PartnerId, int? Limit, string? Cursor) : IQuery<Page<PartnerClubEventResponse>>;

public sealed class ListHostedClubEventsHandler(ILoyaltyDbContext db, TimeProvider clock) : IQueryHandler<ListHostedClubEventsQuery, Page<PartnerClubEventResponse>>
{
    public async ValueTask<Page<PartnerClubEventResponse>> Handle(ListHostedClubEventsQuery query, CancellationToken cancellationToken)
    {
        var limit = Paging.Limit(query.Limit);
        var endedBefore = clock.GetUtcNow() - ClubEvent.CheckInClosesAfterEnd;
        var events = db.ClubEvents.AsNoTracking().Where(e => e.PartnerId == query.PartnerId && e.EndsAt > endedBefore);
        if (ClubEvents.DecodeTimeCursor(query.Cursor) is var (startsAt, id))
        {
            events = events.Where(e => e.StartsAt > startsAt || (e.StartsAt == startsAt && e.Id.CompareTo(id) > 0));
        }

        var rows = await events.OrderBy(e => e.StartsAt).ThenBy(e => e.Id).Take(limit + 1).ToListAsync(cancellationToken);
        var counts = await ClubEvents.CountAsync(db, [.. rows.Select(e => e.Id)], cancellationToken);
        var items = rows.Select(e =>
        {
            var c = counts.GetValueOrDefault(e.Id, ClubEventCounts.None);
            return new PartnerClubEventResponse(e.Id, e.Title, e.StartsAt, e.EndsAt, e.StoreId, e.Status.ToString(), c.Registered, c.CheckedIn);
        }).ToList();
        return Paging.ToPage(items, limit, e => ClubEvents.TimeCursor(e.StartsAt, e.Id));
    }
}

/// <summary>Who checks a member in: staff (by name) or a partner's key at one of its stores.</summary>
public sealed record CheckInBy(CheckInChannel Channel, string Actor, Guid? PartnerId, Guid? StoreId);

/// <summary>
/// The check-in both channels share. The caller holds the event's lock, so check-ins of one registration run one at a
/// time; the conditional update (only a Registered row becomes CheckedIn) makes the award once-only on its own as well.
/// Walk-ins without a registration are refused (not_registered): capacity and eligibility were decided at registration.
/// </summary>
public sealed class ClubEventCheckIn(ILoyaltyDbContext db, PointsLedger ledger, EventOutbox outbox, TimeProvider clock)
{
    public async Task<ClubEventCheckInResponse> CheckInAsync(ClubEvent clubEvent, Member member, CheckInBy by, CancellationToken cancellationToken)
    {
        var registration = await FindAsync(clubEvent.Id, member.Id, cancellationToken)
            ?? throw new DomainException("not_registered", "The member is not registered for this event; walk-ins are not checked in.");
        if (registration.Status == RegistrationStatus.CheckedIn)
        {
            return ToResponse(registration, member, alreadyCheckedIn: true);
        }

        var now = clock.GetUtcNow();
        clubEvent.EnsureCheckInOpen(now);
        ClubEvent.EnsureCheckInAllowed(registration.Status);
        member.EnsureCanTransact();

        var points = clubEvent.PointsForAttending;
        var channel = (CheckInChannel?)by.Channel;
        var won = await db.ClubEventRegistrations
            .Where(r => r.Id == registration.Id && r.Status == RegistrationStatus.Registered)
            .ExecuteUpdateAsync(
                s => s.SetProperty(r => r.Status, RegistrationStatus.CheckedIn)
                      .SetProperty(r => r.CheckedInAt, now)
                      .SetProperty(r => r.CheckInChannel, channel)
                      .SetProperty(r => r.CheckedInBy, by.Actor)
                      .SetProperty(r => r.CheckedInByPartnerId, by.PartnerId)
                      .SetProperty(r => r.CheckedInAtStoreId, by.StoreId)
                      .SetProperty(r => r.PointsAwarded, points),
                cancellationToken);
        var current = await FindAsync(clubEvent.Id, member.Id, cancellationToken) ?? throw new InvalidOperationException("The registration vanished.");
        if (won == 0)
        {
            ClubEvent.EnsureCheckInAllowed(current.Status);
            return ToResponse(current, member, alreadyCheckedIn: true);
        }

        outbox.Add(EventTypes.ClubEventCheckedIn, member.Id, clubEvent.PartnerId, new
        {
            memberNumber = member.MemberNumber,
            registrationId = registration.Id,
            eventId = clubEvent.Id,
            title = clubEvent.Title,
            channel = by.Channel.ToString(),
            storeId = by.StoreId,
            points,
            occurredAt = now,
        });
        if (points > 0)
        {
            var entry = LedgerEntry.Create(
                member.Id, LedgerEntryType.Bonus, points, $"Attended: {clubEvent.Title}", now,
                new LedgerReferences(PartnerId: by.PartnerId, StoreId: by.StoreId, ReferenceId: registration.Id, Actor: by.Actor));
            await ledger.CreditAsync(entry, cancellationToken);
        }
        else
        {
            await db.SaveChangesAsync(cancellationToken);
        }

        return ToResponse(current, member, alreadyCheckedIn: false);
    }

    private Task<ClubEventRegistration?> FindAsync(Guid eventId, Guid memberId, CancellationToken cancellationToken) =>
        db.ClubEventRegistrations.AsNoTracking().SingleOrDefaultAsync(r => r.ClubEventId == eventId && r.MemberId == memberId, cancellationToken);

    private static ClubEventCheckInResponse ToResponse(ClubEventRegistration r, Member m, bool alreadyCheckedIn) =>
        new(r.Id, r.ClubEventId, m.MemberNumber, m.DisplayName, r.CheckedInAt!.Value, r.CheckInChannel!.Value.ToString(), r.PointsAwarded, alreadyCheckedIn);
}
