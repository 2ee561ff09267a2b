namespace Loyalty.Contracts.Common;

/// <summary>What a service case is about.</summary>
public enum CaseCategory
{
    Product,
    Service,
    Points,
    Rewards,
    Billing,
    Store,
    Partner,
    App,
    Other,
}

/// <summary>How the member raised the case.</summary>
public enum CaseChannel
{
    App,
    Till,
    Phone,
    Email,
}

public enum CaseSeverity
{
    Low,
    Medium,
    High,
    Critical,
}

public enum CaseStatus
{
    Open,
    Resolved,
}

/// <summary>How a case ended.</summary>
public enum CaseOutcome
{
    Upheld,
    PartlyUpheld,
    NotUpheld,
    Withdrawn,
}

/// <summary>What a satisfaction survey follows.</summary>
public enum SurveyTouchpoint
{
    Purchase,
    CaseResolved,
    ClubEvent,
}

/// <summary>Why a member left the club.</summary>
public enum LeavingReason
{
    TooFewRewards,
    PointsTooSlow,
    PoorService,
    PrefersCompetitor,
    MovedAway,
    TooManyMessages,
    Privacy,
    NoLongerShops,
    Other,
}

/// <summary>Who gave the reason for leaving: the member closing their own membership, or staff closing it.</summary>
public enum LeavingReasonSource
{
    Self,
    Staff,
}

/// <summary>One step of a case as anyone may read it: what is to be done, by when, and once done, the note about it.</summary>
public sealed record CaseStepResponse(int Number, string Text, DateTimeOffset DueAt, DateTimeOffset SetAt, DateTimeOffset? CompletedAt, string? Note);
