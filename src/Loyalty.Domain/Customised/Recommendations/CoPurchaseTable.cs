namespace Loyalty.Domain.Customised.Recommendations;

/// <summary>How often a basket holding <see cref="From"/> also holds <see cref="To"/> (confidence), and how much more often than baskets in general (lift).</summary>
public sealed record CoPurchase(string From, string To, int Baskets, double Confidence, double Lift);

/// <summary>
/// "Members who bought X also bought Y", learnt from baskets: every ordered pair of categories seen together in at
/// least <c>minBaskets</c> baskets, with each category's share of all baskets for the popularity fallback.
/// </summary>
public sealed class CoPurchaseTable
{
    private readonly Dictionary<string, List<CoPurchase>> _byFrom;
    private readonly Dictionary<string, double> _share;

    public CoPurchaseTable(IEnumerable<CoPurchase> pairs, IReadOnlyDictionary<string, double> basketShare)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        ArgumentNullException.ThrowIfNull(basketShare);
        _byFrom = pairs.GroupBy(p => p.From, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(p => p.Confidence).ThenBy(p => p.To, StringComparer.Ordinal).ToList(), StringComparer.OrdinalIgnoreCase);
        _share = new Dictionary<string, double>(basketShare, StringComparer.OrdinalIgnoreCase);
        Popular = _share.OrderByDescending(s => s.Value).ThenBy(s => s.Key, StringComparer.Ordinal).Select(s => s.Key).ToList();
    }

    public static CoPurchaseTable Empty { get; } = new([], new Dictionary<string, double>());

    /// <summary>Categories from the most to the least often bought (share of baskets).</summary>
    public IReadOnlyList<string> Popular { get; }

    public IEnumerable<CoPurchase> Pairs => _byFrom.Values.SelectMany(p => p);

    public IReadOnlyList<CoPurchase> From(string category) => _byFrom.TryGetValue(category, out var pairs) ? pairs : [];

    /// <summary>The share of all baskets holding <paramref name="category"/> (0 when never seen).</summary>
    public double ShareOf(string category) => _share.GetValueOrDefault(category);

    /// <summary>Learns the table from baskets, each the set of categories it held.</summary>
    public static CoPurchaseTable Learn(IEnumerable<IReadOnlyCollection<string>> baskets, int minBaskets)
    {
        ArgumentNullException.ThrowIfNull(baskets);
        var total = 0;
        var single = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var pairs = new Dictionary<(string From, string To), int>();
        foreach (var basket in baskets)
        {
            var categories = basket.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            if (categories.Count == 0)
            {
                continue;
            }

            total++;
            foreach (var from in categories)
            {
                single[from] = single.GetValueOrDefault(from) + 1;
                foreach (var to in categories.Where(c => !string.Equals(c, from, StringComparison.OrdinalIgnoreCase)))
                {
                    pairs[(from, to)] = pairs.GetValueOrDefault((from, to)) + 1;
                }
            }
        }

        return FromCounts(total, single, pairs.Select(p => (p.Key.From, p.Key.To, p.Value)), minBaskets);
    }

    /// <summary>Builds the table from counts already aggregated (by the database for the whole programme).</summary>
    public static CoPurchaseTable FromCounts(int totalBaskets, IReadOnlyDictionary<string, int> basketsWith, IEnumerable<(string From, string To, int Baskets)> together, int minBaskets)
    {
        ArgumentNullException.ThrowIfNull(basketsWith);
        ArgumentNullException.ThrowIfNull(together);
        if (totalBaskets <= 0)
        {
            return Empty;
        }

        var share = basketsWith.ToDictionary(s => s.Key, s => (double)s.Value / totalBaskets, StringComparer.OrdinalIgnoreCase);
        var pairs = together
            .Where(p => p.Baskets >= minBaskets && basketsWith.GetValueOrDefault(p.From) > 0 && share.GetValueOrDefault(p.To) > 0)
            .Select(p =>
            {
                var confidence = (double)p.Baskets / basketsWith[p.From];
                return new CoPurchase(p.From, p.To, p.Baskets, confidence, confidence / share[p.To]);
            });
        return new CoPurchaseTable(pairs, share);
    }
}
