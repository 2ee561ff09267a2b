using FluentValidation;
using Loyalty.Application.Abstractions;
using Loyalty.Application.Common;
using Loyalty.Application.Features.Audit;
using Loyalty.Application.Features.Structural.Outbox;
using Loyalty.Contracts.Admin;
using Loyalty.Contracts.Common;
using Loyalty.Domain.Common;
using Loyalty.Domain.Social.ClubEvents;
using Loyalty.Domain.Structural.Outbox;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Social.ClubEvents;

internal static class ClubEventLimits
{
    public const int TitleLength = 200;
    public const int DescriptionLength = 4000;
    public const int VenueNameLength = 200;
    public const int AddressLength = 500;
    public const int UrlLength = 2000;
    public const int ReasonLength = 500;
}

/// <summary>The request's shape; the rules between fields (window order, venue or URL) are the domain's.</summary>
public sealed class ClubEventRequestValidator : AbstractValidator<ClubEventRequest>
{
    public ClubEventRequestValidator()
    {
        RuleFor(r => r.Title).NotEmpty().MaximumLength(ClubEventLimits.TitleLength);
        RuleFor(r => r.Description).MaximumLength(ClubEventLimits.DescriptionLength);
        RuleFor(r => r.VenueName).MaximumLength(ClubEventLimits.VenueNameLength);
        RuleFor(r => r.VenueAddress).MaximumLength(ClubEventLimits.AddressLength);
        RuleFor(r => r.OnlineUrl).MaximumLength(ClubEventLimits.UrlLength);
        RuleFor(r => r.StartsAt).NotEmpty();
        RuleFor(r => r.EndsAt).NotEmpty().GreaterThan(r => r.StartsAt).WithMessage("endsAt must be later than startsAt.");
        RuleFor(r => r.Capacity).InclusiveBetween(1, ClubEvent.MaxCapacity);
        RuleFor(r => r.PointsForAttending).InclusiveBetween(0, ClubEvent.MaxPointsForAttending);
        RuleFor(r => r.PartnerId).NotEqual(Guid.Empty);
        RuleFor(r => r.StoreId).NotEqual(Guid.Empty);
        RuleFor(r => r.EligibleTierIds).Must(ids => ids!.Count <= 50 && !ids.Contains(Guid.Empty)).When(r => r.EligibleTierIds is not null)
            .WithMessage("eligibleTierIds must be at most 50 tier ids.");
    }
}

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

/// <summary>Replaces an event's terms (PUT). Raising the capacity gives the new places to the waiting list at once. Audited.</summary>
public sealed record UpdateClubEventCommand(string Actor, Guid EventId, ClubEventRequest Request) : ICommand<ClubEventResponse>, ITransactionalCommand;

public sealed class UpdateClubEventValidator : AbstractValidator<UpdateClubEventCommand>
{
    public UpdateClubEventValidator() => RuleFor(c => c.Request).NotNull().SetValidator(new ClubEventRequestValidator());
}

public sealed class UpdateClubEventHandler(ILoyaltyDbContext db, AuditTrail audit, EventOutbox outbox, TimeProvider clock) : ICommandHandler<UpdateClubEventCommand, ClubEventResponse>
{
    public async ValueTask<ClubEventResponse> Handle(UpdateClubEventCommand command, CancellationToken cancellationToken)
    {
        await ClubEvents.LockAsync(db, command.EventId, cancellationToken);
        var clubEvent = await db.ClubEvents.Include(e => e.Tiers).SingleAsync(e => e.Id == command.EventId, cancellationToken);
        var counts = await ClubEvents.CountAsync(db, clubEvent.Id, cancellationToken);
        var before = ClubEvents.ToResponse(clubEvent, counts);

        var (terms, tiers) = await ClubEventTermsReader.ReadAsync(db, command.Request, cancellationToken);
        var now = clock.GetUtcNow();
        clubEvent.Revise(terms, tiers, counts.PlacesTaken, now);
        await ClubEvents.PromoteWaitlistAsync(db, outbox, clubEvent, now, cancellationToken);

        var after = ClubEvents.ToResponse(clubEvent, await ClubEvents.CountAsync(db, clubEvent.Id, cancellationToken));
        audit.Record(command.Actor, "club_event.updated", "club_event", clubEvent.Id, before, after);
        await db.SaveChangesAsync(cancellationToken);
        return after;
    }
}

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
        var before = ClubEvents.ToResponse(clubEvent, await ClubEvents.CountAsync(db, clubEvent.Id, cancellationToken));
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
            outbox.Add(EventTypes.ClubEventCancelled, a.Registration.MemberId, clubEvent.PartnerId, new
            {
                memberNumber = a.MemberNumber,
                registrationId = a.Registration.Id,
                eventId = clubEvent.Id,
                title = clubEvent.Title,
                startsAt = clubEvent.StartsAt,
                wasWaitlisted = wasWaiting,
                reason = clubEvent.CancellationReason,
                occurredAt = now,
            });
        }

        await db.SaveChangesAsync(cancellationToken);
        var after = ClubEvents.ToResponse(clubEvent, await ClubEvents.CountAsync(db, clubEvent.Id, cancellationToken));
        audit.Record(command.Actor, "club_event.cancelled", "club_event", clubEvent.Id, before, after);
        await db.SaveChangesAsync(cancellationToken);
        return after;
    }
}

