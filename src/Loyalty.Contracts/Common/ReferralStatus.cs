namespace Loyalty.Contracts.Common;

/// <summary>Where a referral stands.</summary>
public enum ReferralStatus
{
    /// <summary>Waiting for the friend's first qualifying purchase.</summary>
    Pending,
    Rewarded,

    /// <summary>Decided without points; the reason says why.</summary>
    Rejected,
}
