using Loyalty.Domain.Common;

namespace Loyalty.Domain.Financial.Purchases;

/// <summary>A purchase a partner reported. <see cref="ExternalId"/> is the partner's receipt id, unique per partner.</summary>
public sealed class Purchase
{
    private Purchase()
    {
    }

    public Guid Id { get; private set; }

    public Guid MemberId { get; private set; }

    public Guid PartnerId { get; private set; }

    public Guid StoreId { get; private set; }

    public string ExternalId { get; private set; } = "";

    public decimal Amount { get; private set; }

    public string Currency { get; private set; } = "";

    public DateTimeOffset PurchasedAt { get; private set; }

    public DateTimeOffset RecordedAt { get; private set; }

    /// <summary>The total of the purchase's <see cref="EarnBreakdownLine"/>s.</summary>
    public long PointsEarned { get; private set; }

    /// <summary>How much of <see cref="Amount"/> has come back in returns so far.</summary>
    public decimal ReturnedAmount { get; private set; }

    /// <summary>Points the returns took back from the member so far.</summary>
    public long PointsReversed { get; private set; }

    /// <summary>Points the returns should have taken back but could not (already spent), by the programme's return policy.</summary>
    public long PointsWrittenOff { get; private set; }

    public static Purchase Record(Guid memberId, Guid partnerId, Guid storeId, string externalId, Money amount, DateTimeOffset purchasedAt, DateTimeOffset now, long pointsEarned) =>
        new()
        {
            Id = EntityId.New(),
            MemberId = memberId,
            PartnerId = partnerId,
            StoreId = storeId,
            ExternalId = externalId,
            Amount = amount.Amount,
            Currency = amount.Currency,
            PurchasedAt = purchasedAt,
            RecordedAt = now,
            PointsEarned = pointsEarned,
        };

    /// <summary>The amount a return gives back: what was asked, or (null) everything not yet returned.</summary>
    public decimal ReturnAmount(decimal? requested)
    {
        var left = Amount - ReturnedAmount;
        if (left <= 0)
        {
            throw new DomainException("return_exceeds_purchase", "The purchase was already returned in full.");
        }

        var amount = requested ?? left;
        if (amount <= 0)
        {
            throw new DomainException("invalid_amount", "A return gives back more than nothing.");
        }

        return amount <= left
            ? amount
            : throw new DomainException("return_exceeds_purchase", $"Only {left:0.####} {Currency} of this purchase is left to return.");
    }

    /// <summary>
    /// The points a return of <paramref name="amount"/> takes back: the returned share of what the purchase earned,
    /// counted cumulatively (floor(earned × all returned / amount) minus what earlier returns took), so partial
    /// returns add up to exactly the points earned and never more.
    /// </summary>
    public long PointsDueOnReturn(decimal amount)
    {
        var returned = ReturnedAmount + ReturnAmount(amount);
        var dueInAll = returned == Amount ? PointsEarned : (long)decimal.Floor(PointsEarned * returned / Amount);
        return dueInAll - PointsReversed - PointsWrittenOff;
    }

    /// <summary>Books a return: its amount and how its points were settled (taken back or written off).</summary>
    public void RecordReturn(decimal amount, long reversed, long writtenOff)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(reversed);
        ArgumentOutOfRangeException.ThrowIfNegative(writtenOff);
        if (reversed + writtenOff != PointsDueOnReturn(amount))
        {
            throw new InvalidOperationException($"A return of {amount} settles {PointsDueOnReturn(amount)} points, not {reversed + writtenOff}.");
        }

        ReturnedAmount += amount;
        PointsReversed += reversed;
        PointsWrittenOff += writtenOff;
    }
}
