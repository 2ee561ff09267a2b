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
}
