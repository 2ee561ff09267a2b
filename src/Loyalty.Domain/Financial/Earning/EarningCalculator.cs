using Loyalty.Domain.Common;

namespace Loyalty.Domain.Financial.Earning;

/// <summary>The kinds of breakdown line, as clients see them.</summary>
public static class EarnLineKinds
{
    public const string Base = "base";
    public const string Tier = "tier";
    public const string Multiplier = "multiplier";
    public const string Bonus = "bonus";

    /// <summary>A personal offer's benefit (the line carries the offer id).</summary>
    public const string Offer = "offer";
}

/// <summary>One line of an earn breakdown: which rule (and which version of it), or which personal offer, gave how many points.</summary>
public sealed record EarnLine(string Kind, Guid? RuleId, int? RuleVersion, Guid? CampaignId, string Description, long Points, Guid? OfferId = null);

/// <summary>The points a purchase earns and why.</summary>
public sealed record EarnCalculation(IReadOnlyList<EarnLine> Lines)
{
    public static EarnCalculation Nothing { get; } = new([]);

    public long TotalPoints => Lines.Sum(l => l.Points);

    /// <summary>The exact (unrounded) base points of each basket line, in basket order; personal offers multiply them.</summary>
    public IReadOnlyList<decimal> LineBase { get; init; } = [];
}

/// <summary>A basket line; <see cref="Amount"/> is the line's total (quantity × unit price, after discounts).</summary>
public sealed record BasketLine(string? Sku, string? Category, decimal Quantity, decimal Amount);

/// <summary>What was bought. Without itemised lines the whole amount is one line with no SKU or category.</summary>
public sealed record Basket(Money Total, IReadOnlyList<BasketLine> Lines)
{
    public static Basket Of(Money total, IReadOnlyList<BasketLine>? lines = null) =>
        new(total, lines is { Count: > 0 } ? lines : [new BasketLine(null, null, 1, total.Amount)]);
}

/// <summary>
/// The member facts rules look at. <see cref="PurchasesBefore"/> is only needed (and only loaded) when a
/// first-purchase or N-th-visit rule is active.
/// </summary>
public sealed record EarningMember(Guid TierId, string TierName, decimal TierMultiplier, DateOnly? BirthDate, DateTimeOffset EnrolledAt, int PurchasesBefore = 0);

/// <summary>Where and when points are earned. <see cref="PartnerId"/> and <see cref="StoreId"/> are null for an enrolment in the app.</summary>
public sealed record EarningOccasion(DateTimeOffset At, Guid? PartnerId, Guid? StoreId);

/// <summary>Points a capped rule already gave the member in the purchase's UTC day and month.</summary>
public sealed record RuleUsage(long Today, long ThisMonth)
{
    public static RuleUsage None { get; } = new(0, 0);
}

/// <summary>
/// The active rules and the campaigns they belong to, as one immutable snapshot (cached by the application).
/// Rules whose campaign is missing never apply.
/// </summary>
public sealed class EarningRuleSet
{
    public EarningRuleSet(IEnumerable<EarningRule> rules, IEnumerable<Campaign> campaigns)
    {
        Rules = rules.Where(r => r.IsActive && r.SupersededAt is null).OrderBy(r => r, RuleOrder.Instance).ToList();
        Campaigns = campaigns.ToDictionary(c => c.Id);
        BaseCurrencies = Rules.Where(r => r.Kind == EarningRuleKind.BaseRate).Select(r => r.Currency!).ToHashSet(StringComparer.Ordinal);
        UsageRules = Rules.Where(r => r.IsCapped || r.CountsVisits).ToList();
        HasEnrolmentBonus = Rules.Any(r => r.Trigger == BonusTrigger.Enrolment);
        DayBonusRules = Rules.Where(r => r.IsDayBonus).ToList();
    }

    public static EarningRuleSet Empty { get; } = new([], []);

    /// <summary>Highest priority first, then the most specific, then the newest version; the order every step uses.</summary>
    public IReadOnlyList<EarningRule> Rules { get; }

    public IReadOnlyDictionary<Guid, Campaign> Campaigns { get; }

    public IReadOnlySet<string> BaseCurrencies { get; }

    /// <summary>Rules that need the member's history: caps (usage this day and month) and visit triggers (purchase count).</summary>
    public IReadOnlyList<EarningRule> UsageRules { get; }

    public bool HasEnrolmentBonus { get; }

    /// <summary>Birthday and anniversary bonuses the daily job grants (<see cref="BonusGrantOn.Day"/>).</summary>
    public IReadOnlyList<EarningRule> DayBonusRules { get; }
}

