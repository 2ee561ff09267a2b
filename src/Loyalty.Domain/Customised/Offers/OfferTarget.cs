namespace Loyalty.Domain.Customised.Offers;

/// <summary>A member named in a draft offer's audience; publication materialises these into <see cref="OfferAssignment"/> rows.</summary>
public sealed class OfferTarget
{
    private OfferTarget()
    {
    }

    public Guid OfferId { get; private set; }

    public Guid MemberId { get; private set; }

    public static OfferTarget For(Guid offerId, Guid memberId) => new() { OfferId = offerId, MemberId = memberId };
}
