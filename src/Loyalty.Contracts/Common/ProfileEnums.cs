namespace Loyalty.Contracts.Common;

/// <summary>What a member agrees their data may be used for: marketing (per channel), profiling, partner sharing.</summary>
public enum ConsentPurpose
{
    Marketing,
    Profiling,
    PartnerSharing,
}

/// <summary>How the club reaches a member; <c>none</c> for purposes that are not about contact (profiling, partner sharing).</summary>
public enum ContactChannel
{
    None,
    Email,
    Push,
    Sms,
}

/// <summary>Where a consent change came from.</summary>
public enum ConsentSource
{
    App,
    Till,
    Staff,
    Import,
}

/// <summary>Coarse household income as the member chose to tell it.</summary>
public enum IncomeBand
{
    Low,
    LowerMiddle,
    Middle,
    UpperMiddle,
    High,
}

/// <summary>The kind of value a programme-defined profile attribute holds.</summary>
public enum AttributeType
{
    Text,
    Number,
    Boolean,
    Date,
    Choice,
}

/// <summary>
/// What a consent import did with a row: <c>applied</c> (recorded with source import), <c>unchanged</c> (the member's
/// consent already said so), <c>stale</c> (the member changed it after the row's decision), <c>unknownMember</c>, or
/// <c>memberClosed</c> (closed, merged or erased: nothing is recorded).
/// </summary>
public enum ConsentImportOutcome
{
    Applied,
    Unchanged,
    Stale,
    UnknownMember,
    MemberClosed,
}
