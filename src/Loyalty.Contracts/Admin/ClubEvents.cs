using Loyalty.Contracts.Common;
namespace Loyalty.Contracts.Admin;

/// <summary>
/// A club event, as created or replaced (PUT sends the whole event). The place is a venue (venueName + venueAddress) or
/// onlineUrl. partnerId/storeId name the hosting partner and its store (optional); eligibleTierIds empty or null means
/// every tier. registrationOpensAt null opens registration at once; registrationClosesAt and cancellationClosesAt null
/// mean when the event starts. All instants UTC; a window includes its start and excludes its end. interests (interest
/// topic codes, optional): members of its tiers interested in one of them are notified (within the frequency cap, with consent).
/// </summary>
public sealed record ClubEventRequest(
    string Title,
    [property: MultilineText] string? Description,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    string? VenueName,
    [property: MultilineText] string? VenueAddress,
    string? OnlineUrl,
    Guid? PartnerId,
    Guid? StoreId,
    int Capacity,
    long PointsForAttending,
    IReadOnlyList<Guid>? EligibleTierIds,
    DateTimeOffset? RegistrationOpensAt,
    DateTimeOffset? RegistrationClosesAt,
    DateTimeOffset? CancellationClosesAt,
    IReadOnlyList<string>? Interests = null);

/// <summary>Cancels an event; every registration and the waiting list are cancelled, and members are notified.</summary>
public sealed record CancelClubEventRequest(string Reason);

/// <summary>Check a member in by card number at the door.</summary>
public sealed record StaffCheckInRequest(string MemberNumber);

/// <summary>An event as staff see it, with how many places are taken and how many members wait.</summary>
public sealed record ClubEventResponse(
    Guid Id,
    string Title,
    string Description,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    string? VenueName,
    string? VenueAddress,
    string? OnlineUrl,
    Guid? PartnerId,
    Guid? StoreId,
    int Capacity,
    long PointsForAttending,
    IReadOnlyList<Guid> EligibleTierIds,
    DateTimeOffset? RegistrationOpensAt,
    DateTimeOffset? RegistrationClosesAt,
    DateTimeOffset? CancellationClosesAt,
    ClubEventStatus Status,
    string? CancellationReason,
    int Registered,
    int CheckedIn,
    int Waitlisted,
    int PlacesLeft,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    IReadOnlyList<string> Interests);

/// <summary>
/// One registration, for the organisers. Status is registered, waitlisted, checkedIn or cancelled; waitlistPosition
/// (1 = next to get a place) only while waitlisted.
/// </summary>
public sealed record ClubEventAttendeeResponse(
    Guid RegistrationId,
    Guid MemberId,
    string MemberNumber,
    string DisplayName,
    RegistrationStatus Status,
    int? WaitlistPosition,
    DateTimeOffset RegisteredAt,
    DateTimeOffset? PromotedAt,
    DateTimeOffset? CancelledAt,
    DateTimeOffset? CheckedInAt,
    CheckInChannel? CheckInChannel,
    long PointsAwarded);
