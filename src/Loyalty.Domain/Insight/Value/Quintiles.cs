namespace Loyalty.Domain.Insight.Value;

/// <summary>
/// Rank-based buckets: a member's bucket depends on how many members score strictly worse, so equal values always
/// share a bucket (members who never bought all get recency 1, not an arbitrary spread over 1–2). The scoring SQL
/// computes the same with <c>RANK()</c>.
/// </summary>
public static class Quintiles
{
    /// <summary>1 (worst fifth) to 5 (best fifth) for the member ranked <paramref name="rankFromWorst"/> (1 = worst, ties share a rank) among <paramref name="count"/>.</summary>
    public static int Quintile(long rankFromWorst, long count) => Bucket(rankFromWorst, count, 5);

    /// <summary>1 (the most valuable tenth) to 10 for the member ranked <paramref name="rankFromBest"/> (1 = most valuable, ties share a rank).</summary>
    public static int Decile(long rankFromBest, long count) => Bucket(rankFromBest, count, 10);

    /// <summary>Quintiles of a whole population, higher values better, in the input's order.</summary>
    public static IReadOnlyList<int> Of(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return [.. values.Select(v => Quintile(1 + values.Count(o => o < v), values.Count))];
    }

    private static int Bucket(long rank, long count, int buckets)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(rank, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(rank, count);
        return 1 + (int)(buckets * (rank - 1) / count);
    }
}