public sealed record GetClubEventQuery(Guid EventId) : IQuery<ClubEventResponse>;

public sealed class GetClubEventHandler(ILoyaltyDbContext db) : IQueryHandler<GetClubEventQuery, ClubEventResponse>
{
    public async ValueTask<ClubEventResponse> Handle(GetClubEventQuery query, CancellationToken cancellationToken)
    {
        var clubEvent = await db.ClubEvents.AsNoTracking().Include(e => e.Tiers).SingleOrDefaultAsync(e => e.Id == query.EventId, cancellationToken)
            ?? throw ClubEvents.NotFound();
        return ClubEvents.ToResponse(clubEvent, await ClubEvents.CountAsync(db, clubEvent.Id, cancellationToken));
    }
}

/// <summary>Every event, by start time; <paramref name="EndingAfter"/> leaves out those that ended before it (e.g. now, for the upcoming ones).</summary>
public sealed record ListClubEventsQuery(DateTimeOffset? EndingAfter, int? Limit, string? Cursor) : IQuery<Page<ClubEventResponse>>;

public sealed class ListClubEventsValidator : AbstractValidator<ListClubEventsQuery>
{
    public ListClubEventsValidator() => RuleFor(q => q.EndingAfter).WithinDateBounds("endingAfter");
}

public sealed class ListClubEventsHandler(ILoyaltyDbContext db) : IQueryHandler<ListClubEventsQuery, Page<ClubEventResponse>>
{
    public async ValueTask<Page<ClubEventResponse>> Handle(ListClubEventsQuery query, CancellationToken cancellationToken)
    {
        var limit = Paging.Limit(query.Limit);
        var events = db.ClubEvents.AsNoTracking();
        if (query.EndingAfter is { } endingAfter)
        {
            events = events.Where(e => e.EndsAt > endingAfter);
        }

        if (ClubEvents.DecodeTimeCursor(query.Cursor) is var (startsAt, id))
        {
            events = events.Where(e => e.StartsAt > startsAt || (e.StartsAt == startsAt && e.Id.CompareTo(id) > 0));
        }

        var rows = await events.OrderBy(e => e.StartsAt).ThenBy(e => e.Id).Take(limit + 1).Include(e => e.Tiers).ToListAsync(cancellationToken);
        var counts = await ClubEvents.CountAsync(db, [.. rows.Select(e => e.Id)], cancellationToken);
        var items = rows.Select(e => ClubEvents.ToResponse(e, counts.GetValueOrDefault(e.Id, ClubEventCounts.None))).ToList();
        return Paging.ToPage(items, limit, e => ClubEvents.TimeCursor(e.StartsAt, e.Id));
    }
}

/// <summary>
/// An event's registrations in the order members joined; <paramref name="Status"/> filters (Waitlisted gives the
/// waiting list, first in line first).
/// </summary>
public sealed record ListClubEventRegistrationsQuery(Guid EventId, string? Status, int? Limit, string? Cursor) : IQuery<Page<ClubEventAttendeeResponse>>;

