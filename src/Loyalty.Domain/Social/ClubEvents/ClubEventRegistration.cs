using Loyalty.Domain.Common;

namespace Loyalty.Domain.Social.ClubEvents;

public enum RegistrationStatus
{
    Registered,
    Waitlisted,
    CheckedIn,
    Cancelled,
}

public enum CheckInChannel
{
    Staff,
    Partner,
}

/// <summary>
/// A member's place at an event (or on its waiting list). One row per member and event: registering again after a
/// cancellation reuses it with a new <see cref="Sequence"/>, so the waiting list's order is the order of joining.
/// Its id is the ledger reference of the attendance points, which is what makes them a once-only award.
/// </summary>
public sealed class ClubEventRegistration
{
    private ClubEventRegistration()
    {
    }

    public Guid Id { get; private set; }

    public Guid ClubEventId { get; private set; }

    public Guid MemberId { get; private set; }

    public RegistrationStatus Status { get; private set; }

    /// <summary>Order of joining within the event (taken under the event's lock); the waiting list is served by it.</summary>
    public long Sequence { get; private set; }

    public DateTimeOffset RegisteredAt { get; private set; }

    public DateTimeOffset? PromotedAt { get; private set; }

    public DateTimeOffset? CancelledAt { get; private set; }

    public DateTimeOffset? CheckedInAt { get; private set; }

    public CheckInChannel? CheckInChannel { get; private set; }

    /// <summary>Who checked the member in: the staff member's name, or the partner's key id.</summary>
    public string? CheckedInBy { get; private set; }

    public Guid? CheckedInByPartnerId { get; private set; }

    public Guid? CheckedInAtStoreId { get; private set; }

    public long PointsAwarded { get; private set; }

    public bool HoldsPlace => Status is RegistrationStatus.Registered or RegistrationStatus.CheckedIn;

    public static ClubEventRegistration Create(Guid clubEventId, Guid memberId, RegistrationStatus status, long sequence, DateTimeOffset now)
    {
        EnsureJoining(status);
        return new ClubEventRegistration { Id = EntityId.New(), ClubEventId = clubEventId, MemberId = memberId, Status = status, Sequence = sequence, RegisteredAt = now };
    }

    /// <summary>Registers again after a cancellation: back of the queue, like anyone joining now.</summary>
    public void Rejoin(RegistrationStatus status, long sequence, DateTimeOffset now)
    {
        EnsureJoining(status);
        if (Status != RegistrationStatus.Cancelled)
        {
            throw new InvalidOperationException("Only a cancelled registration can be renewed.");
        }

        Status = status;
        Sequence = sequence;
        RegisteredAt = now;
        PromotedAt = null;
        CancelledAt = null;
    }

    public void Cancel(DateTimeOffset now)
    {
        if (Status is not (RegistrationStatus.Registered or RegistrationStatus.Waitlisted))
        {
            throw new InvalidOperationException($"A {Status} registration cannot be cancelled.");
        }

        Status = RegistrationStatus.Cancelled;
        CancelledAt = now;
    }

    /// <summary>A place came free: the waiting member now has it.</summary>
    public void Promote(DateTimeOffset now)
    {
        if (Status != RegistrationStatus.Waitlisted)
        {
            throw new InvalidOperationException("Only a waiting registration can be promoted.");
        }

        Status = RegistrationStatus.Registered;
        PromotedAt = now;
    }

    private static void EnsureJoining(RegistrationStatus status)
    {
        if (status is not (RegistrationStatus.Registered or RegistrationStatus.Waitlisted))
        {
            throw new ArgumentOutOfRangeException(nameof(status), status, "A member joins as registered or waitlisted.");
        }
    }
}
