namespace Loyalty.Contracts.Common;

/// <summary>Where a voucher stands; expiry follows from the clock.</summary>
public enum VoucherStatus
{
    /// <summary>Usable: not used yet, not expired.</summary>
    Issued,
    Used,
    Expired,
}
