using Loyalty.Domain.Common;

namespace Loyalty.Domain.Social.Tiers;

/// <summary>
/// A whole tier scheme as marketing staff submit it: the qualification rules and every tier. Checked as a whole,
/// because most mistakes are between tiers: two tiers with the same rank or name, a higher tier that is easier to
/// reach than the one below it by the same metric, or one that earns less.
/// </summary>
public sealed record TierScheme(TierProgrammeSettings Settings, IReadOnlyList<TierDefinition> Tiers)
{
    public const int MaxTiers = 20;

    public void Validate()
    {
        Settings.Validate();
        if (Tiers.Count is 0 or > MaxTiers)
        {
            throw new DomainException("invalid_scheme", $"A scheme has 1–{MaxTiers} tiers.");
        }

        foreach (var tier in Tiers)
        {
            tier.Validate();
        }

        if (Tiers.Count(t => t.Rank == 0) != 1)
        {
            throw new DomainException("invalid_scheme", "A scheme has exactly one entry tier (rank 0).");
        }

        if (Tiers.Select(t => t.Rank).Distinct().Count() != Tiers.Count)
        {
            throw new DomainException("duplicate_rank", "Two tiers cannot share a rank.");
        }

        if (Tiers.Select(t => Names.Clean(t.Name).ToUpperInvariant()).Distinct().Count() != Tiers.Count)
        {
            throw new DomainException("duplicate_tier_name", "Two tiers cannot share a name.");
        }

        var ordered = Tiers.OrderBy(t => t.Rank).ToList();
        for (var i = 1; i < ordered.Count; i++)
        {
            var (lower, higher) = (ordered[i - 1], ordered[i]);
            if (higher.Benefits.EarnMultiplier < lower.Benefits.EarnMultiplier)
            {
                throw new DomainException("tier_out_of_order", $"'{higher.Name}' earns less than '{lower.Name}' below it.");
            }
        }

        // By each metric, the thresholds of the tiers that use it must rise strictly with rank: otherwise two tiers
        // overlap and a member would qualify for the higher one before (or without) the lower one.
        Rising(ordered, t => t.Qualify.PointsEarned, "points earned");
        Rising(ordered, t => t.Qualify.Spend, "spend");
        Rising(ordered, t => t.Qualify.Visits, "visits");
        if (Tiers.Any(t => t.Qualify.Spend is not null) && !Money.IsCurrencyCode(Settings.SpendCurrency))
        {
            throw new DomainException("invalid_currency", "Spend thresholds need the programme's spend currency.");
        }
    }

    private static void Rising<T>(List<TierDefinition> ordered, Func<TierDefinition, T?> threshold, string metric)
        where T : struct, IComparable<T>
    {
        TierDefinition? previous = null;
        foreach (var tier in ordered.Where(t => threshold(t) is not null))
        {
            if (previous is not null && threshold(tier)!.Value.CompareTo(threshold(previous)!.Value) <= 0)
            {
                throw new DomainException(
                    "overlapping_thresholds",
                    $"By {metric}, '{tier.Name}' ({threshold(tier)}) must need more than '{previous.Name}' ({threshold(previous)}) below it.");
            }

            previous = tier;
        }
    }
}
