namespace Loyalty.Contracts.Common;

/// <summary>Where a club event stands.</summary>
public enum ClubEventStatus
{
    Scheduled,
    Cancelled,
}

/// <summary>Where a registration for a club event stands.</summary>
public enum RegistrationStatus
{
    Registered,

    /// <summary>The event was full; a place is given when one frees up.</summary>
    Waitlisted,
    CheckedIn,
    Cancelled,
}

/// <summary>Who checked a member in.</summary>
public enum CheckInChannel
{
    Staff,
    Partner,
}
