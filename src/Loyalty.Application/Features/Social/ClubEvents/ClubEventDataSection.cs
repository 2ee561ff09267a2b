using Loyalty.Application.Abstractions;
using Loyalty.Application.Features.Social.Lifecycle;
using Loyalty.Application.Features.Structural.Outbox;
using Loyalty.Domain.Social.ClubEvents;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Social.ClubEvents;

/// <summary>
/// The member's event registrations and check-ins for the data export. A registration holds no personal data of its
/// own (ids, dates, statuses, points), so erasure keeps it (it is the reference of the attendance points in the
/// ledger); it only gives up the places the member still holds or waits for at events not yet started.
/// </summary>
public sealed class ClubEventDataSection(ILoyaltyDbContext db, EventOutbox outbox, TimeProvider clock) : IMemberDataSection
{
    public string Name => "clubEvents";

    public async ValueTask<object?> ExportAsync(Guid memberId, CancellationToken cancellationToken)
    {
        var rows = await (from r in db.ClubEventRegistrations.AsNoTracking()
                          join e in db.ClubEvents.AsNoTracking() on r.ClubEventId equals e.Id
                          where r.MemberId == memberId
                          orderby e.StartsAt
                          select new { Registration = r, e.Title, e.StartsAt, e.EndsAt }).ToListAsync(cancellationToken);
        return rows.Select(x => new
        {
            registrationId = x.Registration.Id,
            eventId = x.Registration.ClubEventId,
            title = x.Title,
            startsAt = x.StartsAt,
            endsAt = x.EndsAt,
            status = x.Registration.Status,
            registeredAt = x.Registration.RegisteredAt,
            promotedAt = x.Registration.PromotedAt,
            cancelledAt = x.Registration.CancelledAt,
            checkedInAt = x.Registration.CheckedInAt,
            checkInChannel = x.Registration.CheckInChannel,
            pointsAwarded = x.Registration.PointsAwarded,
        }).ToList();
    }

    public async ValueTask EraseAsync(Guid memberId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var upcoming = await (from r in db.ClubEventRegistrations.AsNoTracking()
                              join e in db.ClubEvents.AsNoTracking() on r.ClubEventId equals e.Id
                              where r.MemberId == memberId && e.StartsAt > now
                                    && (r.Status == RegistrationStatus.Registered || r.Status == RegistrationStatus.Waitlisted)
                              orderby e.Id
                              select e.Id).ToListAsync(cancellationToken);
        foreach (var eventId in upcoming)
        {
            await ClubEvents.LockAsync(db, eventId, cancellationToken);
            var clubEvent = await db.ClubEvents.AsNoTracking().SingleAsync(e => e.Id == eventId, cancellationToken);
            var registration = await db.ClubEventRegistrations.SingleAsync(r => r.ClubEventId == eventId && r.MemberId == memberId, cancellationToken);
            if (registration.Status is not (RegistrationStatus.Registered or RegistrationStatus.Waitlisted))
            {
                continue;
            }

            var heldPlace = registration.Status == RegistrationStatus.Registered;
            registration.Cancel(now);
            if (heldPlace)
            {
                await ClubEvents.PromoteWaitlistAsync(db, outbox, clubEvent, now, cancellationToken);
            }
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
