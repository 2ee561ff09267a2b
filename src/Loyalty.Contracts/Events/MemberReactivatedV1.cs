namespace Loyalty.Contracts.Events;

/// <summary>Staff reactivated a suspended member.</summary>
public sealed record MemberReactivatedV1(
    Guid MemberId,
    string MemberNumber,
    MemberStatusValue Status,
    DateTimeOffset OccurredAt) : ILoyaltyEvent
{
    public static string EventType => "member.reactivated";
}
