namespace Loyalty.Domain.Financial.Ledger;

public enum LedgerEntryType
{
    /// <summary>Points earned on a purchase (available at once, or pending).</summary>
    Earn,

    /// <summary>Points given without a purchase: enrolment, birthday, referral, bulk grants.</summary>
    Bonus,

    /// <summary>Points spent: a captured payment at a till, or a reward.</summary>
    Redeem,

    /// <summary>Points set aside by an authorised till payment, until it is captured, cancelled or expires.</summary>
    Hold,

    /// <summary>A hold given back (cancelled, expired, or the uncaptured part of a capture).</summary>
    Release,

    /// <summary>Pending points that became available (hold period over, or the partner confirmed the order).</summary>
    Confirm,

    Expire,
    Adjust,

    /// <summary>Points taken back because the purchase that earned them was returned.</summary>
    Reverse,

    TransferOut,
    TransferIn,

    /// <summary>Points given up when a membership closes (or is erased) under the forfeit policy.</summary>
    Forfeit,

    /// <summary>A duplicate's points leaving it for the member it is merged into (ReferenceId = the survivor).</summary>
    MergeOut,

    /// <summary>A merged duplicate's points arriving, with their expiry dates (ReferenceId = the duplicate).</summary>
    MergeIn,
}

/// <summary>
/// One immutable movement of a member's points. A member has two balances and every entry says how it moved
/// each of them: <see cref="Points"/> changes the available balance, <see cref="PendingPoints"/> the pending one.
/// So available == sum(Points) and pending == sum(PendingPoints) over the member's entries, always.
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

    /// <summary>Change of the available (spendable) balance: positive adds, negative takes away.</summary>
    public long Points { get; private set; }

    /// <summary>Change of the pending balance: a pending earn adds here, its confirmation moves it to <see cref="Points"/>.</summary>
    public long PendingPoints { get; private set; }

    public string Description { get; private set; } = "";

    public DateTimeOffset OccurredAt { get; private set; }

    public Guid? PartnerId { get; private set; }

    public Guid? StoreId { get; private set; }

    public Guid? PurchaseId { get; private set; }

    public Guid? RedemptionId { get; private set; }

    /// <summary>What else the entry belongs to: a voucher, a transfer, a bulk grant, an expiry run.</summary>
    public Guid? ReferenceId { get; private set; }

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

    /// <summary>Any movement; the named factories above cover the common ones.</summary>
    public static LedgerEntry Create(Guid memberId, LedgerEntryType type, long points, string description, DateTimeOffset at, LedgerReferences? references = null, long pendingPoints = 0)
    {
        if (points == 0 && pendingPoints == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(points), "A ledger entry moves at least one point.");
        }

        var r = references ?? LedgerReferences.None;
        return new LedgerEntry
        {
            MemberId = memberId,
            Type = type,
            Points = points,
            PendingPoints = pendingPoints,
            Description = description,
            OccurredAt = at,
            PartnerId = r.PartnerId,
            StoreId = r.StoreId,
            PurchaseId = r.PurchaseId,
            RedemptionId = r.RedemptionId,
            ReferenceId = r.ReferenceId,
            Actor = r.Actor,
        };
    }

    /// <summary>Turns an available-points earn into a pending one (same entry, the points land in the pending balance).</summary>
    public void MakePending()
    {
        if (Id != 0 || Points <= 0 || PendingPoints != 0)
        {
            throw new InvalidOperationException("Only a new entry that adds available points can be made pending.");
        }

        PendingPoints = Points;
        Points = 0;
    }
}

/// <summary>What a ledger entry refers to; every part optional.</summary>
public sealed record LedgerReferences(
    Guid? PartnerId = null,
    Guid? StoreId = null,
    Guid? PurchaseId = null,
    Guid? RedemptionId = null,
    Guid? ReferenceId = null,
    string? Actor = null)
{
    public static readonly LedgerReferences None = new();
}