/// <summary>
/// Turns a basket into points, deterministically:
/// <list type="number">
/// <item>Base: each basket line earns from the one base rate that applies to it (highest priority, then most
/// specific, then newest). A base rate's points are floor(Σ amount × rate) over the lines it covers.</item>
/// <item>Multipliers add their extra on top of base points, never compounding: the member's tier adds
/// floor(base × (tier multiplier − 1)) as the "tier" line; each multiplier rule adds floor(base of the lines it
/// matches × (factor − 1)). Base here is the exact (unrounded) base of those lines.</item>
/// <item>Fixed bonuses add their points when their trigger fires and their conditions hold.</item>
/// <item>Each rule's points are rounded down once, on its own line.</item>
/// <item>Caps: a capped rule gives at most what is left of its daily and monthly cap (UTC calendar periods of
/// the purchase time).</item>
/// <item>Exclusive groups: of the rules sharing a group, only the one giving the most points (after caps) stays;
/// ties go to the higher priority, then the newer version.</item>
/// </list>
/// Base lines are always listed (even at 0 points, to explain a 0); other lines only when they give points.
/// </summary>
public static class EarningCalculator
{
    public static EarnCalculation Calculate(
        EarningRuleSet rules,
        Basket basket,
        EarningMember member,
        EarningOccasion occasion,
        IReadOnlyDictionary<Guid, RuleUsage>? usage = null)
    {
        var currency = basket.Total.Currency;
        if (!rules.BaseCurrencies.Contains(currency))
        {
            throw new DomainException(
                "currency_not_supported",
                rules.BaseCurrencies.Count == 0
                    ? "No base earning rate is configured, so no purchase earns points yet."
                    : $"Purchases in {currency} cannot earn points; the programme earns in {string.Join(", ", rules.BaseCurrencies.Order(StringComparer.Ordinal))}.");
        }

        var lines = basket.Lines;
        if (basket.Total.Amount <= 0 || lines.Count == 0)
        {
            return EarnCalculation.Nothing;
        }

        // Which lines each applicable rule matches (rules that match none are dropped here).
        var matches = new List<(EarningRule Rule, bool[] Lines)>();
        foreach (var rule in rules.Rules)
        {
            if (rule.Trigger == BonusTrigger.Enrolment || rule.IsDayBonus || !AppliesTo(rule, rules, member, occasion, currency))
            {
                continue;
            }

            if (rule.Kind == EarningRuleKind.FixedBonus && !TriggerFires(rule, member, occasion.At))
            {
                continue;
            }

            var matched = new bool[lines.Count];
            var spend = 0m;
            for (var i = 0; i < lines.Count; i++)
            {
                if (MatchesLine(rule.Conditions, lines[i]))
                {
                    matched[i] = true;
                    spend += lines[i].Amount;
                }
            }

            if (!matched.Contains(true) || (rule.Conditions.MinimumSpend is { } minimum && spend < minimum))
            {
                continue;
            }

            matches.Add((rule, matched));
        }

        // 1. Base: the first (best-ordered) base rate matching a line is that line's base rate.
        var exactBase = new decimal[lines.Count];
        var baseRuleOfLine = new EarningRule?[lines.Count];
        foreach (var (rule, matched) in matches.Where(m => m.Rule.Kind == EarningRuleKind.BaseRate))
        {
            for (var i = 0; i < lines.Count; i++)
            {
                if (matched[i] && baseRuleOfLine[i] is null)
                {
                    baseRuleOfLine[i] = rule;
                    exactBase[i] = lines[i].Amount * rule.PointsPerCurrencyUnit!.Value;
                }
            }
        }

        var candidates = new List<(EarningRule? Rule, EarnLine Line)>();
        foreach (var rule in matches.Select(m => m.Rule).Where(r => r.Kind == EarningRuleKind.BaseRate))
        {
            var covered = Enumerable.Range(0, lines.Count).Where(i => ReferenceEquals(baseRuleOfLine[i], rule)).ToList();
            if (covered.Count > 0)
            {
                var points = Floor(covered.Sum(i => exactBase[i]));
                candidates.Add((rule, Line(rule, EarnLineKinds.Base, $"{rule.Name}: {Rate(rule.PointsPerCurrencyUnit!.Value)} per {rule.Currency}", points, rules)));
            }
        }

        // 2. Multipliers: the tier first, then multiplier rules, each on the exact base of its lines.
        var totalBase = exactBase.Sum();
        if (member.TierMultiplier > 1 && totalBase > 0)
        {
            candidates.Add((null, new EarnLine(EarnLineKinds.Tier, null, null, null, $"{member.TierName} tier ×{member.TierMultiplier:0.##}", Floor(totalBase * (member.TierMultiplier - 1)))));
        }

        foreach (var (rule, matched) in matches.Where(m => m.Rule.Kind == EarningRuleKind.Multiplier))
        {
            var onBase = Enumerable.Range(0, lines.Count).Where(i => matched[i]).Sum(i => exactBase[i]);
            candidates.Add((rule, Line(rule, EarnLineKinds.Multiplier, $"{rule.Name} ×{rule.Factor!.Value:0.####}", Floor(onBase * (rule.Factor.Value - 1)), rules)));
        }

        // 3. Fixed bonuses.
        foreach (var (rule, _) in matches.Where(m => m.Rule.Kind == EarningRuleKind.FixedBonus))
        {
            candidates.Add((rule, Line(rule, EarnLineKinds.Bonus, rule.Name, rule.BonusPoints!.Value, rules)));
        }

        // 4–6. (Rounded above.) Caps, then best-of groups.
        return new EarnCalculation(Finish(candidates, usage)) { LineBase = exactBase };
    }

