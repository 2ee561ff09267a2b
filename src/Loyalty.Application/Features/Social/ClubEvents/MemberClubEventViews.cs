using Loyalty.Application.Abstractions;
using Loyalty.Application.Common;
using Loyalty.Contracts.Member;
using Loyalty.Domain.Social.ClubEvents;
using Loyalty.Domain.Social.Members;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Social.ClubEvents;

internal static class MemberClubEventViews
{
    public static async Task<ClubEventRegistrationResponse> RegistrationAsync(ILoyaltyDbContext db, ClubEvent e, ClubEventRegistration r, CancellationToken cancellationToken) =>
        new(
            r.Id, e.Id, e.Title, e.StartsAt, e.EndsAt, WireValue.Of<Contracts.Common.ClubEventStatus>(e.Status), WireValue.Of<Contracts.Common.RegistrationStatus>(r.Status), await ClubEvents.WaitlistPositionAsync(db, r, cancellationToken),
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
                WireValue.OfNullable<Contracts.Common.RegistrationStatus>(registration?.Status),
                registration is null ? null : await ClubEvents.WaitlistPositionAsync(db, registration, cancellationToken)));
        }

        return offers;
    }
}
