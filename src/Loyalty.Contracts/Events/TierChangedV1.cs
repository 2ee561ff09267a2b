namespace Loyalty.Contracts.Events;

/// <summary>The member moved tier; <c>from</c> is null on enrolment, <c>activity</c> null when not measured.</summary>
public sealed record TierChangedV1(
    string MemberNumber,
    EventTier? From,
    EventTier To,
    TierChangeReasonValue Reason,
    TierChangeActivity? Activity,
    DateTimeOffset OccurredAt) : ILoyaltyEvent
{
    public static string EventType => "tier.changed";
}
