using System.Globalization;

namespace Loyalty.Domain.Customised.Recommendations;

public enum RecommendationCandidateKind
{
    Reward,
    Offer,
}

/// <summary>Something the member could be told about: an active offer they hold or a reward they may redeem, with the category it is about (if any).</summary>
public sealed record RecommendationCandidate(RecommendationCandidateKind Kind, Guid Id, string Name, string? Category);

public enum RecommendationReasonKind
{
    /// <summary>The member buys the candidate's category themselves.</summary>
    Habit,

    /// <summary>Baskets with a category the member buys often also hold the candidate's.</summary>
    CoPurchase,

    /// <summary>Nothing in the member's purchases points at it; it is often bought by everyone.</summary>
    Popular,

    /// <summary>The candidate is about no category; it is open to the member, nothing more.</summary>
    Open,
}

/// <summary>Why a candidate is recommended, in words and in the facts the words come from.</summary>
/// <param name="Kind">What the reason rests on.</param>
/// <param name="Text">The reason in words, for the member.</param>
/// <param name="BasedOnCategory">The member's own category the reason rests on (habit and co-purchase).</param>
/// <param name="Purchases">How many of the member's purchases held that category (in the window read).</param>
/// <param name="LastPurchasedAt">The member's last purchase in that category.</param>
/// <param name="IntervalDays">The member's usual gap between those purchases; null after one purchase.</param>
public sealed record RecommendationReason(
    RecommendationReasonKind Kind,
    string Text,
    string? BasedOnCategory,
    int? Purchases,
    DateTimeOffset? LastPurchasedAt,
    double? IntervalDays);

public sealed record Recommendation(int Rank, RecommendationCandidate Candidate, double Score, RecommendationReason Reason);

/// <summary>A category scored for one member, with the reason behind the score.</summary>
public sealed record CategoryScore(string Category, double Score, RecommendationReason Reason);

/// <summary>
/// The next best offer: rank categories for one member from their own purchase habits (frequency, and recency
/// against their own rhythm), from what is bought with them (co-purchase confidence), and lastly from overall
/// popularity; then give each candidate its category's score. Every pick carries the reason it was scored by.
/// </summary>
public static class NextBestOffer
{
    /// <summary>Once a member is past their usual interval, a habit fades by a factor e every this many days.</summary>
    public const double FadeDays = 90;

    /// <summary>Popularity weighs less than any live habit, so it only fills what the member's own purchases leave open.</summary>
    public const double PopularWeight = 0.5;

    public static IReadOnlyList<Recommendation> For(
        IReadOnlyList<CategoryHabit> habits, CoPurchaseTable coPurchases, IEnumerable<RecommendationCandidate> candidates, DateTimeOffset now, int count = 3)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        var scores = Score(habits, coPurchases, now);
        var scored = candidates
            .Select(c => (Candidate: c, Score: c.Category is { } category && scores.TryGetValue(category, out var score) ? score : (ScoredCategory?)null))
            .OrderByDescending(s => s.Score?.Value ?? 0)
            .ThenByDescending(s => s.Candidate.Kind) // at the same score the member's own offer before a catalogue reward
            .ThenBy(s => s.Candidate.Name, StringComparer.Ordinal)
            .ThenBy(s => s.Candidate.Id)
            .ToList();

