namespace Loyalty.Domain.Customised.Segments;

/// <summary>What a <see cref="SegmentRule"/> node tests; <see cref="All"/>, <see cref="Any"/> and <see cref="None"/> combine others.</summary>
public enum SegmentRuleKind
{
    /// <summary>Every rule in <see cref="SegmentRule.Rules"/> holds (no rules: every active member).</summary>
    All,

    /// <summary>At least one rule in <see cref="SegmentRule.Rules"/> holds.</summary>
    Any,

    /// <summary>No rule in <see cref="SegmentRule.Rules"/> holds.</summary>
    None,

    /// <summary>The member's current tier is one of <see cref="SegmentRule.TierIds"/>.</summary>
    Tier,

    /// <summary>Available points between <see cref="SegmentRule.Min"/> and <see cref="SegmentRule.Max"/>.</summary>
    PointsBalance,

    /// <summary>Net spend (purchases less returns) in <see cref="SegmentRule.Currency"/> over the last <see cref="SegmentRule.WindowDays"/> days.</summary>
    Spend,

    /// <summary>Number of purchases over the last <see cref="SegmentRule.WindowDays"/> days.</summary>
    Visits,

    /// <summary>Whole days since the last purchase; a member who never bought counts as infinitely long ago.</summary>
    DaysSinceLastPurchase,

    /// <summary>Whole days since enrolment.</summary>
    TenureDays,

    /// <summary>Bought at one of <see cref="SegmentRule.StoreIds"/> (in the window, when one is given).</summary>
    Store,

    /// <summary>Bought at one of <see cref="SegmentRule.PartnerIds"/> (in the window, when one is given).</summary>
    Partner,

    /// <summary>Enrolled at, or bought (in the window, when one is given) at, a store in one of <see cref="SegmentRule.Cities"/>.</summary>
    City,

    /// <summary>
    /// A score kept by other work (value, class), named by <see cref="SegmentRule.Score"/>: between the bounds, or one
    /// of <see cref="SegmentRule.Values"/> for a class. Valid only for scores the rule compiler has a source for.
    /// </summary>
    Score,
}

/// <summary>
/// One node of a segment's definition: a combination of rules or one condition. Only the fields the kind uses are
/// set (<see cref="Validate"/> says which); the tree is small, at most <see cref="MaxDepth"/> deep and
/// <see cref="MaxNodes"/> nodes. Bounds are inclusive; a missing bound is open.
/// </summary>
public sealed record SegmentRule
{
    public const int MaxDepth = 5;
    public const int MaxNodes = 50;
    public const int MaxListLength = 100;
    public const int MaxWindowDays = 3660;

    /// <summary>Every active member.</summary>
    public static SegmentRule Everyone { get; } = new() { Kind = SegmentRuleKind.All, Rules = [] };

    public SegmentRuleKind Kind { get; init; }

    public IReadOnlyList<SegmentRule>? Rules { get; init; }

    public IReadOnlyList<Guid>? TierIds { get; init; }

    public IReadOnlyList<Guid>? StoreIds { get; init; }

    public IReadOnlyList<Guid>? PartnerIds { get; init; }

    public IReadOnlyList<string>? Cities { get; init; }

    public decimal? Min { get; init; }

    public decimal? Max { get; init; }

    public int? WindowDays { get; init; }

    public string? Currency { get; init; }

    public string? Score { get; init; }

    public IReadOnlyList<string>? Values { get; init; }

    /// <summary>A combination of rules rather than one condition (a method, so the stored JSON holds only the fields).</summary>
    public bool CombinesRules() => Kind is SegmentRuleKind.All or SegmentRuleKind.Any or SegmentRuleKind.None;

    /// <summary>This node and every node below it.</summary>
    public IEnumerable<SegmentRule> Nodes()
    {
        yield return this;
        foreach (var child in Rules ?? [])
        {
            foreach (var node in child.Nodes())
            {
                yield return node;
            }
        }
    }

    /// <summary>
    /// The problems with this definition, each with the path of the field at fault (<paramref name="path"/> is the
    /// root's, e.g. <c>definition</c>). <paramref name="knownScores"/> are the scores the compiler can test.
    /// </summary>
    public IReadOnlyList<(string Field, string Message)> Validate(string path, IReadOnlySet<string> knownScores)
    {
        ArgumentNullException.ThrowIfNull(knownScores);
        var problems = new List<(string, string)>();
        if (Nodes().Take(MaxNodes + 1).Count() > MaxNodes)
        {
            problems.Add((path, $"A definition has at most {MaxNodes} rules."));
            return problems;
        }

        Check(this, path, 1, knownScores, problems);
        return problems;
    }

