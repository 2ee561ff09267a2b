namespace Loyalty.Contracts.Events;

/// <summary>A member joined the programme.</summary>
public sealed record MemberEnrolledV1(
    string MemberNumber,
    EnrolmentChannelValue Channel,
    Guid? StoreId,
    EnrolmentTier Tier,
    bool Referred,
    DateTimeOffset EnrolledAt) : ILoyaltyEvent
{
    public static string EventType => "member.enrolled";
}
