using Loyalty.Application.Abstractions;
using Loyalty.Application.Features.Social.Lifecycle;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Social.ClubEvents;

/// <summary>
/// The member's event registrations and check-ins for the data export. A registration holds no personal data of its
/// own (ids, dates, statuses, points), so erasure keeps it: it is the reference of the attendance points in the ledger.
/// </summary>
public sealed class ClubEventDataSection(ILoyaltyDbContext db) : IMemberDataSection
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
            status = x.Registration.Status.ToString(),
            registeredAt = x.Registration.RegisteredAt,
            promotedAt = x.Registration.PromotedAt,
            cancelledAt = x.Registration.CancelledAt,
            checkedInAt = x.Registration.CheckedInAt,
            checkInChannel = x.Registration.CheckInChannel?.ToString(),
            pointsAwarded = x.Registration.PointsAwarded,
        }).ToList();
    }

    public ValueTask EraseAsync(Guid memberId, CancellationToken cancellationToken) => ValueTask.CompletedTask;
}
