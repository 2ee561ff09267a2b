using Loyalty.Contracts.Common;

namespace Loyalty.Contracts.Member;

/// <summary>
/// An upcoming event I may attend. myStatus is null (not registered), registered, waitlisted, checkedIn or cancelled;
/// myWaitlistPosition (1 = next) only while waitlisted; canRegister says whether a registration would be accepted now
/// (as registered or, when full, on the waiting list).
/// </summary>
public sealed record ClubEventOfferResponse(
    Guid Id,
    string Title,
    string Description,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    string? VenueName,
    string? VenueAddress,
    string? OnlineUrl,
    int Capacity,
    int PlacesLeft,
    long PointsForAttending,
    DateTimeOffset? RegistrationOpensAt,
    DateTimeOffset RegistrationClosesAt,
    DateTimeOffset CancellationClosesAt,
    bool CanRegister,
    RegistrationStatus? MyStatus,
    int? MyWaitlistPosition);

/// <summary>My registration for one event. Status is registered, waitlisted, checkedIn or cancelled.</summary>
public sealed record ClubEventRegistrationResponse(
    Guid RegistrationId,
    Guid EventId,
    string Title,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    ClubEventStatus EventStatus,
    RegistrationStatus Status,
    int? WaitlistPosition,
    DateTimeOffset RegisteredAt,
    DateTimeOffset? CancelledAt,
    DateTimeOffset? CheckedInAt,
    long PointsAwarded);
