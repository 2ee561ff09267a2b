namespace Loyalty.Domain.Customised.Recommendations;

/// <summary>How often the next best offer's top categories hold what a member bought next, against the most popular categories.</summary>
/// <param name="K">How many categories are recommended.</param>
/// <param name="Members">Members evaluated (those with at least two purchases with categories).</param>
/// <param name="Hits">Members whose held-out purchase holds one of the top <see cref="K"/> recommended categories.</param>
/// <param name="BaselineHits">The same with the <see cref="K"/> most popular categories instead.</param>
public sealed record HitRateResult(int K, int Members, int Hits, int BaselineHits)
{
    public double HitRate => Members == 0 ? 0 : Math.Round((double)Hits / Members, 4);

    public double BaselineHitRate => Members == 0 ? 0 : Math.Round((double)BaselineHits / Members, 4);
}

/// <summary>
/// Leave-last-out evaluation: for each member, hide their last purchase, learn co-purchases and popularity from
/// everyone's remaining purchases only (so nothing hidden leaks into the model), recommend from the rest of the
/// member's history as of just before the hidden purchase, and count a hit when the hidden basket holds a top-k category.
/// </summary>
public static class RecommendationEvaluation
{
    public static HitRateResult HitRateAt(int k, IEnumerable<IReadOnlyList<CategoryPurchase>> members, int minBaskets = 2)
    {
        ArgumentNullException.ThrowIfNull(members);
        var splits = members
            .Select(purchases =>
            {
                var last = purchases.OrderBy(p => p.At).ThenBy(p => p.PurchaseId).LastOrDefault();
                return last is null ? null : new
                {
                    Training = purchases.Where(p => p.PurchaseId != last.PurchaseId).ToList(),
                    HeldOut = purchases.Where(p => p.PurchaseId == last.PurchaseId).Select(p => p.Category).ToHashSet(StringComparer.OrdinalIgnoreCase),
                    At = last.At,
                };
            })
            .Where(s => s is not null && s.Training.Count > 0)
            .Select(s => s!)
            .ToList();

        var table = CoPurchaseTable.Learn(
            splits.SelectMany(s => s.Training.GroupBy(p => p.PurchaseId).Select(b => (IReadOnlyCollection<string>)b.Select(p => p.Category).ToList())),
            minBaskets);
        var popular = table.Popular.Take(k).ToList();

        int hits = 0, baselineHits = 0;
        foreach (var split in splits)
        {
            var top = NextBestOffer.RankCategories(CategoryHabit.From(split.Training), table, split.At, k);
            hits += top.Any(c => split.HeldOut.Contains(c.Category)) ? 1 : 0;
            baselineHits += popular.Any(split.HeldOut.Contains) ? 1 : 0;
        }

        return new HitRateResult(k, splits.Count, hits, baselineHits);
    }
}
