using Loyalty.Contracts.Common;

namespace Loyalty.Contracts.Partner;

/// <summary>Use a voucher at one of your stores. <see cref="Reference"/> is your receipt or order id, kept for reconciliation.</summary>
public sealed record UseVoucherRequest(Guid StoreId, string? Reference);

/// <summary>
/// What a till needs to honour a voucher. Status is issued (usable), used or expired. Where and with which reference it
/// was used is shown only to the partner that used it.
/// </summary>
public sealed record PartnerVoucherResponse(
    string Code,
    Guid RewardId,
    string RewardName,
    VoucherStatus Status,
    DateTimeOffset IssuedAt,
    DateTimeOffset ExpiresAt,
    DateTimeOffset? UsedAt,
    Guid? UsedAtStoreId,
    string? UseReference);
