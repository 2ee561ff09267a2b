using Loyalty.Domain.Common;
using Loyalty.Domain.Financial.Policies;

namespace Loyalty.Domain.Financial.Purchases;

/// <summary>
/// Goods of a purchase brought back, as the partner reported them. <see cref="ReturnId"/> is the partner's own id for
/// the return, unique per purchase, so the same return is never credited twice.
/// </summary>
public sealed class PurchaseReturn
{
    private PurchaseReturn()
    {
    }

    public Guid Id { get; private set; }

    public Guid PurchaseId { get; private set; }

    public Guid MemberId { get; private set; }

    public Guid PartnerId { get; private set; }

    public string ReturnId { get; private set; } = "";

    /// <summary>The money given back, in the purchase's currency.</summary>
    public decimal Amount { get; private set; }

    /// <summary>Points taken back while they were still pending.</summary>
    public long PendingPointsReversed { get; private set; }

    /// <summary>Points taken back from the available balance (possibly below zero under <see cref="ReturnPolicy.AllowNegativeBalance"/>).</summary>
    public long AvailablePointsReversed { get; private set; }

    /// <summary>Points the return should have taken back but the policy let the member keep (already spent).</summary>
    public long PointsWrittenOff { get; private set; }

    public ReturnPolicy Policy { get; private set; }

    public string? Reason { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public long PointsReversed => PendingPointsReversed + AvailablePointsReversed;

    public static PurchaseReturn Record(Purchase purchase, string returnId, decimal amount, ReturnSettlement settlement, ReturnPolicy policy, string? reason, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(purchase);
        ArgumentNullException.ThrowIfNull(settlement);
        ArgumentException.ThrowIfNullOrWhiteSpace(returnId);
        return new PurchaseReturn
        {
            Id = EntityId.New(),
            PurchaseId = purchase.Id,
            MemberId = purchase.MemberId,
            PartnerId = purchase.PartnerId,
            ReturnId = returnId,
            Amount = amount,
            PendingPointsReversed = settlement.FromPending,
            AvailablePointsReversed = settlement.FromAvailable,
            PointsWrittenOff = settlement.WrittenOff,
            Policy = policy,
            Reason = reason,
            CreatedAt = now,
        };
    }
}

/// <summary>How the points a return takes back were found: pending points first, then available ones, the rest written off.</summary>
public sealed record ReturnSettlement(long FromPending, long FromAvailable, long WrittenOff)
{
    public long Reversed => FromPending + FromAvailable;

    /// <summary>
    /// Splits <paramref name="due"/> points under <paramref name="policy"/>, given what the purchase still has pending
    /// and what the member has available now.
    /// </summary>
    public static ReturnSettlement Plan(long due, long pendingOfPurchase, long available, ReturnPolicy policy)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(due);
        ArgumentOutOfRangeException.ThrowIfNegative(pendingOfPurchase);
        var fromPending = Math.Min(due, pendingOfPurchase);
        var rest = due - fromPending;
        var fromAvailable = policy switch
        {
            ReturnPolicy.ReversePendingOnly => 0,
            ReturnPolicy.ReverseWithinAvailable => Math.Min(rest, Math.Max(0, available)),
            ReturnPolicy.AllowNegativeBalance => rest,
            _ => throw new ArgumentOutOfRangeException(nameof(policy), policy, "Unknown return policy."),
        };
        return new ReturnSettlement(fromPending, fromAvailable, rest - fromAvailable);
    }
}
