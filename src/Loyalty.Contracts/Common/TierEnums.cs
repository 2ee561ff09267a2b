namespace Loyalty.Contracts.Common;

/// <summary>Which activity counts towards a tier.</summary>
public enum QualificationWindowKind
{
    /// <summary>The last windowMonths months up to now.</summary>
    RollingMonths,

    /// <summary>The calendar year (UTC).</summary>
    CalendarYear,

    /// <summary>Everything since the member's last tier change (or last review).</summary>
    SinceLastChange,
}

/// <summary>Where a member who did not keep their tier lands.</summary>
public enum DowngradeMode
{
    /// <summary>One rank down.</summary>
    OneTier,

    /// <summary>The highest tier their activity in the window qualifies for.</summary>
    ToQualifiedTier,
}

/// <summary>Why a member's tier changed.</summary>
public enum TierChangeReason
{
    Enrolment,
    Qualified,
    Downgraded,
    SchemeChanged,
    Merged,
    Admin,
}