public sealed class ListClubEventRegistrationsHandler(ILoyaltyDbContext db) : IQueryHandler<ListClubEventRegistrationsQuery, Page<ClubEventAttendeeResponse>>
{
    public async ValueTask<Page<ClubEventAttendeeResponse>> Handle(ListClubEventRegistrationsQuery query, CancellationToken cancellationToken)
    {
        var limit = Paging.Limit(query.Limit);
        RegistrationStatus? status = query.Status is null
            ? null
            : Enum.TryParse<RegistrationStatus>(query.Status, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed)
                ? parsed
                : throw Errors.AppException.BadRequest("invalid_status", "status must be Registered, Waitlisted, CheckedIn or Cancelled.");
        if (!await db.ClubEvents.AnyAsync(e => e.Id == query.EventId, cancellationToken))
        {
            throw ClubEvents.NotFound();
        }

        var registrations = db.ClubEventRegistrations.AsNoTracking().Where(r => r.ClubEventId == query.EventId);
        if (status is { } s)
        {
            registrations = registrations.Where(r => r.Status == s);
        }

        if (Paging.DecodeLong(query.Cursor) is { } after)
        {
            registrations = registrations.Where(r => r.Sequence > after);
        }

        var rows = await (from r in registrations
                          join m in db.Members on r.MemberId equals m.Id
                          orderby r.Sequence
                          select new { Registration = r, Member = m }).Take(limit + 1).ToListAsync(cancellationToken);

        // Positions count the waiting registrations before the first one on this page, then run on.
        var firstWaiting = rows.Select(r => r.Registration).FirstOrDefault(r => r.Status == RegistrationStatus.Waitlisted);
        var position = firstWaiting is null ? 0 : (await ClubEvents.WaitlistPositionAsync(db, firstWaiting, cancellationToken) ?? 1) - 1;
        var items = rows.Select(row =>
        {
            var r = row.Registration;
            int? waitlistPosition = r.Status == RegistrationStatus.Waitlisted ? ++position : null;
            return new ClubEventAttendeeResponse(
                r.Id, r.MemberId, row.Member.MemberNumber, row.Member.DisplayName, r.Status.ToString(), waitlistPosition, r.RegisteredAt, r.PromotedAt,
                r.CancelledAt, r.CheckedInAt, r.CheckInChannel?.ToString(), r.PointsAwarded);
        }).ToList();
        var page = Paging.ToPage(items, limit, i => i.RegistrationId.ToString());
        return page.NextCursor is null
            ? page
            : page with { NextCursor = Paging.Encode(rows[limit - 1].Registration.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture)) };
    }
}

/// <summary>Turns a request into domain terms, checking that the tiers, the partner and its store exist.</summary>
internal static class ClubEventTermsReader
{
    public static async Task<(ClubEventTerms Terms, IReadOnlyList<Guid> Tiers)> ReadAsync(ILoyaltyDbContext db, ClubEventRequest r, CancellationToken cancellationToken)
    {
        var tiers = await KnownTiersAsync(db, r.EligibleTierIds ?? [], cancellationToken);
        if (r.PartnerId is { } partnerId && !await db.Partners.AnyAsync(p => p.Id == partnerId, cancellationToken))
        {
            throw new DomainException("unknown_partner", "No partner has this id.");
        }

        if (r.StoreId is { } storeId && !await db.Stores.AnyAsync(s => s.Id == storeId && s.PartnerId == r.PartnerId, cancellationToken))
        {
            throw new DomainException("unknown_store", "The hosting partner has no store with this id.");
        }

        var terms = new ClubEventTerms(
            r.Title, r.Description ?? "", r.StartsAt, r.EndsAt, r.VenueName, r.VenueAddress, r.OnlineUrl, r.PartnerId, r.StoreId, r.Capacity, r.PointsForAttending,
            r.RegistrationOpensAt, r.RegistrationClosesAt, r.CancellationClosesAt);
        return (terms, tiers);
    }

    private static async Task<IReadOnlyList<Guid>> KnownTiersAsync(ILoyaltyDbContext db, IReadOnlyList<Guid> tierIds, CancellationToken cancellationToken)
    {
        if (tierIds.Count == 0)
        {
            return [];
        }

        var wanted = tierIds.Distinct().ToList();
        var known = await db.Tiers.AsNoTracking().Where(t => t.RetiredAt == null && wanted.Contains(t.Id)).Select(t => t.Id).ToListAsync(cancellationToken);
        var unknown = wanted.Except(known).ToList();
        return unknown.Count == 0 ? wanted : throw new DomainException("unknown_tier", $"No tier has the id {string.Join(", ", unknown)}.");
    }
}
