using Loyalty.Domain.Common;

namespace Loyalty.Domain.Financial.Earning;

public enum EarningRuleKind
{
    /// <summary>Points per whole currency unit; one base rate applies to each basket line.</summary>
    BaseRate,

    /// <summary>Adds (factor − 1) × the base points of the lines it matches, e.g. 2.0 = double points.</summary>
    Multiplier,

    /// <summary>A fixed number of points when its trigger fires.</summary>
    FixedBonus,
}

public enum BonusTrigger
{
    EveryPurchase,
    FirstPurchase,
    BirthdayMonth,

    /// <summary>The member's N-th purchase (<see cref="EarningRule.VisitNumber"/>).</summary>
    NthVisit,

    /// <summary>Credited once, when the member enrols at a till or in the app.</summary>
    Enrolment,

    /// <summary>
    /// The anniversary of the member's enrolment (UTC date), from the year after enrolment on: on purchases in the
    /// anniversary month, or on the day itself with <see cref="BonusGrantOn.Day"/>.
    /// </summary>
    Anniversary,
}

/// <summary>When a birthday or anniversary bonus is given.</summary>
public enum BonusGrantOn
{
    /// <summary>On each purchase in the birthday or anniversary month (the rule's caps apply).</summary>
    Purchase,

    /// <summary>
    /// By the daily job on the birthday or anniversary itself, without a purchase, once per member per year;
    /// purchases never trigger it. 29 February is celebrated on 28 February in other years.
    /// </summary>
    Day,
}

/// <summary>
/// When a rule applies. A null list means "no restriction"; lists are never empty. Categories and SKUs select
/// basket lines (a line matches when its category or its SKU is listed); everything else is about the purchase.
/// </summary>
public sealed record RuleConditions
{
    public static RuleConditions None { get; } = new();

    /// <summary>Spend on the matching lines (the whole basket without category/SKU conditions) at least this much.</summary>
    public decimal? MinimumSpend { get; init; }

    public IReadOnlyList<Guid>? TierIds { get; init; }

    public IReadOnlyList<Guid>? PartnerIds { get; init; }

    public IReadOnlyList<Guid>? StoreIds { get; init; }

    public IReadOnlyList<string>? Categories { get; init; }

    public IReadOnlyList<string>? Skus { get; init; }

    /// <summary>Full months since enrolment at the time of purchase, e.g. 36 for a three-year perk.</summary>
    public int? MinimumMembershipMonths { get; init; }

    public bool SelectsLines => Categories is not null || Skus is not null;

    /// <summary>How many kinds of condition are set; breaks ties between base rates (the more specific wins).</summary>
    public int Specificity =>
        (MinimumSpend is null ? 0 : 1) + (TierIds is null ? 0 : 1) + (PartnerIds is null ? 0 : 1) + (StoreIds is null ? 0 : 1)
        + (Categories is null ? 0 : 1) + (Skus is null ? 0 : 1) + (MinimumMembershipMonths is null ? 0 : 1);
}

