namespace Loyalty.Contracts.Common;

/// <summary>Where a membership stands.</summary>
public enum MemberStatus
{
    Active,
    Suspended,
    Closed,

    /// <summary>A duplicate folded into another member; final.</summary>
    Merged,
}

/// <summary>How the member joined.</summary>
public enum EnrolmentChannel
{
    App,
    Store,
    Admin,
}

/// <summary>What kind of movement of points a history entry is.</summary>
public enum PointsEntryType
{
    Earn,
    Bonus,
    Redeem,
    Hold,
    Release,
    Confirm,
    Expire,
    Adjust,
    Reverse,
    TransferOut,
    TransferIn,
    Forfeit,
    MergeOut,
    MergeIn,
}