        // One pick per category first, so three coffee rewards do not crowd out everything else.
        var picks = new List<(RecommendationCandidate Candidate, ScoredCategory? Score)>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var s in scored.Where(s => s.Candidate.Category is null || seen.Add(s.Candidate.Category)))
        {
            picks.Add(s);
        }

        picks.AddRange(scored.Except(picks));
        return picks.Take(count)
            .Select((p, i) => new Recommendation(
                i + 1,
                p.Candidate,
                Math.Round(p.Score?.Value ?? 0, 6),
                p.Score?.Reason(p.Candidate.Category!, coPurchases) ?? new RecommendationReason(RecommendationReasonKind.Open, $"Open to you now: {p.Candidate.Name}", null, null, null, null)))
            .ToList();
    }

    /// <summary>The <paramref name="count"/> categories the member's habits, their co-purchases or popularity score highest, best first.</summary>
    public static IReadOnlyList<CategoryScore> RankCategories(IReadOnlyList<CategoryHabit> habits, CoPurchaseTable coPurchases, DateTimeOffset now, int count = int.MaxValue) =>
        Score(habits, coPurchases, now)
            .OrderByDescending(s => s.Value.Value).ThenBy(s => s.Key, StringComparer.Ordinal)
            .Take(count)
            .Select(s => new CategoryScore(s.Key, s.Value.Value, s.Value.Reason(s.Key, coPurchases)))
            .ToList();

    /// <summary>
    /// Each category's best score and where it came from. The reason's words are only written for what is picked:
    /// a member is scored against every learnt pair, and formatting them all would cost more than the scoring.
    /// </summary>
    private static Dictionary<string, ScoredCategory> Score(IReadOnlyList<CategoryHabit> habits, CoPurchaseTable coPurchases, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(habits);
        ArgumentNullException.ThrowIfNull(coPurchases);
        var best = new Dictionary<string, ScoredCategory>(StringComparer.OrdinalIgnoreCase);

        void Offer(string category, ScoredCategory score)
        {
            if (!best.TryGetValue(category, out var current) || score.Value > current.Value)
            {
                best[category] = score;
            }
        }

        foreach (var habit in habits)
        {
            var strength = Strength(habit, now);
            Offer(habit.Category, new ScoredCategory(strength, habit, null));
            foreach (var pair in coPurchases.From(habit.Category))
            {
                if (pair.Lift > 1)
                {
                    Offer(pair.To, new ScoredCategory(strength * pair.Confidence, habit, pair));
                }
            }
        }

        foreach (var category in coPurchases.Popular)
        {
            Offer(category, new ScoredCategory(coPurchases.ShareOf(category) * PopularWeight, null, null));
        }

        return best;
    }

    /// <summary>
    /// How strongly a habit holds now: the number of purchases, fading once the member is past their own usual
    /// interval (a monthly buyer 20 days after their last purchase is still on rhythm; 200 days after, they drift).
    /// </summary>
    public static double Strength(CategoryHabit habit, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(habit);
        var sinceLast = Math.Max(0, (now - habit.LastAt).TotalDays);
        var overdue = Math.Max(0, sinceLast - (habit.IntervalDays ?? 0));
        return habit.Purchases * Math.Exp(-overdue / FadeDays);
    }

    /// <summary>The member's rhythm in words: "every week", "every month", "about every 9 days".</summary>
    public static string Rhythm(double intervalDays) => intervalDays switch
    {
        < 1.5 => "almost every day",
        >= 5.5 and <= 8.5 => "every week",
        >= 12 and <= 16 => "every two weeks",
        >= 26 and <= 35 => "every month",
        _ => $"about every {Math.Round(intervalDays).ToString(CultureInfo.InvariantCulture)} days",
    };

    private static RecommendationReason HabitReason(CategoryHabit habit) =>
        new(
            RecommendationReasonKind.Habit,
            habit.IntervalDays is { } interval
                ? $"Because you buy {habit.Category} {Rhythm(interval)} ({habit.Purchases} purchases, the last on {Day(habit.LastAt)})"
                : $"Because you bought {habit.Category} on {Day(habit.LastAt)}",
            habit.Category,
            habit.Purchases,
            habit.LastAt,
            habit.IntervalDays is { } days ? Math.Round(days, 1) : null);

    private static RecommendationReason CoPurchaseReason(CategoryHabit habit, CoPurchase pair) =>
        new(
            RecommendationReasonKind.CoPurchase,
            $"Because you buy {habit.Category} ({habit.Purchases} purchases, the last on {Day(habit.LastAt)}), and {Percent(pair.Confidence)} of baskets with {habit.Category} also hold {pair.To}",
            habit.Category,
            habit.Purchases,
            habit.LastAt,
            habit.IntervalDays is { } days ? Math.Round(days, 1) : null);

    private static RecommendationReason PopularReason(string category, double share) =>
        new(RecommendationReasonKind.Popular, $"Popular with members: {Percent(share)} of baskets hold {category}", null, null, null, null);

    private static string Day(DateTimeOffset at) => at.UtcDateTime.ToString("d MMM yyyy", CultureInfo.InvariantCulture);

    private static string Percent(double share) => (share * 100).ToString("0", CultureInfo.InvariantCulture) + " %";

    /// <summary>A category's score and what it rests on: a habit, a habit and a co-purchase pair, or neither (popularity).</summary>
    private readonly record struct ScoredCategory(double Value, CategoryHabit? Habit, CoPurchase? Pair)
    {
        public RecommendationReason Reason(string category, CoPurchaseTable coPurchases) => (Habit, Pair) switch
        {
            ({ } habit, { } pair) => CoPurchaseReason(habit, pair),
            ({ } habit, null) => HabitReason(habit),
            _ => PopularReason(category, coPurchases.ShareOf(category)),
        };
    }
}
