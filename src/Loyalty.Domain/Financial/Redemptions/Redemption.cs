using Loyalty.Domain.Common;

namespace Loyalty.Domain.Financial.Redemptions;

/// <summary>Points a member spent as payment at a partner store. One step for now: created captured.</summary>
public sealed class Redemption
{
    private Redemption()
    {
    }

    public Guid Id { get; private set; }

    public Guid MemberId { get; private set; }

    public Guid PartnerId { get; private set; }

    public Guid StoreId { get; private set; }

    public long Points { get; private set; }

    /// <summary>The partner's own reference (receipt or order id), optional.</summary>
    public string? Reference { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public static Redemption Capture(Guid memberId, Guid partnerId, Guid storeId, long points, string? reference, DateTimeOffset now)
    {
        if (points <= 0)
        {
            throw new DomainException("invalid_points", "A redemption spends at least one point.");
        }

        return new Redemption
        {
            Id = EntityId.New(),
            MemberId = memberId,
            PartnerId = partnerId,
            StoreId = storeId,
            Points = points,
            Reference = reference,
            CreatedAt = now,
        };
    }
}
