using Loyalty.Domain.Common;

namespace Loyalty.Domain.Financial.Rewards;

public enum VoucherStatus
{
    /// <summary>Usable: not used yet, not expired.</summary>
    Issued,
    Used,
    Expired,
}

/// <summary>
/// Proof that a member redeemed a reward: a code they show at a partner's till, usable once before it expires.
/// Expiry is not stored as a status: it follows from the clock.
/// </summary>
public sealed class Voucher
{
    private Voucher()
    {
    }

    public Guid Id { get; private set; }

    /// <summary>The code without dashes (see <see cref="VoucherCode"/>); unique.</summary>
    public string Code { get; private set; } = "";

    public Guid RewardId { get; private set; }

    /// <summary>The reward's name when the voucher was issued: what the member bought, even if the reward is renamed later.</summary>
    public string RewardName { get; private set; } = "";

    public Guid MemberId { get; private set; }

    public long PointsSpent { get; private set; }

    public DateTimeOffset IssuedAt { get; private set; }

    public DateTimeOffset ExpiresAt { get; private set; }

    public DateTimeOffset? UsedAt { get; private set; }

    public Guid? UsedByPartnerId { get; private set; }

    public Guid? UsedAtStoreId { get; private set; }

    /// <summary>The partner's own reference for the use (receipt or order id), optional.</summary>
    public string? UseReference { get; private set; }

    public VoucherCode VoucherCode => VoucherCode.FromStored(Code);

    internal static Voucher Issue(Reward reward, Guid memberId, VoucherCode code, long pointsSpent, DateTimeOffset now) =>
        new()
        {
            Id = EntityId.New(),
            Code = code.Value,
            RewardId = reward.Id,
            RewardName = reward.Name,
            MemberId = memberId,
            PointsSpent = pointsSpent,
            IssuedAt = now,
            ExpiresAt = now.AddDays(reward.VoucherValidityDays),
        };

    public VoucherStatus StatusAt(DateTimeOffset now) => Status(UsedAt, ExpiresAt, now);

    /// <summary>The status rule, usable on projected rows too: used wins, then expiry (the expiry instant itself is expired).</summary>
    public static VoucherStatus Status(DateTimeOffset? usedAt, DateTimeOffset expiresAt, DateTimeOffset now) =>
        usedAt is not null ? VoucherStatus.Used : now >= expiresAt ? VoucherStatus.Expired : VoucherStatus.Issued;
}