    /// <summary>The fixed bonuses a member gets for joining (trigger Enrolment), at a till or in the app.</summary>
    public static EarnCalculation EnrolmentBonus(EarningRuleSet rules, EarningMember member, EarningOccasion occasion)
    {
        var candidates = rules.Rules
            .Where(r => r.Trigger == BonusTrigger.Enrolment && AppliesTo(r, rules, member, occasion, currency: null))
            .Select(r => ((EarningRule?)r, Line(r, EarnLineKinds.Bonus, r.Name, r.BonusPoints!.Value, rules)))
            .ToList();
        return new EarnCalculation(Finish(candidates, usage: null));
    }

    /// <summary>
    /// Whether a day bonus (<see cref="BonusGrantOn.Day"/>) is due to <paramref name="member"/> on <paramref name="day"/>:
    /// the day is their birthday or membership anniversary (<see cref="BonusOccasions"/>) and the rule's tier,
    /// campaign and membership-age conditions hold at <paramref name="at"/>. There is no purchase: partner and store
    /// conditions look at where the member enrolled, as for an enrolment bonus.
    /// </summary>
    public static bool DayBonusDue(EarningRule rule, EarningRuleSet rules, EarningMember member, EarningOccasion enrolment, DateOnly day, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(member);
        ArgumentNullException.ThrowIfNull(enrolment);
        var origin = rule.Trigger switch
        {
            BonusTrigger.BirthdayMonth => member.BirthDate,
            BonusTrigger.Anniversary => DateOnly.FromDateTime(member.EnrolledAt.UtcDateTime),
            _ => null,
        };
        return rule.IsDayBonus
            && origin is { } o
            && BonusOccasions.FallsOn(o, day)
            && AppliesTo(rule, rules, member, enrolment with { At = at }, currency: null);
    }

    /// <summary>The line a day bonus credits.</summary>
    public static EarnCalculation DayBonus(EarningRule rule, EarningRuleSet rules) =>
        new([Line(rule, EarnLineKinds.Bonus, rule.Name, rule.BonusPoints!.Value, rules)]);

    /// <summary>
    /// The purchase-level conditions (currency, campaign, tier, partner, store, membership age), which need no
    /// history: a capped or visit rule failing them needs no usage loaded.
    /// </summary>
    public static bool AppliesToPurchase(EarningRule rule, EarningRuleSet rules, EarningMember member, EarningOccasion occasion, string currency) =>
        rule.Trigger != BonusTrigger.Enrolment && !rule.IsDayBonus && AppliesTo(rule, rules, member, occasion, currency);

    private static bool AppliesTo(EarningRule rule, EarningRuleSet rules, EarningMember member, EarningOccasion occasion, string? currency)
    {
        var c = rule.Conditions;
        return (rule.Currency is null || currency is null || rule.Currency == currency)
            && (rule.CampaignId is null || (rules.Campaigns.TryGetValue(rule.CampaignId.Value, out var campaign) && campaign.Covers(occasion.At, member.TierId, occasion.PartnerId)))
            && (c.TierIds is null || c.TierIds.Contains(member.TierId))
            && (c.PartnerIds is null || (occasion.PartnerId is { } partner && c.PartnerIds.Contains(partner)))
            && (c.StoreIds is null || (occasion.StoreId is { } store && c.StoreIds.Contains(store)))
            && (c.MinimumMembershipMonths is null || member.EnrolledAt.AddMonths(c.MinimumMembershipMonths.Value) <= occasion.At);
    }

