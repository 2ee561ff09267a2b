using Loyalty.Domain.Financial.Earning;

namespace Loyalty.Domain.Customised.Offers;

/// <summary>
/// A treatment-group offer of the member, as the earn path loads it (one row per offer, with the member's state).
/// <see cref="RewardStock"/> is the voucher reward's stock when it is limited (null: unlimited, or not a voucher offer).
/// </summary>
public sealed record MemberOffer(
    Guid OfferId,
    string Name,
    OfferStatus Status,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    int PerMemberLimit,
    bool RequiresActivation,
    OfferBenefitKind BenefitKind,
    long? BonusPoints,
    decimal? Factor,
    string? Category,
    string? Sku,
    Guid? RewardId,
    DateTimeOffset? ActivatedAt,
    int Uses,
    int? RewardStock = null);

/// <summary>An offer a purchase qualifies for and the line it adds to the breakdown (0 points for a voucher).</summary>
public sealed record OfferBenefitLine(MemberOffer Offer, EarnLine Line);

/// <summary>
/// Which of a member's offers a purchase uses and what each gives, deterministically:
/// an offer applies when it is published, the purchase time is inside its window, the member still has uses left and,
/// where activation is required, activated it no later than the purchase. Bonus points apply to any purchase with a
/// positive amount; a multiplier adds floor(base points of the basket lines of its category or SKU × (factor − 1))
/// and applies only when that is at least one point; a voucher offer applies to any purchase with a positive amount
/// while its reward has stock left (its voucher takes a unit of the catalogue's stock).
/// Each applicable offer gives its benefit once per purchase.
/// </summary>
public static class OfferBenefits
{
    public static IReadOnlyList<OfferBenefitLine> For(IEnumerable<MemberOffer> offers, Basket basket, EarnCalculation earned, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(offers);
        ArgumentNullException.ThrowIfNull(basket);
        ArgumentNullException.ThrowIfNull(earned);
        if (basket.Total.Amount <= 0)
        {
            return [];
        }

        var result = new List<OfferBenefitLine>();
        foreach (var offer in offers.Where(o => Applies(o, at)).OrderBy(o => o.OfferId))
        {
            var line = offer.BenefitKind switch
            {
                OfferBenefitKind.BonusPoints => Line(offer, $"Offer {offer.Name}: bonus", offer.BonusPoints ?? 0),
                OfferBenefitKind.Multiplier => Multiplier(offer, basket, earned),
                OfferBenefitKind.Voucher => Line(offer, $"Offer {offer.Name}: voucher", 0),
                _ => null,
            };
            if (line is not null && (line.Points > 0 || offer.BenefitKind == OfferBenefitKind.Voucher))
            {
                result.Add(new OfferBenefitLine(offer, line));
            }
        }

        return result;
    }

    public static bool Applies(MemberOffer offer, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(offer);
        return offer.Status == OfferStatus.Published
            && offer.StartsAt <= at && at < offer.EndsAt
            && offer.Uses < offer.PerMemberLimit
            && (!offer.RequiresActivation || (offer.ActivatedAt is { } activated && activated <= at))
            && (offer.BenefitKind != OfferBenefitKind.Voucher || offer.RewardStock is null or > 0);
    }

    private static EarnLine? Multiplier(MemberOffer offer, Basket basket, EarnCalculation earned)
    {
        if (offer.Factor is not { } factor || earned.LineBase.Count != basket.Lines.Count)
        {
            return null;
        }

        var onBase = 0m;
        for (var i = 0; i < basket.Lines.Count; i++)
        {
            var line = basket.Lines[i];
            var matches = (offer.Category is not null && string.Equals(line.Category, offer.Category, StringComparison.OrdinalIgnoreCase))
                || (offer.Sku is not null && string.Equals(line.Sku, offer.Sku, StringComparison.OrdinalIgnoreCase));
            if (matches)
            {
                onBase += earned.LineBase[i];
            }
        }

        var points = onBase <= 0 ? 0 : (long)decimal.Floor(onBase * (factor - 1));
        return Line(offer, $"Offer {offer.Name}: ×{factor:0.####} on {offer.Category ?? offer.Sku}", points);
    }

    private static EarnLine Line(MemberOffer offer, string description, long points) =>
        new(EarnLineKinds.Offer, null, null, null, description, points, offer.OfferId);
}
