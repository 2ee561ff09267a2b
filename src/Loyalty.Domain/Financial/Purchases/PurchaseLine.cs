using Loyalty.Domain.Financial.Earning;

namespace Loyalty.Domain.Financial.Purchases;

/// <summary>
/// One line of a recorded purchase, as the till sent it (SKU, category, quantity, amount). Kept, never changed, so
/// the programme can learn what each member buys: category habits and co-purchases behind the next best offer.
/// </summary>
public sealed class PurchaseLine
{
    public const int SkuLength = 100;

    public const int CategoryLength = 100;

    private PurchaseLine()
    {
    }

    public long Id { get; private set; }

    public Guid PurchaseId { get; private set; }

    public Guid MemberId { get; private set; }

    /// <summary>Position within the basket.</summary>
    public int Sequence { get; private set; }

    public string? Sku { get; private set; }

    public string? Category { get; private set; }

    public decimal Quantity { get; private set; }

    public decimal Amount { get; private set; }

    /// <summary>The purchase's time, copied so habits are read from this table alone.</summary>
    public DateTimeOffset PurchasedAt { get; private set; }

    /// <summary>The itemised lines of a basket; a basket sent as a bare amount (no SKU, no category) teaches nothing and keeps no line.</summary>
    public static IEnumerable<PurchaseLine> Of(Purchase purchase, Basket basket)
    {
        ArgumentNullException.ThrowIfNull(purchase);
        ArgumentNullException.ThrowIfNull(basket);
        return basket.Lines.Where(l => l.Sku is not null || l.Category is not null).Select((line, i) => new PurchaseLine
        {
            PurchaseId = purchase.Id,
            MemberId = purchase.MemberId,
            Sequence = i,
            Sku = line.Sku,
            Category = line.Category,
            Quantity = line.Quantity,
            Amount = line.Amount,
            PurchasedAt = purchase.PurchasedAt,
        });
    }
}
