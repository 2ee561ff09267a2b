namespace Loyalty.Contracts.Events;

/// <summary>
/// A purchase used a member's personal offer: <see cref="Points"/> were added to its breakdown (0 for a voucher offer,
/// whose voucher is <see cref="RewardId"/>'s). <see cref="UsesLeft"/> is what the member may still use.
/// </summary>
public sealed record OfferRedeemedV1(
    string MemberNumber,
    Guid OfferId,
    Guid PurchaseId,
    string ExternalId,
    long Points,
    Guid? RewardId,
    int UsesLeft,
    DateTimeOffset OccurredAt) : ILoyaltyEvent
{
    public static string EventType => "offer.redeemed";
}
