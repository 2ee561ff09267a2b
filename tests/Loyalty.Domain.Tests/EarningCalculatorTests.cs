using System.Globalization;
using Loyalty.Domain.Common;
using Loyalty.Domain.Financial.Earning;

namespace Loyalty.Domain.Tests;

public sealed class EarningCalculatorTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 12, 12, 0, 0, TimeSpan.Zero); // a Thursday
    private static readonly Guid Bronze = Guid.NewGuid();
    private static readonly Guid Gold = Guid.NewGuid();
    private static readonly Guid PartnerX = Guid.NewGuid();
    private static readonly Guid StoreX = Guid.NewGuid();
    private static readonly EarningRule OnePerEuro = EarningRule.BaseRate("Standard", 1m, "EUR", Now.AddDays(-30));

    private static EarningMember BronzeMember(int purchasesBefore = 0, DateOnly? birthDate = null, DateTimeOffset? enrolledAt = null) =>
        new(Bronze, "Bronze", 1m, birthDate, enrolledAt ?? Now.AddYears(-1), purchasesBefore);

    private static EarningMember GoldMember => new(Gold, "Gold", 1.5m, null, Now.AddYears(-1));

    private static EarningOccasion AtX(DateTimeOffset? at = null) => new(at ?? Now, PartnerX, StoreX);

    private static Basket Spend(string amount) => Basket.Of(new Money(decimal.Parse(amount, CultureInfo.InvariantCulture), "EUR"));

    private static EarnCalculation Calculate(IEnumerable<EarningRule> rules, Basket basket, EarningMember? member = null, EarningOccasion? occasion = null, IEnumerable<Campaign>? campaigns = null, IReadOnlyDictionary<Guid, RuleUsage>? usage = null) =>
        EarningCalculator.Calculate(new EarningRuleSet(rules, campaigns ?? []), basket, member ?? BronzeMember(), occasion ?? AtX(), usage);

    private static EarningRule Rule(
        string name,
        EarningRuleKind kind,
        decimal? rate = null,
        decimal? factor = null,
        long? points = null,
        BonusTrigger? trigger = null,
        int? visit = null,
        int priority = 0,
        string? group = null,
        Guid? campaign = null,
        RuleConditions? conditions = null,
        long? dailyCap = null,
        long? monthlyCap = null,
        string? currency = null,
        DateTimeOffset? createdAt = null) =>
        EarningRule.Create(
            new EarningRuleDefinition(name, kind, currency ?? (kind == EarningRuleKind.BaseRate || conditions?.MinimumSpend is not null ? "EUR" : null), rate, factor, points, trigger, visit, priority, group, campaign, conditions ?? RuleConditions.None, dailyCap, monthlyCap),
            createdAt ?? Now.AddDays(-1),
            "test");

    private static Campaign NewCampaign(DateTimeOffset from, DateTimeOffset? until, IReadOnlyList<DayOfWeek>? weekdays = null, int? fromHour = null, int? untilHour = null, IReadOnlyList<Guid>? tiers = null, IReadOnlyList<Guid>? partners = null) =>
        Campaign.Create(new CampaignDefinition("Campaign", null, from, until, weekdays, fromHour, untilHour, tiers, partners), from.AddDays(-1));

    [Theory]
    [InlineData("42.99", 42)]
    [InlineData("0.99", 0)]
    [InlineData("1", 1)]
    [InlineData("100.00", 100)]
    public void Base_points_are_rounded_down_never_up_and_the_base_line_is_always_listed(string amount, long expected)
    {
        var result = Calculate([OnePerEuro], Spend(amount));

        var line = Assert.Single(result.Lines);
        Assert.Equal((EarnLineKinds.Base, expected, OnePerEuro.Id, 1), (line.Kind, line.Points, line.RuleId!.Value, line.RuleVersion!.Value));
        Assert.Equal("Standard: 1 point per EUR", line.Description);
        Assert.Equal(expected, result.TotalPoints);
    }

    [Fact]
    public void The_tier_multiplier_adds_a_tier_line_on_top_of_base_points()
    {
        var result = Calculate([OnePerEuro], Spend("101"), GoldMember);

        Assert.Collection(
            result.Lines,
            l => Assert.Equal((EarnLineKinds.Base, 101L), (l.Kind, l.Points)),
            l => Assert.Equal((EarnLineKinds.Tier, 50L, "Gold tier ×1.5", (Guid?)null), (l.Kind, l.Points, l.Description, l.RuleId)));
        Assert.Equal(151, result.TotalPoints);
    }

    [Fact]
    public void Each_rule_is_rounded_down_once_on_its_own_line()
    {
        // 42.99 × 1 = 42.99 → 42, and 42.99 × 0.5 = 21.495 → 21: 63 (not floor(64.485) = 64).
        var result = Calculate([OnePerEuro], Spend("42.99"), GoldMember);

        Assert.Equal([42L, 21L], result.Lines.Select(l => l.Points));
        Assert.Equal(63, result.TotalPoints);
    }

    [Fact]
    public void A_tier_extra_that_rounds_away_to_nothing_adds_no_line()
    {
        var silver = new EarningMember(Guid.NewGuid(), "Silver", 1.25m, null, Now.AddYears(-1));

        var result = Calculate([OnePerEuro], Spend("3"), silver);

        Assert.Equal((EarnLineKinds.Base, 3L), (Assert.Single(result.Lines).Kind, result.TotalPoints));
    }

    [Fact]
    public void A_purchase_in_a_currency_without_a_base_rate_is_refused()
    {
        var error = Assert.Throws<DomainException>(() => Calculate([OnePerEuro], Basket.Of(new Money(10m, "USD"))));

        Assert.Equal("currency_not_supported", error.Code);
    }

    [Fact]
    public void Each_line_earns_from_its_most_specific_base_rate()
    {
        var coffee = Rule("Coffee lovers", EarningRuleKind.BaseRate, rate: 2m, conditions: new RuleConditions { Categories = ["coffee"] });
        var basket = Basket.Of(new Money(15.50m, "EUR"), [new BasketLine("ESP", "Coffee", 1, 10m), new BasketLine(null, "pastry", 2, 5.50m)]);

        var result = Calculate([OnePerEuro, coffee], basket);

        Assert.Collection(
            result.Lines,
            l => Assert.Equal((coffee.Id, 20L), (l.RuleId!.Value, l.Points)), // category match is case-insensitive
            l => Assert.Equal((OnePerEuro.Id, 5L), (l.RuleId!.Value, l.Points)));
    }

    [Fact]
    public void Priority_beats_specificity_and_the_newer_version_breaks_a_full_tie()
    {
        var partnerRate = Rule("Partner X rate", EarningRuleKind.BaseRate, rate: 3m, conditions: new RuleConditions { PartnerIds = [PartnerX] });
        var promoted = Rule("Promoted", EarningRuleKind.BaseRate, rate: 5m, priority: 10);
        Assert.Equal(500, Calculate([OnePerEuro, partnerRate, promoted], Spend("100")).TotalPoints);
        Assert.Equal(300, Calculate([OnePerEuro, partnerRate], Spend("100")).TotalPoints);

        var older = Rule("Older", EarningRuleKind.BaseRate, rate: 2m, createdAt: Now.AddDays(-10));
        var newer = Rule("Newer", EarningRuleKind.BaseRate, rate: 4m, createdAt: Now.AddDays(-5));
        Assert.Equal(400, Calculate([older, newer], Spend("100")).TotalPoints);
        Assert.Equal(400, Calculate([newer, older], Spend("100")).TotalPoints);
    }

    [Fact]
    public void Multipliers_add_their_extra_on_the_base_and_never_compound()
    {
        var campaignDouble = Rule("Double points", EarningRuleKind.Multiplier, factor: 2m);

        var result = Calculate([OnePerEuro, campaignDouble], Spend("100"), GoldMember);

        Assert.Collection(
            result.Lines,
            l => Assert.Equal((EarnLineKinds.Base, 100L), (l.Kind, l.Points)),
            l => Assert.Equal((EarnLineKinds.Tier, 50L), (l.Kind, l.Points)),
            l => Assert.Equal((EarnLineKinds.Multiplier, 100L, "Double points ×2"), (l.Kind, l.Points, l.Description)));
        Assert.Equal(250, result.TotalPoints); // 100 × (1 + 0.5 + 1), not 100 × 1.5 × 2
    }

    [Fact]
    public void A_multiplier_on_a_category_counts_only_the_base_of_matching_lines()
    {
        var coffeeDouble = Rule("Coffee double", EarningRuleKind.Multiplier, factor: 2m, conditions: new RuleConditions { Skus = ["ESP-250"] });
        var basket = Basket.Of(new Money(25m, "EUR"), [new BasketLine("esp-250", "coffee", 1, 10.60m), new BasketLine("CAKE", "pastry", 1, 14.40m)]);

        var result = Calculate([OnePerEuro, coffeeDouble], basket);

        Assert.Equal([25L, 10L], result.Lines.Select(l => l.Points)); // floor(10.60 × 1) on the matching line
    }

    [Fact]
    public void A_rule_whose_lines_are_not_in_the_basket_does_not_apply()
    {
        var coffeeBonus = Rule("Coffee bonus", EarningRuleKind.FixedBonus, points: 50, trigger: BonusTrigger.EveryPurchase, conditions: new RuleConditions { Categories = ["coffee"] });

        Assert.Single(Calculate([OnePerEuro, coffeeBonus], Spend("20")).Lines);
    }

    [Fact]
    public void A_minimum_spend_counts_the_matching_lines()
    {
        var bigCoffee = Rule("Big coffee order", EarningRuleKind.FixedBonus, points: 100, trigger: BonusTrigger.EveryPurchase, conditions: new RuleConditions { Categories = ["coffee"], MinimumSpend = 20m });
        Basket WithCoffee(decimal coffee) => CoffeeBasket(coffee, 50m);

        Assert.DoesNotContain(Calculate([OnePerEuro, bigCoffee], WithCoffee(19.99m)).Lines, l => l.RuleId == bigCoffee.Id);
        Assert.Contains(Calculate([OnePerEuro, bigCoffee], WithCoffee(20m)).Lines, l => l.RuleId == bigCoffee.Id && l.Points == 100);
    }

    [Theory]
    [InlineData(BonusTrigger.EveryPurchase, 7, true)]
    [InlineData(BonusTrigger.FirstPurchase, 0, true)]
    [InlineData(BonusTrigger.FirstPurchase, 1, false)]
    [InlineData(BonusTrigger.NthVisit, 4, true)]
    [InlineData(BonusTrigger.NthVisit, 3, false)]
    [InlineData(BonusTrigger.NthVisit, 5, false)]
    [InlineData(BonusTrigger.Enrolment, 0, false)]
    public void Fixed_bonuses_fire_on_their_trigger(BonusTrigger trigger, int purchasesBefore, bool fires)
    {
        var bonus = Rule("Bonus", EarningRuleKind.FixedBonus, points: 25, trigger: trigger, visit: trigger == BonusTrigger.NthVisit ? 5 : null);

        var result = Calculate([OnePerEuro, bonus], Spend("10"), BronzeMember(purchasesBefore));

        Assert.Equal(fires ? 35 : 10, result.TotalPoints);
        Assert.Equal(fires, result.Lines.Any(l => l.Kind == EarnLineKinds.Bonus && l.RuleId == bonus.Id));
    }

    [Theory]
    [InlineData(3, true)]
    [InlineData(4, false)]
    public void The_birthday_bonus_fires_in_the_members_birthday_month_in_UTC(int birthMonth, bool fires)
    {
        var birthday = Rule("Happy birthday", EarningRuleKind.FixedBonus, points: 200, trigger: BonusTrigger.BirthdayMonth);

        var result = Calculate([OnePerEuro, birthday], Spend("10"), BronzeMember(birthDate: new DateOnly(1990, birthMonth, 28)));

        Assert.Equal(fires ? 210 : 10, result.TotalPoints);
    }

    [Fact]
    public void A_long_tenure_perk_starts_exactly_when_the_membership_reaches_its_age()
    {
        var enrolled = new DateTimeOffset(2023, 3, 12, 9, 30, 0, TimeSpan.Zero);
        var perk = Rule("Three years with us", EarningRuleKind.Multiplier, factor: 1.1m, conditions: new RuleConditions { MinimumMembershipMonths = 36 });
        var threeYears = enrolled.AddYears(3);

        var before = Calculate([OnePerEuro, perk], Spend("100"), BronzeMember(enrolledAt: enrolled), AtX(threeYears.AddTicks(-1)));
        var at = Calculate([OnePerEuro, perk], Spend("100"), BronzeMember(enrolledAt: enrolled), AtX(threeYears));

        Assert.Equal(100, before.TotalPoints);
        Assert.Equal(110, at.TotalPoints);
        Assert.Equal("Three years with us ×1.1", at.Lines[1].Description);
    }

    [Fact]
    public void Tier_partner_and_store_conditions_must_all_hold()
    {
        var goldAtX = Rule("Gold at X", EarningRuleKind.FixedBonus, points: 10, trigger: BonusTrigger.EveryPurchase, conditions: new RuleConditions { TierIds = [Gold], PartnerIds = [PartnerX], StoreIds = [StoreX] });

        Assert.Equal(10, Calculate([OnePerEuro, goldAtX], Spend("10")).TotalPoints); // Bronze
        Assert.Equal(25, Calculate([OnePerEuro, goldAtX], Spend("10"), GoldMember).TotalPoints); // 10 + 5 tier + 10
        Assert.Equal(15, Calculate([OnePerEuro, goldAtX], Spend("10"), GoldMember, new EarningOccasion(Now, PartnerX, Guid.NewGuid())).TotalPoints);
        Assert.Equal(15, Calculate([OnePerEuro, goldAtX], Spend("10"), GoldMember, new EarningOccasion(Now, Guid.NewGuid(), StoreX)).TotalPoints);
    }

    [Fact]
    public void A_cap_gives_at_most_what_is_left_of_the_day_and_month()
    {
        var capped = Rule("Double, capped", EarningRuleKind.Multiplier, factor: 2m, dailyCap: 100, monthlyCap: 250);

        long Extra(long today, long month) => Calculate([OnePerEuro, capped], Spend("90"), usage: new Dictionary<Guid, RuleUsage> { [capped.Id] = new(today, month) })
            .Lines.Where(l => l.RuleId == capped.Id).Sum(l => l.Points);

        Assert.Equal(90, Extra(0, 0));
        Assert.Equal(20, Extra(80, 80));
        Assert.Equal(10, Extra(0, 240));
        Assert.Equal(0, Extra(100, 100)); // used up: the line disappears
        var line = Calculate([OnePerEuro, capped], Spend("90"), usage: new Dictionary<Guid, RuleUsage> { [capped.Id] = new(80, 80) }).Lines[1];
        Assert.Equal("Double, capped ×2 (capped at 100 a day)", line.Description);
    }

    [Fact]
    public void In_an_exclusive_group_only_the_best_rule_applies_after_caps()
    {
        var doubled = Rule("Weekend double", EarningRuleKind.Multiplier, factor: 2m, group: "campaigns");
        var tripled = Rule("Partner triple", EarningRuleKind.Multiplier, factor: 3m, group: "Campaigns", monthlyCap: 30);
        var bonus = Rule("Visit bonus", EarningRuleKind.FixedBonus, points: 5, trigger: BonusTrigger.EveryPurchase);

        var uncapped = Calculate([OnePerEuro, doubled, tripled, bonus], Spend("10"));
        var capped = Calculate([OnePerEuro, doubled, tripled, bonus], Spend("10"), usage: new Dictionary<Guid, RuleUsage> { [tripled.Id] = new(0, 25) });

        Assert.Equal([OnePerEuro.Id, tripled.Id, bonus.Id], uncapped.Lines.Select(l => l.RuleId!.Value));
        Assert.Equal(35, uncapped.TotalPoints);
        Assert.Equal([OnePerEuro.Id, doubled.Id, bonus.Id], capped.Lines.Select(l => l.RuleId!.Value)); // 5 left of triple's cap < double's 10
        Assert.Equal(25, capped.TotalPoints);
    }

    [Fact]
    public void An_exclusive_tie_goes_to_the_higher_priority()
    {
        var low = Rule("Low", EarningRuleKind.FixedBonus, points: 10, trigger: BonusTrigger.EveryPurchase, group: "g");
        var high = Rule("High", EarningRuleKind.FixedBonus, points: 10, trigger: BonusTrigger.EveryPurchase, group: "g", priority: 5);

        Assert.Equal(high.Id, Calculate([OnePerEuro, low, high], Spend("1")).Lines[1].RuleId);
    }

    [Fact]
    public void A_campaign_window_is_from_inclusive_until_exclusive_at_midnight_UTC()
    {
        var midnight = new DateTimeOffset(2026, 3, 14, 0, 0, 0, TimeSpan.Zero);
        var campaign = NewCampaign(midnight, midnight.AddDays(1));
        var doubled = Rule("Double", EarningRuleKind.Multiplier, factor: 2m, campaign: campaign.Id);

        long At(DateTimeOffset at) => Calculate([OnePerEuro, doubled], Spend("10"), occasion: AtX(at), campaigns: [campaign]).TotalPoints;

        Assert.Equal(10, At(midnight.AddMilliseconds(-1))); // 23:59:59.999
        Assert.Equal(20, At(midnight));
        Assert.Equal(20, At(midnight.AddDays(1).AddMilliseconds(-1)));
        Assert.Equal(10, At(midnight.AddDays(1)));
        Assert.Equal(10, At(new DateTimeOffset(2026, 3, 14, 1, 0, 0, TimeSpan.FromHours(2)))); // local 01:00 is 23:00 UTC the day before
    }

    [Fact]
    public void A_campaign_can_be_limited_to_weekdays_hours_tiers_and_partners()
    {
        var campaign = NewCampaign(Now.AddDays(-30), null, [DayOfWeek.Saturday, DayOfWeek.Sunday], 9, 12, [Gold], [PartnerX]);
        var doubled = Rule("Weekend mornings", EarningRuleKind.Multiplier, factor: 2m, campaign: campaign.Id);
        var saturday = new DateTimeOffset(2026, 3, 14, 9, 0, 0, TimeSpan.Zero);

        long Points(DateTimeOffset at, EarningMember member, Guid partner) =>
            Calculate([OnePerEuro, doubled], Spend("10"), member, new EarningOccasion(at, partner, StoreX), [campaign]).Lines.Where(l => l.RuleId == doubled.Id).Sum(l => l.Points);

        Assert.Equal(10, Points(saturday, GoldMember, PartnerX));
        Assert.Equal(10, Points(saturday.AddHours(2).AddMinutes(59), GoldMember, PartnerX));
        Assert.Equal(0, Points(saturday.AddHours(3), GoldMember, PartnerX)); // 12:00 is outside [9, 12)
        Assert.Equal(0, Points(saturday.AddDays(-1), GoldMember, PartnerX)); // Friday
        Assert.Equal(0, Points(saturday, BronzeMember(), PartnerX));
        Assert.Equal(0, Points(saturday, GoldMember, Guid.NewGuid()));
        Assert.Equal("Weekend mornings ×2 (Campaign)", Calculate([OnePerEuro, doubled], Spend("10"), GoldMember, AtX(saturday), [campaign]).Lines[2].Description);
    }

    [Fact]
    public void A_rule_whose_campaign_is_not_loaded_never_applies()
    {
        var doubled = Rule("Orphan", EarningRuleKind.Multiplier, factor: 2m, campaign: Guid.NewGuid());

        Assert.Equal(10, Calculate([OnePerEuro, doubled], Spend("10")).TotalPoints);
    }

    [Fact]
    public void Enrolment_bonuses_apply_only_to_enrolments_where_their_conditions_hold()
    {
        var welcome = Rule("Welcome", EarningRuleKind.FixedBonus, points: 100, trigger: BonusTrigger.Enrolment);
        var tillWelcome = Rule("Till welcome", EarningRuleKind.FixedBonus, points: 50, trigger: BonusTrigger.Enrolment, conditions: new RuleConditions { PartnerIds = [PartnerX] });
        var rules = new EarningRuleSet([OnePerEuro, welcome, tillWelcome], []);

        Assert.True(rules.HasEnrolmentBonus);
        Assert.Equal(150, EarningCalculator.EnrolmentBonus(rules, BronzeMember(), new EarningOccasion(Now, PartnerX, StoreX)).TotalPoints);
        Assert.Equal(100, EarningCalculator.EnrolmentBonus(rules, BronzeMember(), new EarningOccasion(Now, null, null)).TotalPoints);
        Assert.All(EarningCalculator.EnrolmentBonus(rules, BronzeMember(), AtX()).Lines, l => Assert.Equal(EarnLineKinds.Bonus, l.Kind));
    }

    [Fact]
    public void The_result_does_not_depend_on_the_order_rules_are_given_in()
    {
        var campaign = NewCampaign(Now.AddDays(-1), Now.AddDays(1));
        var rules = new List<EarningRule>
        {
            OnePerEuro,
            Rule("Coffee", EarningRuleKind.BaseRate, rate: 2m, conditions: new RuleConditions { Categories = ["coffee"] }),
            Rule("Double", EarningRuleKind.Multiplier, factor: 2m, group: "g", campaign: campaign.Id),
            Rule("Triple coffee", EarningRuleKind.Multiplier, factor: 3m, group: "g", conditions: new RuleConditions { Categories = ["coffee"] }),
            Rule("Welcome back", EarningRuleKind.FixedBonus, points: 7, trigger: BonusTrigger.EveryPurchase),
        };
        var basket = CoffeeBasket(12.34m, 20.66m);

        var expected = Calculate(rules, basket, GoldMember, campaigns: [campaign]).Lines;
        for (var i = 0; i < 20; i++)
        {
            var shuffled = rules.OrderBy(_ => Random.Shared.Next()).ToList();
            Assert.Equal(expected, Calculate(shuffled, basket, GoldMember, campaigns: [campaign]).Lines);
        }
    }

    private static Basket CoffeeBasket(decimal coffee, decimal other) =>
        Basket.Of(new Money(coffee + other, "EUR"), [new BasketLine("C1", "coffee", 1, coffee), new BasketLine("X1", "other", 1, other)]);
}
