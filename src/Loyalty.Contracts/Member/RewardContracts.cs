using Loyalty.Contracts.Common;

namespace Loyalty.Contracts.Member;

/// <summary>
/// A reward as the member sees it now. <see cref="RemainingForYou"/> is how many more the member may redeem (per-member
/// limit and stock together); null means neither limits it. <see cref="CanRedeem"/> says whether a redeem would pass now.
/// <see cref="PointsCost"/> is what the member pays: <see cref="RegularPointsCost"/> less their tier's reward discount (rounded down).
/// </summary>
public sealed record RewardOfferResponse(
    Guid Id,
    string Name,
    string Description,
    long PointsCost,
    int? StockLeft,
    int? PerMemberLimit,
    int RedeemedByYou,
    int? RemainingForYou,
    bool CanAfford,
    bool CanRedeem,
    DateTimeOffset? AvailableUntil,
    int VoucherValidityDays,
    long RegularPointsCost);

/// <summary>A voucher: show <see cref="Code"/> at the till. Status is issued (usable), used or expired.</summary>
public sealed record VoucherResponse(
    string Code,
    Guid RewardId,
    string RewardName,
    long PointsSpent,
    VoucherStatus Status,
    DateTimeOffset IssuedAt,
    DateTimeOffset ExpiresAt,
    DateTimeOffset? UsedAt);

public sealed record RewardRedemptionResponse(VoucherResponse Voucher, long AvailablePoints);
