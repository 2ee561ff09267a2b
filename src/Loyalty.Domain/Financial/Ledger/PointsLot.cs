namespace Loyalty.Domain.Financial.Ledger;

/// <summary>
/// Points earned together, with one expiry date. Spending takes from the oldest lots first; the expiry job takes
/// whatever remains of a lot when its date passes. While a lot is pending its points are in the pending balance
/// and cannot be spent; once confirmed, the lots' remaining points add up to the available balance.
/// </summary>
public sealed class PointsLot
{
    private PointsLot()
    {
    }

    /// <summary>Database-assigned and increasing: "oldest first" is "lowest id first".</summary>
    public long Id { get; private set; }

    public Guid MemberId { get; private set; }

    /// <summary>Points the lot started with.</summary>
    public long Points { get; private set; }

    /// <summary>Points not yet spent, expired or reversed.</summary>
    public long Remaining { get; private set; }

    public DateTimeOffset EarnedAt { get; private set; }

    /// <summary>Null when the programme's points never expire.</summary>
    public DateTimeOffset? ExpiresAt { get; private set; }

    public bool IsPending { get; private set; }

    /// <summary>When a pending lot becomes available by itself; null while it waits for the partner's confirmation.</summary>
    public DateTimeOffset? PendingUntil { get; private set; }

    /// <summary>The purchase that earned the lot, so a return can find what to take back.</summary>
    public Guid? PurchaseId { get; private set; }

    /// <summary>Set once the member has been told the lot is about to expire, so they are told once.</summary>
    public DateTimeOffset? ExpiryNoticeAt { get; private set; }

    public static PointsLot Available(Guid memberId, long points, long remaining, DateTimeOffset earnedAt, DateTimeOffset? expiresAt, Guid? purchaseId)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(points);
        ArgumentOutOfRangeException.ThrowIfNegative(remaining);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(remaining, points);
        return new PointsLot { MemberId = memberId, Points = points, Remaining = remaining, EarnedAt = earnedAt, ExpiresAt = expiresAt, PurchaseId = purchaseId };
    }

    public static PointsLot Pending(Guid memberId, long points, DateTimeOffset earnedAt, DateTimeOffset? expiresAt, DateTimeOffset? pendingUntil, Guid? purchaseId)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(points);
        return new PointsLot
        {
            MemberId = memberId,
            Points = points,
            Remaining = points,
            EarnedAt = earnedAt,
            ExpiresAt = expiresAt,
            IsPending = true,
            PendingUntil = pendingUntil,
            PurchaseId = purchaseId,
        };
    }

    /// <summary>Takes up to <paramref name="points"/> from the lot and says how many it took.</summary>
    public long Take(long points)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(points);
        var taken = Math.Min(points, Remaining);
        Remaining -= taken;
        return taken;
    }

    /// <summary>Gives back points taken earlier (a cancelled hold), never more than the lot started with.</summary>
    public void Restore(long points)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(points);
        if (Remaining + points > Points)
        {
            throw new InvalidOperationException($"Lot {Id} cannot hold more than its {Points} points.");
        }

        Remaining += points;
    }

    /// <summary>
    /// A pending lot becomes spendable. <paramref name="keep"/> is what stays in the lot: less than its points when
    /// part of them paid back a negative balance.
    /// </summary>
    public void Confirm(long keep)
    {
        if (!IsPending)
        {
            throw new InvalidOperationException($"Lot {Id} is not pending.");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(keep);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(keep, Remaining);
        IsPending = false;
        PendingUntil = null;
        Remaining = keep;
    }
}

/// <summary>
/// Which lots a debit took its points from, kept where the debit may be undone (a hold that is cancelled or
/// expires): the points go back to the same lots, with their original expiry dates.
/// </summary>
public sealed class LotDebit
{
    private LotDebit()
    {
    }

    public long Id { get; private set; }

    public long LotId { get; private set; }

    public Guid MemberId { get; private set; }

    /// <summary>The hold (redemption) or transfer that took the points.</summary>
    public Guid ReferenceId { get; private set; }

    public long Points { get; private set; }

    public static LotDebit Record(long lotId, Guid memberId, Guid referenceId, long points) =>
        new() { LotId = lotId, MemberId = memberId, ReferenceId = referenceId, Points = points };
}
