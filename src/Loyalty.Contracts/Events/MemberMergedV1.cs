namespace Loyalty.Contracts.Events;

/// <summary>A duplicate member was merged into the survivor; <c>points</c> is the survivor's balance afterwards.</summary>
public sealed record MemberMergedV1(
    Guid SurvivorId,
    string SurvivorMemberNumber,
    Guid DuplicateId,
    string DuplicateMemberNumber,
    long Points,
    DateTimeOffset OccurredAt) : ILoyaltyEvent
{
    public static string EventType => "member.merged";
}
