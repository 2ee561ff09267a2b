namespace Loyalty.Contracts.Common;

/// <summary>What a member agrees their data may be used for.</summary>
public enum ConsentPurpose
{
    Marketing,
    Profiling,
    PartnerSharing,
}

/// <summary>How the club reaches a member; none is for purposes that are not about contact.</summary>
public enum ContactChannel
{
    None,
    Email,
    Push,
    Sms,
}
