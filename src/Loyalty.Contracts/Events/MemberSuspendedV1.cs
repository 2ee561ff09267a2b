namespace Loyalty.Contracts.Events;

/// <summary>Staff suspended the member: no earning or spending until reactivated.</summary>
public sealed record MemberSuspendedV1(
    Guid MemberId,
    string MemberNumber,
    MemberStatusValue Status,
    DateTimeOffset OccurredAt) : ILoyaltyEvent
{
    public static string EventType => "member.suspended";
}
