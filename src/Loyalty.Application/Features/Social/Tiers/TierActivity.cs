using Loyalty.Domain.Social.Tiers;

namespace Loyalty.Application.Features.Social.Tiers;

/// <summary>
/// Qualifying activity, added up from purchases (in SQL by <see cref="ITierActivity"/>): points earned on them net of
/// returns (not bonuses or grants, not the spendable balance), the amount spent in the programme's currency net of
/// returns (in ten-thousandths, so sums and comparisons are exact on every provider) and visits (purchases not
/// returned in full).
/// </summary>
public static class TierActivity
{
    public static long ToTenThousandths(decimal amount) => (long)decimal.Round(amount * 10000m, MidpointRounding.AwayFromZero);

    public static decimal FromTenThousandths(long value) => value / 10000m;

    /// <summary>What one purchase adds, the way the SQL counts it.</summary>
    public static QualifyingActivity Of(Domain.Financial.Purchases.Purchase purchase, string currency)
    {
        ArgumentNullException.ThrowIfNull(purchase);
        return new QualifyingActivity(
            purchase.PointsEarned - purchase.PointsReversed,
            string.Equals(purchase.Currency, currency, StringComparison.OrdinalIgnoreCase) ? purchase.Amount - purchase.ReturnedAmount : 0m,
            purchase.ReturnedAmount < purchase.Amount ? 1 : 0);
    }
}