/// <summary>Everything marketing staff set on a rule; each version of a rule is one immutable definition.</summary>
public sealed record EarningRuleDefinition(
    string Name,
    EarningRuleKind Kind,
    string? Currency,
    decimal? PointsPerCurrencyUnit,
    decimal? Factor,
    long? BonusPoints,
    BonusTrigger? Trigger,
    int? VisitNumber,
    int Priority,
    string? ExclusiveGroup,
    Guid? CampaignId,
    RuleConditions Conditions,
    long? DailyCap,
    long? MonthlyCap,
    BonusGrantOn GrantOn = BonusGrantOn.Purchase)
{
    public const int MaxListItems = 100;

    /// <summary>The triggers that can be granted on the day by the daily job.</summary>
    public static bool IsOccasion(BonusTrigger? trigger) => trigger is BonusTrigger.BirthdayMonth or BonusTrigger.Anniversary;

    /// <summary>Field-level contradictions, named as clients send them; empty when the definition is consistent.</summary>
    public IReadOnlyList<(string Field, string Message)> Problems()
    {
        var problems = new List<(string, string)>();
        void Add(string field, string message) => problems.Add((field, message));

        if (string.IsNullOrWhiteSpace(Name) || Name.Trim().Length > 100)
        {
            Add("name", "name is required, at most 100 characters.");
        }

        if (Currency is not null && !Money.IsCurrencyCode(Currency))
        {
            Add("currency", "currency must be an ISO 4217 code such as EUR.");
        }

        switch (Kind)
        {
            case EarningRuleKind.BaseRate:
                if (PointsPerCurrencyUnit is not (> 0 and <= 1000))
                {
                    Add("pointsPerCurrencyUnit", "A base rate needs pointsPerCurrencyUnit greater than 0 and at most 1000.");
                }

                if (Currency is null)
                {
                    Add("currency", "A base rate earns in one currency: currency is required.");
                }

                if (ExclusiveGroup is not null)
                {
                    Add("exclusiveGroup", "Base rates never stack (one applies per basket line), so they take no exclusive group.");
                }

                break;
            case EarningRuleKind.Multiplier:
                if (Factor is not (> 1 and <= 10))
                {
                    Add("factor", "A multiplier needs a factor greater than 1 and at most 10 (2.0 = double points).");
                }

                break;
            case EarningRuleKind.FixedBonus:
                if (BonusPoints is not (>= 1 and <= 1_000_000))
                {
                    Add("points", "A fixed bonus needs points between 1 and 1,000,000.");
                }

                if (Trigger is null)
                {
                    Add("trigger", "A fixed bonus needs a trigger.");
                }

                break;
        }

        if (Kind != EarningRuleKind.BaseRate && PointsPerCurrencyUnit is not null)
        {
            Add("pointsPerCurrencyUnit", "Only a base rate has pointsPerCurrencyUnit.");
        }

        if (Kind != EarningRuleKind.Multiplier && Factor is not null)
        {
            Add("factor", "Only a multiplier has a factor.");
        }

        if (Kind != EarningRuleKind.FixedBonus && (BonusPoints is not null || Trigger is not null))
        {
            Add(BonusPoints is not null ? "points" : "trigger", "Only a fixed bonus has points and a trigger.");
        }

        if (Trigger == BonusTrigger.NthVisit ? VisitNumber is not (>= 1 and <= 100_000) : VisitNumber is not null)
        {
            Add("visitNumber", "visitNumber (1–100000) goes with the NthVisit trigger, and only with it.");
        }

        if (Priority is < -1000 or > 1000)
        {
            Add("priority", "priority must be between -1000 and 1000.");
        }

        if (ExclusiveGroup is not null && (string.IsNullOrWhiteSpace(ExclusiveGroup) || ExclusiveGroup.Trim().Length > 50))
        {
            Add("exclusiveGroup", "exclusiveGroup must be a non-blank name of at most 50 characters.");
        }

        if (DailyCap is < 1)
        {
            Add("dailyCap", "dailyCap must be at least 1 point.");
        }

        if (MonthlyCap is < 1)
        {
            Add("monthlyCap", "monthlyCap must be at least 1 point.");
        }

        if (DailyCap is not null && MonthlyCap is not null && DailyCap > MonthlyCap)
        {
            Add("dailyCap", "dailyCap cannot be more than monthlyCap.");
        }

        AddConditionProblems(Add);
        return problems;
    }

    private void AddConditionProblems(Action<string, string> add)
    {
        var c = Conditions;
        if (c.MinimumSpend is not null)
        {
            if (c.MinimumSpend is not (> 0 and <= 1_000_000))
            {
                add("conditions.minimumSpend", "minimumSpend must be greater than 0 and at most 1,000,000.");
            }

            if (Currency is null)
            {
                add("currency", "A minimum spend is an amount of money: currency is required with it.");
            }
        }

        if (c.MinimumMembershipMonths is not null and not (>= 1 and <= 1200))
        {
            add("conditions.minimumMembershipMonths", "minimumMembershipMonths must be between 1 and 1200 (e.g. 36 for three years).");
        }

        CheckList(c.TierIds, "conditions.tierIds", id => id != Guid.Empty, add);
        CheckList(c.PartnerIds, "conditions.partnerIds", id => id != Guid.Empty, add);
        CheckList(c.StoreIds, "conditions.storeIds", id => id != Guid.Empty, add);
        CheckList(c.Categories, "conditions.categories", s => !string.IsNullOrWhiteSpace(s) && s.Length <= 100, add);
        CheckList(c.Skus, "conditions.skus", s => !string.IsNullOrWhiteSpace(s) && s.Length <= 100, add);

        if (GrantOn == BonusGrantOn.Day)
        {
            if (!IsOccasion(Trigger))
            {
                add("grantOn", "grantOn day goes with the BirthdayMonth and Anniversary triggers only.");
            }

            if (c.MinimumSpend is not null || c.SelectsLines)
            {
                add("conditions", "A bonus granted on the day has no purchase: minimumSpend, categories and skus do not apply (partnerIds and storeIds select where members enrolled).");
            }

            if (DailyCap is not null || MonthlyCap is not null)
            {
                add("dailyCap", "A bonus granted on the day is credited once per member per year: caps do not apply.");
            }

            if (ExclusiveGroup is not null)
            {
                add("exclusiveGroup", "A bonus granted on the day is credited on its own: it takes no exclusive group.");
            }
        }

        if (Trigger == BonusTrigger.Enrolment)
        {
            if (c.MinimumSpend is not null || c.SelectsLines || c.MinimumMembershipMonths is not null)
            {
                add("conditions", "An enrolment bonus has no purchase and no membership age: minimumSpend, categories, skus and minimumMembershipMonths do not apply.");
            }

            if (DailyCap is not null || MonthlyCap is not null)
            {
                add("dailyCap", "An enrolment bonus is credited once per member: caps do not apply.");
            }
        }
    }

    private static void CheckList<T>(IReadOnlyList<T>? list, string field, Func<T, bool> valid, Action<string, string> add)
    {
        if (list is null)
        {
            return;
        }

        if (list.Count == 0)
        {
            add(field, $"{field} cannot be empty: leave it out (null) for no restriction.");
        }
        else if (list.Count > MaxListItems)
        {
            add(field, $"{field} takes at most {MaxListItems} items.");
        }
        else if (!list.All(valid))
        {
            add(field, $"{field} has a blank, empty or over-long item.");
        }
    }
}

