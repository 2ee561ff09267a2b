using FluentValidation;
using Loyalty.Application.Abstractions;
using Loyalty.Application.Common;
using Loyalty.Contracts;
using Loyalty.Contracts.Admin;
using Loyalty.Contracts.Common;
using Loyalty.Domain.Social.ClubEvents;
using Mediator;
using Microsoft.EntityFrameworkCore;
using RegistrationStatus = Loyalty.Domain.Social.ClubEvents.RegistrationStatus;

namespace Loyalty.Application.Features.Social.ClubEvents;

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
        var status = QueryEnum.Parse<RegistrationStatus>(query.Status, "status", ErrorCodes.InvalidStatus);
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
                r.Id, r.MemberId, row.Member.MemberNumber, row.Member.DisplayName, WireValue.Of<Contracts.Common.RegistrationStatus>(r.Status), waitlistPosition, r.RegisteredAt, r.PromotedAt,
                r.CancelledAt, r.CheckedInAt, WireValue.OfNullable<Contracts.Common.CheckInChannel>(r.CheckInChannel), r.PointsAwarded);
        }).ToList();
        var page = Paging.ToPage(items, limit, i => i.RegistrationId.ToString());
        return page.NextCursor is null
            ? page
            : page with { NextCursor = Paging.Encode(rows[limit - 1].Registration.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture)) };
    }
}
