using Loyalty.Application.Abstractions;
using Loyalty.Application.Common;
using Loyalty.Application.Errors;
using Loyalty.Application.Features.Customised.Notifications;
using Loyalty.Application.Features.Structural.Outbox;
using Loyalty.Contracts;
using Loyalty.Contracts.Admin;
using Loyalty.Contracts.Events;
using Loyalty.Domain.Customised.Notifications;
using Loyalty.Domain.Social.ClubEvents;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Social.ClubEvents;

/// <summary>Places taken and waiting at one event.</summary>
public sealed record ClubEventCounts(int Registered, int CheckedIn, int Waitlisted)
{
    public static readonly ClubEventCounts None = new(0, 0, 0);

    public int PlacesTaken => Registered + CheckedIn;
}

/// <summary>What the club event use cases share: the event lock, counts, waiting-list promotion, responses.</summary>
public static class ClubEvents
{
    public static AppException NotFound() => AppException.NotFound(ErrorCodes.ClubEventNotFound, "No club event has this id.");

    /// <summary>
    /// Takes the event's row lock for the rest of the transaction: everything that changes who holds a place
    /// (register, cancel, promote, check in, change, cancel the event) takes it first, so per event they run one
    /// at a time and the capacity count read after it is exact on every provider (SQLite has one writer anyway).
    /// </summary>
    public static async Task LockAsync(ILoyaltyDbContext db, Guid eventId, CancellationToken cancellationToken)
    {
        if (!WriteTransaction.IsOpen(db))
        {
            throw new InvalidOperationException("An event lock only lasts inside a transaction (an ITransactionalCommand).");
        }

        var locked = await db.ClubEvents.Where(e => e.Id == eventId)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.UpdatedAt, e => e.UpdatedAt), cancellationToken);
        if (locked == 0)
        {
            throw NotFound();
        }
    }

    public static async Task<ClubEventCounts> CountAsync(ILoyaltyDbContext db, Guid eventId, CancellationToken cancellationToken) =>
        (await CountAsync(db, [eventId], cancellationToken)).GetValueOrDefault(eventId, ClubEventCounts.None);

    public static async Task<Dictionary<Guid, ClubEventCounts>> CountAsync(ILoyaltyDbContext db, IReadOnlyList<Guid> eventIds, CancellationToken cancellationToken)
    {
        var rows = await db.ClubEventRegistrations.AsNoTracking()
            .Where(r => eventIds.Contains(r.ClubEventId) && r.Status != RegistrationStatus.Cancelled)
            .GroupBy(r => new { r.ClubEventId, r.Status })
            .Select(g => new { g.Key.ClubEventId, g.Key.Status, Count = g.Count() })
            .ToListAsync(cancellationToken);
        return rows.GroupBy(r => r.ClubEventId).ToDictionary(
            g => g.Key,
            g => new ClubEventCounts(
                g.Where(r => r.Status == RegistrationStatus.Registered).Sum(r => r.Count),
                g.Where(r => r.Status == RegistrationStatus.CheckedIn).Sum(r => r.Count),
                g.Where(r => r.Status == RegistrationStatus.Waitlisted).Sum(r => r.Count)));
    }

    /// <summary>1 for the next member to get a place; only for a waiting registration.</summary>
    public static async Task<int?> WaitlistPositionAsync(ILoyaltyDbContext db, ClubEventRegistration registration, CancellationToken cancellationToken) =>
        registration.Status != RegistrationStatus.Waitlisted
            ? null
            : await db.ClubEventRegistrations.CountAsync(
                r => r.ClubEventId == registration.ClubEventId && r.Status == RegistrationStatus.Waitlisted && r.Sequence <= registration.Sequence,
                cancellationToken);

    /// <summary>
    /// Gives free places to the waiting list in the order members joined it, each with an event for their phone.
    /// Under the event's lock; whatever the caller changed is saved first, so the count sees it.
    /// </summary>
    public static async Task<int> PromoteWaitlistAsync(ILoyaltyDbContext db, EventOutbox outbox, ClubEvent clubEvent, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!clubEvent.PromotesWaitlistAt(now))
        {
            return 0;
        }

        await db.SaveChangesAsync(cancellationToken);
        var taken = (await CountAsync(db, clubEvent.Id, cancellationToken)).PlacesTaken;
        var free = clubEvent.PlacesLeft(taken);
        if (free == 0)
        {
            return 0;
        }

        var candidates = await (from r in db.ClubEventRegistrations
                                join m in db.Members on r.MemberId equals m.Id
                                where r.ClubEventId == clubEvent.Id && r.Status == RegistrationStatus.Waitlisted
                                orderby r.Sequence
                                select new { Registration = r, m.MemberNumber }).Take(free).ToListAsync(cancellationToken);
        var numbers = candidates.ToDictionary(c => c.Registration.Id, c => c.MemberNumber);
        var next = clubEvent.SelectForPromotion(candidates.Select(c => c.Registration), taken, now);
        foreach (var registration in next)
        {
            registration.Promote(now);
            outbox.Add(
                new ClubEventWaitlistPromotedV1(numbers[registration.Id], registration.Id, clubEvent.Id, clubEvent.Title, clubEvent.StartsAt, now),
                registration.MemberId,
                clubEvent.PartnerId);
        }

        await db.SaveChangesAsync(cancellationToken);
        return next.Count;
    }

    /// <summary>The staff view with the event's counts and interest topics read now.</summary>
    public static async Task<ClubEventResponse> ResponseAsync(ILoyaltyDbContext db, ClubEvent e, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(e);
        return ToResponse(e, await CountAsync(db, e.Id, cancellationToken), await ContentInterestTags.CodesAsync(db, NotificationContentKind.ClubEvent, e.Id, cancellationToken));
    }

    /// <summary>
    /// A scheduled event is news until registration closes: members of its tiers interested in its topics are told
    /// then, once each (an event created, or given new topics).
    /// </summary>
    public static async Task NotifyIfOpenAsync(InterestNotifications notifications, ClubEvent e, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notifications);
        ArgumentNullException.ThrowIfNull(e);
        if (e.Status == ClubEventStatus.Scheduled && now < e.RegistrationDeadline)
        {
            await notifications.PublishedAsync(NotificationContentKind.ClubEvent, e.Id, e.Title, now, cancellationToken);
        }
    }

    public static ClubEventResponse ToResponse(ClubEvent e, ClubEventCounts counts, IReadOnlyList<string> interests) =>
        new(
            e.Id, e.Title, e.Description, e.StartsAt, e.EndsAt, e.VenueName, e.VenueAddress, e.OnlineUrl, e.PartnerId, e.StoreId, e.Capacity,
            e.PointsForAttending, e.EligibleTierIds, e.RegistrationOpensAt, e.RegistrationClosesAt, e.CancellationClosesAt, WireValue.Of<Contracts.Common.ClubEventStatus>(e.Status),
            e.CancellationReason, counts.Registered, counts.CheckedIn, counts.Waitlisted, e.PlacesLeft(counts.PlacesTaken), e.CreatedAt, e.UpdatedAt, interests);
}