/// <summary>
/// One version of an earning rule. Rules are never edited in place: a change adds version N+1 under the same
/// <see cref="Id"/> and supersedes version N, so the lines of a past purchase always point at the version they
/// were earned under. The newest version is the rule's current state (<see cref="IsActive"/> false once deactivated).
/// </summary>
public sealed class EarningRule
{
    private EarningRule()
    {
    }

    /// <summary>The rule's stable id, shared by all its versions.</summary>
    public Guid Id { get; private set; }

    public int Version { get; private set; }

    public string Name { get; private set; } = "";

    public EarningRuleKind Kind { get; private set; }

    public string? Currency { get; private set; }

    public decimal? PointsPerCurrencyUnit { get; private set; }

    public decimal? Factor { get; private set; }

    public long? BonusPoints { get; private set; }

    public BonusTrigger? Trigger { get; private set; }

    public int? VisitNumber { get; private set; }

    /// <summary>Higher wins: picks the base rate for a line, and breaks ties in an exclusive group.</summary>
    public int Priority { get; private set; }

    /// <summary>Rules sharing a group do not stack: only the one giving the most points applies ("best of").</summary>
    public string? ExclusiveGroup { get; private set; }

    public Guid? CampaignId { get; private set; }

    public RuleConditions Conditions { get; private set; } = RuleConditions.None;

    public long? DailyCap { get; private set; }

    public long? MonthlyCap { get; private set; }

    /// <summary>Purchase, or Day for a birthday or anniversary bonus the daily job grants.</summary>
    public BonusGrantOn GrantOn { get; private set; }

    public bool IsActive { get; private set; }