    private static void Check(SegmentRule rule, string path, int depth, IReadOnlySet<string> knownScores, List<(string, string)> problems)
    {
        void Add(string field, string message) => problems.Add(($"{path}.{field}", message));
        void Unused(bool set, string field)
        {
            if (set)
            {
                Add(field, $"Not used by a {rule.Kind} rule.");
            }
        }

        if (!Enum.IsDefined(rule.Kind))
        {
            problems.Add(($"{path}.kind", "Unknown rule kind."));
            return;
        }

        if (depth > MaxDepth)
        {
            problems.Add((path, $"Rules nest at most {MaxDepth} deep."));
            return;
        }

        var k = rule.Kind;
        Unused(!rule.CombinesRules() && rule.Rules is not null, "rules");
        Unused(k != SegmentRuleKind.Tier && rule.TierIds is not null, "tierIds");
        Unused(k != SegmentRuleKind.Store && rule.StoreIds is not null, "storeIds");
        Unused(k != SegmentRuleKind.Partner && rule.PartnerIds is not null, "partnerIds");
        Unused(k != SegmentRuleKind.City && rule.Cities is not null, "cities");
        Unused(k != SegmentRuleKind.Spend && rule.Currency is not null, "currency");
        Unused(k != SegmentRuleKind.Score && rule.Score is not null, "score");
        Unused(k != SegmentRuleKind.Score && rule.Values is not null, "values");
        var bounded = k is SegmentRuleKind.PointsBalance or SegmentRuleKind.Spend or SegmentRuleKind.Visits
            or SegmentRuleKind.DaysSinceLastPurchase or SegmentRuleKind.TenureDays or SegmentRuleKind.Score;
        Unused(!bounded && rule.Min is not null, "min");
        Unused(!bounded && rule.Max is not null, "max");
        var windowed = k is SegmentRuleKind.Spend or SegmentRuleKind.Visits or SegmentRuleKind.Store or SegmentRuleKind.Partner or SegmentRuleKind.City;
        Unused(!windowed && rule.WindowDays is not null, "windowDays");

        if (rule.WindowDays is { } window && (window < 1 || window > MaxWindowDays))
        {
            Add("windowDays", $"Between 1 and {MaxWindowDays} days.");
        }

        if (bounded)
        {
            if (rule.Min is null && rule.Max is null && !(k == SegmentRuleKind.Score && rule.Values is not null))
            {
                Add("min", "Give min, max or both.");
            }

            if (rule.Min is { } min && rule.Max is { } max && min > max)
            {
                Add("max", "max is at least min.");
            }

            if (k != SegmentRuleKind.Score && (rule.Min < 0 || rule.Max < 0))
            {
                Add(rule.Min < 0 ? "min" : "max", "Not negative.");
            }

            if (k is SegmentRuleKind.Visits or SegmentRuleKind.DaysSinceLastPurchase or SegmentRuleKind.TenureDays or SegmentRuleKind.PointsBalance
                && (rule.Min % 1 != 0 || rule.Max % 1 != 0))
            {
                Add(rule.Min % 1 != 0 ? "min" : "max", "A whole number.");
            }

            if ((rule.Min is { } m1 && Math.Abs(m1) > 1_000_000_000_000m) || (rule.Max is { } m2 && Math.Abs(m2) > 1_000_000_000_000m))
            {
                Add("min", "Out of range.");
            }
        }

        switch (k)
        {
            case SegmentRuleKind.All or SegmentRuleKind.Any or SegmentRuleKind.None:
                if (rule.Rules is null || (k != SegmentRuleKind.All && rule.Rules.Count == 0))
                {
                    Add("rules", k == SegmentRuleKind.All ? "Give the rules (an empty list means every active member)." : "Give at least one rule.");
                }

                for (var i = 0; i < (rule.Rules?.Count ?? 0); i++)
                {
                    if (rule.Rules![i] is null)
                    {
                        Add($"rules[{i}]", "A rule is required.");
                        continue;
                    }

                    Check(rule.Rules[i], $"{path}.rules[{i}]", depth + 1, knownScores, problems);
                }

                break;
            case SegmentRuleKind.Tier:
                List(rule.TierIds, "tierIds", id => id != Guid.Empty, Add);
                break;
            case SegmentRuleKind.Store:
                List(rule.StoreIds, "storeIds", id => id != Guid.Empty, Add);
                break;
            case SegmentRuleKind.Partner:
                List(rule.PartnerIds, "partnerIds", id => id != Guid.Empty, Add);
                break;
            case SegmentRuleKind.City:
                List(rule.Cities, "cities", c => !string.IsNullOrWhiteSpace(c) && c.Length <= 100, Add);
                break;
            case SegmentRuleKind.Spend:
                if (rule.WindowDays is null)
                {
                    Add("windowDays", "Spend is measured over a window of days.");
                }

                if (rule.Currency is null || rule.Currency.Length != 3 || !rule.Currency.All(char.IsAsciiLetterUpper))
                {
                    Add("currency", "An ISO 4217 code such as EUR.");
                }

                break;
            case SegmentRuleKind.Visits:
                if (rule.WindowDays is null)
                {
                    Add("windowDays", "Visits are counted over a window of days.");
                }

                break;
            case SegmentRuleKind.Score:
                if (string.IsNullOrWhiteSpace(rule.Score))
                {
                    Add("score", "Name the score.");
                }
                else if (!knownScores.Contains(rule.Score))
                {
                    Add("score", knownScores.Count == 0
                        ? "No scores are available to segments yet."
                        : $"Unknown score; available: {string.Join(", ", knownScores.Order(StringComparer.Ordinal))}.");
                }

                if (rule.Values is not null)
                {
                    List(rule.Values, "values", v => !string.IsNullOrWhiteSpace(v) && v.Length <= 100, Add);
                }

                break;
            default:
                break;
        }
    }

    private static void List<T>(IReadOnlyList<T>? values, string field, Func<T, bool> valid, Action<string, string> add)
    {
        if (values is null || values.Count == 0)
        {
            add(field, "Give at least one.");
            return;
        }

        if (values.Count > MaxListLength)
        {
            add(field, $"At most {MaxListLength}.");
        }

        for (var i = 0; i < values.Count; i++)
        {
            if (values[i] is null || !valid(values[i]))
            {
                add($"{field}[{i}]", "Not a valid value.");
            }
        }
    }
}
