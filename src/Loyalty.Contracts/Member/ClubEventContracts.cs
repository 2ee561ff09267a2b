namespace Loyalty.Contracts.Member;

/// <summary>
/// An upcoming event I may attend. myStatus is null (not registered), Registered, Waitlisted, CheckedIn or Cancelled;
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
    string? MyStatus,
    int? MyWaitlistPosition);

/// <summary>My registration for one event. Status is Registered, Waitlisted, CheckedIn or Cancelled.</summary>
public sealed record ClubEventRegistrationResponse(
    Guid RegistrationId,
    Guid EventId,
    string Title,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    string EventStatus,
    string Status,
    int? WaitlistPosition,
    DateTimeOffset RegisteredAt,
    DateTimeOffset? CancelledAt,
    DateTimeOffset? CheckedInAt,
    long PointsAwarded);
