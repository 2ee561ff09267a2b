using Loyalty.Domain.Common;

namespace Loyalty.Domain.Social.Tiers;

/// <summary>
/// A level of the club. Rank 0 is the entry tier every new member gets and nobody has to qualify for; higher ranks
/// are reached by meeting any one of their <see cref="Qualify"/> thresholds within the qualification window and kept
/// by meeting any one of their <see cref="Retain"/> thresholds at each review. The id stays the same across scheme
/// versions, so members, rules and rewards that point at a tier keep pointing at it when marketing changes the scheme.
/// </summary>
public sealed class Tier
{
    public const int MaxPerks = 20;

    private Tier()
    {
    }

    public Guid Id { get; private set; }

    public string Name { get; private set; } = "";

    public int Rank { get; private set; }

    /// <summary>Multiplies base points, e.g. 1.5 for a tier that earns 50% more.</summary>
    public decimal EarnMultiplier { get; private set; }

    public long? QualifyPoints { get; private set; }

    public decimal? QualifySpend { get; private set; }

    public int? QualifyVisits { get; private set; }

    public long? RetainPoints { get; private set; }

    public decimal? RetainSpend { get; private set; }

    public int? RetainVisits { get; private set; }

    /// <summary>Percent off the points price of rewards (0–100).</summary>
    public decimal RewardDiscountPercent { get; private set; }

    /// <summary>The promised response time of member care, in hours; null = the standard service level.</summary>
    public int? SupportResponseHours { get; private set; }

    /// <summary>Free perks in plain words ("free parking", "lounge access").</summary>
    public IReadOnlyList<string> Perks { get; private set; } = [];

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>When a scheme version left this tier out; a retired tier keeps its id for history but is no longer offered.</summary>
    public DateTimeOffset? RetiredAt { get; private set; }

    public bool IsRetired => RetiredAt is not null;

    /// <summary>What reaching this tier takes: any one of the thresholds within the qualification window.</summary>
    public TierThresholds Qualify => new(QualifyPoints, QualifySpend, QualifyVisits);

    /// <summary>What keeping this tier takes at a review; when nothing is set, the qualification thresholds apply.</summary>
    public TierThresholds Retain => RetainPoints is null && RetainSpend is null && RetainVisits is null
        ? Qualify
        : new(RetainPoints, RetainSpend, RetainVisits);

    public TierBenefits Benefits => new(EarnMultiplier, RewardDiscountPercent, SupportResponseHours, Perks);

    public bool IsEntry => Rank == 0;

    /// <summary>A reward's points price for this tier's members: less the discount, rounded down (in the member's favour).</summary>
    public long RewardPrice(long pointsCost) =>
        RewardDiscountPercent <= 0m ? pointsCost : (long)decimal.Floor(pointsCost * (100m - RewardDiscountPercent) / 100m);

    /// <summary>An entry tier, or a tier qualified for by points earned only (the shape of the first schemes).</summary>
    public static Tier Create(string name, int rank, decimal earnMultiplier, long qualificationThreshold, DateTimeOffset now) =>
        Create(
            new TierDefinition(name, rank, rank == 0 && qualificationThreshold == 0 ? TierThresholds.None : new TierThresholds(qualificationThreshold, null, null), TierThresholds.None, new TierBenefits(earnMultiplier, 0m, null, [])),
            now);

    public static Tier Create(TierDefinition definition, DateTimeOffset now)
    {
        var tier = new Tier { Id = EntityId.New(), CreatedAt = now };
        tier.Define(definition, now);
        return tier;
    }

    public void Retire(DateTimeOffset now)
    {
        if (IsEntry)
        {
            throw new DomainException("entry_tier_retired", "The entry tier cannot be retired: every member needs a tier to fall back to.");
        }

        RetiredAt ??= now;
        UpdatedAt = now;
    }

    /// <summary>A placeholder rank and name while a scheme reorders tiers, so the unique indexes never see two tiers swap in one step.</summary>
    public void Park(int placeholderRank, DateTimeOffset now)
    {
        Rank = placeholderRank;
        Name = "~" + Id.ToString("N");
        UpdatedAt = now;
    }

    /// <summary>Applies a (validated) definition from a scheme version; the id and history stay.</summary>
    public void Define(TierDefinition definition, DateTimeOffset now)
    {
        definition.Validate();
        Name = Names.Clean(definition.Name);
        Rank = definition.Rank;
        EarnMultiplier = definition.Benefits.EarnMultiplier;
        (QualifyPoints, QualifySpend, QualifyVisits) = (definition.Qualify.PointsEarned, definition.Qualify.Spend, definition.Qualify.Visits);
        (RetainPoints, RetainSpend, RetainVisits) = (definition.Retain.PointsEarned, definition.Retain.Spend, definition.Retain.Visits);
        RewardDiscountPercent = definition.Benefits.RewardDiscountPercent;
        SupportResponseHours = definition.Benefits.SupportResponseHours;
        Perks = [.. definition.Benefits.Perks.Select(p => p.Trim())];
        UpdatedAt = now;
    }
}

/// <summary>One tier of a scheme as marketing staff define it.</summary>
public sealed record TierDefinition(string Name, int Rank, TierThresholds Qualify, TierThresholds Retain, TierBenefits Benefits)
{
    /// <summary>The rules a single tier must follow on its own; <see cref="TierScheme"/> checks tiers against each other.</summary>
    public void Validate()
    {
        if (Benefits.EarnMultiplier < 1m)
        {
            throw new DomainException("invalid_multiplier", "A tier never earns less than the base rate: the multiplier must be at least 1.");
        }

        if (Benefits.RewardDiscountPercent is < 0m or > 100m)
        {
            throw new DomainException("invalid_discount", "A reward discount is a percentage between 0 and 100.");
        }

        if (Qualify.HasNegative || Retain.HasNegative)
        {
            throw new DomainException("invalid_threshold", "Thresholds cannot be negative.");
        }

        if (Rank == 0)
        {
            if (!Qualify.IsEmpty || !Retain.IsEmpty)
            {
                throw new DomainException("invalid_threshold", "The entry tier (rank 0) is for everyone: it has no qualification or retention thresholds.");
            }

            return;
        }

        if (Qualify.IsEmpty || Qualify.HasZero)
        {
            throw new DomainException("invalid_threshold", $"Tier '{Name}' needs at least one qualification threshold, and each one above zero.");
        }

        // Keeping a tier must never be harder than reaching it, metric by metric.
        if (Retain.PointsEarned > Qualify.PointsEarned || Retain.Spend > Qualify.Spend || Retain.Visits > Qualify.Visits
            || (Retain.PointsEarned is not null && Qualify.PointsEarned is null)
            || (Retain.Spend is not null && Qualify.Spend is null)
            || (Retain.Visits is not null && Qualify.Visits is null))
        {
            throw new DomainException(
                "contradictory_thresholds",
                $"Tier '{Name}': a retention threshold must use a metric the tier qualifies by and be at most its qualification threshold.");
        }
    }
}

/// <summary>What a tier gives its members.</summary>
public sealed record TierBenefits(decimal EarnMultiplier, decimal RewardDiscountPercent, int? SupportResponseHours, IReadOnlyList<string> Perks);
