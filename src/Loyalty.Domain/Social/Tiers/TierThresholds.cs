namespace Loyalty.Domain.Social.Tiers;

/// <summary>A member's activity within a window, by each of the three metrics a tier can qualify by.</summary>
/// <param name="PointsEarned">Points earned on purchases, net of returns — not the spendable balance, and not bonuses or grants.</param>
/// <param name="Spend">Amount spent in the programme's currency, net of returns.</param>
/// <param name="Visits">Purchases that were not returned in full.</param>
public readonly record struct QualifyingActivity(long PointsEarned, decimal Spend, int Visits)
{
    public static QualifyingActivity None => default;

    public QualifyingActivity Add(QualifyingActivity other) => new(PointsEarned + other.PointsEarned, Spend + other.Spend, Visits + other.Visits);
}

/// <summary>Thresholds by metric; null = not a way to qualify. Meeting any one of the set thresholds suffices.</summary>
public sealed record TierThresholds(long? PointsEarned, decimal? Spend, int? Visits)
{
    public static TierThresholds None { get; } = new(null, null, null);

    public bool IsEmpty => PointsEarned is null && Spend is null && Visits is null;

    internal bool HasNegative => PointsEarned < 0 || Spend < 0 || Visits < 0;

    /// <summary>A threshold of zero is met by everyone, which makes no sense for a tier above the entry tier.</summary>
    internal bool HasZero => PointsEarned == 0 || Spend == 0 || Visits == 0;

    /// <summary>Exactly at a threshold counts as met.</summary>
    public bool IsMetBy(QualifyingActivity activity) =>
        activity.PointsEarned >= PointsEarned || activity.Spend >= Spend || activity.Visits >= Visits;
}
