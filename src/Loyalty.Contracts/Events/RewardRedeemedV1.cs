namespace Loyalty.Contracts.Events;

/// <summary>The member spent points on a reward and received a voucher.</summary>
public sealed record RewardRedeemedV1(
    string MemberNumber,
    Guid VoucherId,
    Guid RewardId,
    string RewardName,
    long Points,
    DateTimeOffset ExpiresAt,
    DateTimeOffset OccurredAt) : ILoyaltyEvent
{
    public static string EventType => "reward.redeemed";
}
