namespace Loyalty.Contracts.Events;

/// <summary>A referral paid out: one event per rewarded side; <c>purchaseId</c> is the referee's qualifying purchase (referee side only).</summary>
public sealed record ReferralRewardedV1(
    Guid ReferralId,
    ReferralRole Role,
    long Points,
    DateTimeOffset OccurredAt,
    Guid? PurchaseId = null) : ILoyaltyEvent
{
    public static string EventType => "referral.rewarded";
}