    private static bool TriggerFires(EarningRule rule, EarningMember member, DateTimeOffset at) => rule.Trigger switch
    {
        BonusTrigger.EveryPurchase => true,
        BonusTrigger.FirstPurchase => member.PurchasesBefore == 0,
        BonusTrigger.NthVisit => member.PurchasesBefore + 1 == rule.VisitNumber,
        BonusTrigger.BirthdayMonth => member.BirthDate?.Month == at.ToUniversalTime().Month,
        BonusTrigger.Anniversary => at.ToUniversalTime() is var utc && member.EnrolledAt.ToUniversalTime() is var enrolled && utc.Month == enrolled.Month && utc.Year > enrolled.Year,
        _ => false,
    };

    private static bool MatchesLine(RuleConditions c, BasketLine line) =>
        !c.SelectsLines
        || (line.Category is not null && c.Categories?.Contains(line.Category, StringComparer.OrdinalIgnoreCase) == true)
        || (line.Sku is not null && c.Skus?.Contains(line.Sku, StringComparer.OrdinalIgnoreCase) == true);

    private static List<EarnLine> Finish(List<(EarningRule? Rule, EarnLine Line)> candidates, IReadOnlyDictionary<Guid, RuleUsage>? usage)
    {
        // Caps: at most what is left of the rule's daily and monthly allowance.
        var capped = candidates.Select(c =>
        {
            if (c.Rule is not { IsCapped: true } rule)
            {
                return c;
            }

            var used = usage?.GetValueOrDefault(rule.Id) ?? RuleUsage.None;
            var left = Math.Max(0, Math.Min(rule.DailyCap - used.Today ?? long.MaxValue, rule.MonthlyCap - used.ThisMonth ?? long.MaxValue));
            if (c.Line.Points <= left)
            {
                return c;
            }

            var period = rule.DailyCap - used.Today == left ? $"{rule.DailyCap} a day" : $"{rule.MonthlyCap} a month";
            return (c.Rule, Line: c.Line with { Points = left, Description = $"{c.Line.Description} (capped at {period})" });
        }).ToList();

        // Best of: in each exclusive group only the rule giving the most points stays (candidates are already in rule order).
        var winners = capped
            .Where(c => c.Rule?.ExclusiveGroup is not null)
            .GroupBy(c => c.Rule!.ExclusiveGroup!, StringComparer.OrdinalIgnoreCase)
            .Select(g => g.OrderByDescending(c => c.Line.Points).ThenBy(c => c.Rule!, RuleOrder.Instance).First().Rule)
            .ToHashSet();

        return capped
            .Where(c => c.Rule?.ExclusiveGroup is null || winners.Contains(c.Rule))
            .Where(c => c.Line.Kind == EarnLineKinds.Base || c.Line.Points > 0)
            .Select(c => c.Line)
            .ToList();
    }

    private static EarnLine Line(EarningRule rule, string kind, string description, long points, EarningRuleSet rules)
    {
        var campaign = rule.CampaignId is { } id && rules.Campaigns.TryGetValue(id, out var c) ? $" ({c.Name})" : "";
        return new EarnLine(kind, rule.Id, rule.Version, rule.CampaignId, description + campaign, points);
    }

    private static long Floor(decimal points) => points <= 0 ? 0 : (long)decimal.Floor(points);

    private static string Rate(decimal rate) => rate == 1 ? "1 point" : $"{rate:0.####} points";
}

/// <summary>Priority (higher first), then specificity (more conditions first), then the newest version, then the id.</summary>
public sealed class RuleOrder : IComparer<EarningRule?>
{
    public static RuleOrder Instance { get; } = new();

    public int Compare(EarningRule? x, EarningRule? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null || y is null)
        {
            return x is null ? 1 : -1;
        }

        var byPriority = y.Priority.CompareTo(x.Priority);
        if (byPriority != 0)
        {
            return byPriority;
        }

        var bySpecificity = (y.Conditions.Specificity + (y.CampaignId is null ? 0 : 1)).CompareTo(x.Conditions.Specificity + (x.CampaignId is null ? 0 : 1));
        if (bySpecificity != 0)
        {
            return bySpecificity;
        }

        var byAge = y.CreatedAt.CompareTo(x.CreatedAt);
        return byAge != 0 ? byAge : x.Id.CompareTo(y.Id);
    }
}
