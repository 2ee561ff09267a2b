using Loyalty.Domain.Common;

namespace Loyalty.Domain.Social.Tiers;

/// <summary>
/// A level of the club. Rank 0 is the entry tier every new member gets; higher ranks earn faster.
/// Qualification and downgrade rules arrive with the social-layer work; for now the threshold is informative.
/// </summary>
public sealed class Tier
{
    private Tier()
    {
    }

    public Guid Id { get; private set; }

    public string Name { get; private set; } = "";

    public int Rank { get; private set; }

    /// <summary>Multiplies base points, e.g. 1.5 for a tier that earns 50% more.</summary>
    public decimal EarnMultiplier { get; private set; }

    /// <summary>Points earned within the qualification window needed to reach this tier.</summary>
    public long QualificationThreshold { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public static Tier Create(string name, int rank, decimal earnMultiplier, long qualificationThreshold, DateTimeOffset now)
    {
        if (earnMultiplier < 1m)
        {
            throw new DomainException("invalid_multiplier", "A tier never earns less than the base rate: the multiplier must be at least 1.");
        }

        if (rank == 0 && qualificationThreshold != 0)
        {
            throw new DomainException("invalid_threshold", "The entry tier (rank 0) is for everyone: its threshold must be 0.");
        }

        return new Tier
        {
            Id = EntityId.New(),
            Name = name.Trim(),
            Rank = rank,
            EarnMultiplier = earnMultiplier,
            QualificationThreshold = qualificationThreshold,
            CreatedAt = now,
        };
    }
}
