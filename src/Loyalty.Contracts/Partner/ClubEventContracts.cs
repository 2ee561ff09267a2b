using Loyalty.Contracts.Common;

namespace Loyalty.Contracts.Partner;

/// <summary>Check a registered member in at an event you host, at one of your stores (the event's store, if it names one).</summary>
public sealed record PartnerCheckInRequest(string MemberNumber, Guid StoreId);

/// <summary>
/// A check-in. alreadyCheckedIn is true when the member had been checked in before (by anyone): the points were
/// awarded then, never twice.
/// </summary>
public sealed record ClubEventCheckInResponse(
    Guid RegistrationId,
    Guid EventId,
    string MemberNumber,
    string DisplayName,
    DateTimeOffset CheckedInAt,
    CheckInChannel Channel,
    long PointsAwarded,
    bool AlreadyCheckedIn);

/// <summary>An event you host, for the door: when, where and how many are expected.</summary>
public sealed record PartnerClubEventResponse(
    Guid Id,
    string Title,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    Guid? StoreId,
    ClubEventStatus Status,
    int Registered,
    int CheckedIn);
