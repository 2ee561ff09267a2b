namespace Loyalty.Domain.Financial.Ledger;

public enum LedgerEntryType
{
    Earn,
    Bonus,
    Redeem,
    Hold,
    Release,
    Expire,
    Adjust,
    Reverse,
}

/// <summary>
/// One immutable movement of a member's points. The sum of a member's entries is their balance:
/// positive entries add points, negative ones take them away.
/// </summary>
public sealed class LedgerEntry
{
    private LedgerEntry()
    {
    }

    /// <summary>Database-assigned and increasing, so history pages by a simple keyset on every provider.</summary>
    public long Id { get; private set; }

    public Guid MemberId { get; private set; }

    public LedgerEntryType Type { get; private set; }

    public long Points { get; private set; }

    public string Description { get; private set; } = "";

    public DateTimeOffset OccurredAt { get; private set; }

    public Guid? PartnerId { get; private set; }

    public Guid? StoreId { get; private set; }

    public Guid? PurchaseId { get; private set; }

    public Guid? RedemptionId { get; private set; }

    /// <summary>Who caused a manual entry (an admin's subject); null for partner and system entries.</summary>
    public string? Actor { get; private set; }

    public static LedgerEntry Earn(Guid memberId, long points, string description, DateTimeOffset at, Guid partnerId, Guid storeId, Guid purchaseId)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(points);
        return new LedgerEntry
        {
            MemberId = memberId,
            Type = LedgerEntryType.Earn,
            Points = points,
            Description = description,
            OccurredAt = at,
            PartnerId = partnerId,
            StoreId = storeId,
            PurchaseId = purchaseId,
        };
    }

    /// <summary>Points given outside a purchase, e.g. an enrolment bonus; where it happened when known.</summary>
    public static LedgerEntry Bonus(Guid memberId, long points, string description, DateTimeOffset at, Guid? partnerId, Guid? storeId)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(points);
        return new LedgerEntry
        {
            MemberId = memberId,
            Type = LedgerEntryType.Bonus,
            Points = points,
            Description = description,
            OccurredAt = at,
            PartnerId = partnerId,
            StoreId = storeId,
        };
    }

    public static LedgerEntry Redeem(Guid memberId, long points, string description, DateTimeOffset at, Guid partnerId, Guid storeId, Guid redemptionId)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(points);
        return new LedgerEntry
        {
            MemberId = memberId,
            Type = LedgerEntryType.Redeem,
            Points = -points,
            Description = description,
            OccurredAt = at,
            PartnerId = partnerId,
            StoreId = storeId,
            RedemptionId = redemptionId,
        };
    }

    /// <summary>A manual correction by staff; signed, with the reason kept as the description.</summary>
    public static LedgerEntry Adjust(Guid memberId, long points, string reason, DateTimeOffset at, string actor)
    {
        if (points == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(points), "An adjustment moves at least one point.");
        }

        return new LedgerEntry
        {
            MemberId = memberId,
            Type = LedgerEntryType.Adjust,
            Points = points,
            Description = reason,
            OccurredAt = at,
            Actor = actor,
        };
    }
}
