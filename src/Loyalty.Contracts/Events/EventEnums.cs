using System.Text.Json.Serialization;

namespace Loyalty.Contracts.Events;

/// <summary>What earned the points of a <c>points.earned</c> event.</summary>
[JsonConverter(typeof(CamelCaseEnumConverter<PointsEarnedSource>))]
public enum PointsEarnedSource
{
    /// <summary>A purchase recorded by a partner.</summary>
    Purchase,

    /// <summary>The enrolment bonus.</summary>
    Enrolment,

    /// <summary>A birthday bonus granted on the day by the daily job (rules with grantOn = day).</summary>
    Birthday,

    /// <summary>A membership-anniversary bonus granted on the day by the daily job (rules with grantOn = day).</summary>
    Anniversary,
}

/// <summary>Which side of a transfer the member is on.</summary>
[JsonConverter(typeof(CamelCaseEnumConverter<TransferDirection>))]
public enum TransferDirection
{
    In,
    Out,
}

/// <summary>Which side of a referral the rewarded member is on.</summary>
[JsonConverter(typeof(CamelCaseEnumConverter<ReferralRole>))]
public enum ReferralRole
{
    Referrer,
    Referee,
}

/// <summary>A member's status after a lifecycle event.</summary>
[JsonConverter(typeof(CamelCaseEnumConverter<MemberStatusValue>))]
public enum MemberStatusValue
{
    Active,
    Suspended,
    Closed,
    Merged,
}

/// <summary>What happened to a closed member's points.</summary>
[JsonConverter(typeof(CamelCaseEnumConverter<PointsOnCloseValue>))]
public enum PointsOnCloseValue
{
    Forfeit,
    Keep,
}

/// <summary>The programme's return policy applied to a reversal.</summary>
[JsonConverter(typeof(CamelCaseEnumConverter<ReturnPolicyValue>))]
public enum ReturnPolicyValue
{
    ReversePendingOnly,
    ReverseWithinAvailable,
    AllowNegativeBalance,
}

/// <summary>Why a member's tier changed.</summary>
[JsonConverter(typeof(CamelCaseEnumConverter<TierChangeReasonValue>))]
public enum TierChangeReasonValue
{
    Enrolment,
    Qualified,
    Downgraded,
    SchemeChanged,
    Merged,
    Admin,
}

/// <summary>Who checked a member in at a club event.</summary>
[JsonConverter(typeof(CamelCaseEnumConverter<CheckInChannelValue>))]
public enum CheckInChannelValue
{
    Staff,
    Partner,
}

/// <summary>Where a member enrolled.</summary>
[JsonConverter(typeof(CamelCaseEnumConverter<EnrolmentChannelValue>))]
public enum EnrolmentChannelValue
{
    App,
    Store,
    Admin,
}
