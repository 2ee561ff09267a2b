namespace Loyalty.Contracts.Events;

/// <summary>The member's personal data was erased; only the id remains.</summary>
public sealed record MemberErasedV1(
    Guid MemberId,
    DateTimeOffset OccurredAt) : ILoyaltyEvent
{
    public static string EventType => "member.erased";
}
