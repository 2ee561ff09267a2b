namespace Loyalty.Contracts.Events;

/// <summary>A partner's till used a member's voucher.</summary>
public sealed record VoucherUsedV1(
    string Code,
    Guid RewardId,
    string RewardName,
    Guid StoreId,
    string? Reference,
    DateTimeOffset UsedAt) : ILoyaltyEvent
{
    public static string EventType => "voucher.used";
}
