using FluentValidation;
using Loyalty.Application.Abstractions;
using Loyalty.Application.Common;
using Loyalty.Application.Features.Audit;
using Loyalty.Application.Features.Financial.Ledger;
using Loyalty.Application.Features.Structural.Outbox;
using Loyalty.Contracts;
using Loyalty.Contracts.Events;
using Loyalty.Contracts.Partner;
using Loyalty.Domain.Common;
using Loyalty.Domain.Financial.Ledger;
using Loyalty.Domain.Social.ClubEvents;
using Loyalty.Domain.Social.Members;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Social.ClubEvents;

/// <summary>Who checks a member in: staff (by name) or a partner's key at one of its stores.</summary>
public sealed record CheckInBy(CheckInChannel Channel, string Actor, Guid? PartnerId, Guid? StoreId);

/// <summary>
/// The check-in both channels share. The caller holds the event's lock, so check-ins of one registration run one at a
/// time; the conditional update (only a Registered row becomes CheckedIn) makes the award once-only on its own as well.
/// Walk-ins without a registration are refused (not_registered): capacity and eligibility were decided at registration.
/// </summary>
public sealed class ClubEventCheckIn(ILoyaltyDbContext db, PointsLedger ledger, EventOutbox outbox, AuditTrail audit, TimeProvider clock)
{
    public async Task<ClubEventCheckInResponse> CheckInAsync(ClubEvent clubEvent, Member member, CheckInBy by, CancellationToken cancellationToken)
    {
        var registration = await FindAsync(clubEvent.Id, member.Id, cancellationToken)
            ?? throw new DomainException(ErrorCodes.NotRegistered, "The member is not registered for this event; walk-ins are not checked in.");
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

        outbox.Add(
            new ClubEventCheckedInV1(member.MemberNumber, registration.Id, clubEvent.Id, clubEvent.Title, WireValue.Of<CheckInChannelValue>(by.Channel), by.StoreId, points, now),
            member.Id,
            clubEvent.PartnerId);
        if (by.Channel == CheckInChannel.Staff)
        {
            // A staff member credits points and changes the registration: audited like every staff change to a member.
            audit.Record<object>(by.Actor, "club_event.checked_in", "member", member.Id, new { registrationStatus = WireValue.Name(registration.Status) }, new
            {
                registrationStatus = WireValue.Name(current.Status),
                registrationId = registration.Id,
                eventId = clubEvent.Id,
                points,
            });
        }

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
        new(r.Id, r.ClubEventId, m.MemberNumber, m.DisplayName, r.CheckedInAt!.Value, WireValue.Of<Contracts.Common.CheckInChannel>(r.CheckInChannel!.Value), r.PointsAwarded, alreadyCheckedIn);
}
