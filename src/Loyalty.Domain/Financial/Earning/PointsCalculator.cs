using Loyalty.Domain.Common;

namespace Loyalty.Domain.Financial.Earning;

/// <summary>One line of an earn breakdown: which rule gave how many points.</summary>
public sealed record EarnLine(string Rule, string Description, long Points);

/// <summary>The points a purchase earns and why.</summary>
public sealed record EarnCalculation(IReadOnlyList<EarnLine> Lines)
{
    public long TotalPoints => Lines.Sum(l => l.Points);
}

/// <summary>
/// Base rate × tier multiplier, rounded down once on the total so a member never loses a point to
/// rounding twice (base and bonus are derived from the same floored total).
/// </summary>
public static class PointsCalculator
{
    public static EarnCalculation Calculate(Money spend, EarningRule rule, string tierName, decimal tierMultiplier)
    {
        if (spend.Currency != rule.Currency)
        {
            throw new DomainException(
                "currency_not_supported",
                $"Purchases in {spend.Currency} cannot earn points; the programme earns in {rule.Currency}.");
        }

        if (spend.Amount <= 0)
        {
            return new EarnCalculation([]);
        }

        var basePoints = (long)decimal.Floor(spend.Amount * rule.PointsPerCurrencyUnit);
        var total = (long)decimal.Floor(spend.Amount * rule.PointsPerCurrencyUnit * tierMultiplier);
        var lines = new List<EarnLine>
        {
            new("base", $"{rule.Name}: {rule.PointsPerCurrencyUnit:0.####} {(rule.PointsPerCurrencyUnit == 1 ? "point" : "points")} per {rule.Currency}", basePoints),
        };
        if (total > basePoints)
        {
            lines.Add(new EarnLine("tier", $"{tierName} tier ×{tierMultiplier:0.##}", total - basePoints));
        }

        return new EarnCalculation(lines);
    }
}
