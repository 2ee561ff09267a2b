namespace Loyalty.Domain.Customised.Recommendations;

/// <summary>One purchase of a member in one category: the basket's lines of that category folded together.</summary>
public sealed record CategoryPurchase(Guid PurchaseId, string Category, DateTimeOffset At, decimal Amount);

/// <summary>What a member's purchases say about one category: how often, since when, how recently.</summary>
public sealed record CategoryHabit(string Category, int Purchases, DateTimeOffset FirstAt, DateTimeOffset LastAt)
{
    /// <summary>The member's usual gap between purchases in the category, in days; null after a single purchase.</summary>
    public double? IntervalDays => Purchases < 2 ? null : (LastAt - FirstAt).TotalDays / (Purchases - 1);

    /// <summary>One habit per category, counting each purchase (basket) once however many lines it had in the category.</summary>
    public static IReadOnlyList<CategoryHabit> From(IEnumerable<CategoryPurchase> purchases)
    {
        ArgumentNullException.ThrowIfNull(purchases);
        return purchases
            .GroupBy(p => p.Category, StringComparer.OrdinalIgnoreCase)
            .Select(g =>
            {
                var baskets = g.GroupBy(p => p.PurchaseId).Select(b => b.First().At).ToList();
                return new CategoryHabit(g.First().Category, baskets.Count, baskets.Min(), baskets.Max());
            })
            .OrderBy(h => h.Category, StringComparer.Ordinal)
            .ToList();
    }
}