    /// <summary>When this version was created.</summary>
    public DateTimeOffset CreatedAt { get; private set; }

    public string CreatedBy { get; private set; } = "";

    /// <summary>When a newer version replaced this one; null for the current version.</summary>
    public DateTimeOffset? SupersededAt { get; private set; }

    public bool IsCapped => DailyCap is not null || MonthlyCap is not null;

    /// <summary>Needs the member's purchase count (first purchase, N-th visit).</summary>
    public bool CountsVisits => Trigger is BonusTrigger.FirstPurchase or BonusTrigger.NthVisit;

    /// <summary>Granted by the daily job, never by a purchase or an enrolment.</summary>
    public bool IsDayBonus => GrantOn == BonusGrantOn.Day;

    public EarningRuleDefinition Definition =>
        new(Name, Kind, Currency, PointsPerCurrencyUnit, Factor, BonusPoints, Trigger, VisitNumber, Priority, ExclusiveGroup, CampaignId, Conditions, DailyCap, MonthlyCap, GrantOn);

    public static EarningRule Create(EarningRuleDefinition definition, DateTimeOffset now, string actor) =>
        FromDefinition(EntityId.New(), 1, definition, isActive: true, now, actor);

    /// <summary>The simplest programme: every purchase in <paramref name="currency"/> earns this rate.</summary>
    public static EarningRule BaseRate(string name, decimal pointsPerCurrencyUnit, string currency, DateTimeOffset now, string actor = "system") =>
        Create(new EarningRuleDefinition(name, EarningRuleKind.BaseRate, currency, pointsPerCurrencyUnit, null, null, null, null, 0, null, null, RuleConditions.None, null, null), now, actor);

    /// <summary>Supersedes this version with a new one holding <paramref name="definition"/>.</summary>
    public EarningRule Revise(EarningRuleDefinition definition, DateTimeOffset now, string actor)
    {
        EnsureCurrentAndActive();
        if (definition.Kind != Kind)
        {
            throw new DomainException("earning_rule_kind_fixed", $"A rule keeps its kind ({Kind}); create a new rule for another kind.");
        }

        SupersededAt = now;
        return FromDefinition(Id, Version + 1, definition, isActive: true, now, actor);
    }

    /// <summary>Supersedes this version with an inactive copy: the rule stops applying, its history stays.</summary>
    public EarningRule Deactivate(DateTimeOffset now, string actor)
    {
        EnsureCurrentAndActive();
        SupersededAt = now;
        return FromDefinition(Id, Version + 1, Definition, isActive: false, now, actor);
    }

    private void EnsureCurrentAndActive()
    {
        if (SupersededAt is not null)
        {
            throw new DomainException("earning_rule_superseded", $"Version {Version} of this rule was already superseded.");
        }

        if (!IsActive)
        {
            throw new DomainException("earning_rule_inactive", "The rule is deactivated; create a new rule instead.");
        }
    }

    private static EarningRule FromDefinition(Guid id, int version, EarningRuleDefinition d, bool isActive, DateTimeOffset now, string actor)
    {
        var problems = d.Problems();
        if (problems.Count > 0)
        {
            throw new DomainException("invalid_earning_rule", string.Join(" ", problems.Select(p => p.Message)));
        }

        return new EarningRule
        {
            Id = id,
            Version = version,
            Name = Names.Clean(d.Name),
            Kind = d.Kind,
            Currency = d.Currency,
            PointsPerCurrencyUnit = d.PointsPerCurrencyUnit,
            Factor = d.Factor,
            BonusPoints = d.BonusPoints,
            Trigger = d.Trigger,
            VisitNumber = d.VisitNumber,
            Priority = d.Priority,
            ExclusiveGroup = d.ExclusiveGroup?.Trim(),
            CampaignId = d.CampaignId,
            Conditions = d.Conditions,
            DailyCap = d.DailyCap,
            MonthlyCap = d.MonthlyCap,
            GrantOn = d.GrantOn,
            IsActive = isActive,
            CreatedAt = now,
            CreatedBy = actor,
        };
    }
}
