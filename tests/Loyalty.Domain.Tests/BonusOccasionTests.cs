using Loyalty.Domain.Common;
using Loyalty.Domain.Financial.Earning;

namespace Loyalty.Domain.Tests;

public sealed class BonusOccasionTests
{
    private static readonly Guid Bronze = Guid.NewGuid();

    [Theory]
    [InlineData("1990-07-14", 2026, "2026-07-14")]
    [InlineData("1992-02-29", 2027, "2027-02-28")] // no 29 February: celebrated on the 28th
    [InlineData("1992-02-29", 2028, "2028-02-29")]
    [InlineData("1990-02-28", 2028, "2028-02-28")] // a 28 February date stays on the 28th in a leap year
    [InlineData("1990-12-31", 2026, "2026-12-31")]
    [InlineData("1990-01-01", 2027, "2027-01-01")]
    public void A_date_is_celebrated_on_the_same_day_or_28_February(string origin, int year, string expected) =>
        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), BonusOccasions.InYear(DateOnly.Parse(origin, System.Globalization.CultureInfo.InvariantCulture), year));

    [Fact]
    public void Nothing_is_celebrated_up_to_the_origins_own_year()
    {
        Assert.Null(BonusOccasions.InYear(new DateOnly(2026, 3, 1), 2026));
        Assert.Null(BonusOccasions.InYear(new DateOnly(2026, 3, 1), 2025));
        Assert.Equal(new DateOnly(2027, 3, 1), BonusOccasions.InYear(new DateOnly(2026, 3, 1), 2027));
    }

    [Fact]
    public void On_28_February_of_a_common_year_the_job_looks_for_28_and_29_February()
    {
        Assert.Equal([(2, 28), (2, 29)], BonusOccasions.OriginsCelebratedOn(new DateOnly(2027, 2, 28)));
        Assert.Equal([(2, 28)], BonusOccasions.OriginsCelebratedOn(new DateOnly(2028, 2, 28)));
        Assert.Equal([(2, 29)], BonusOccasions.OriginsCelebratedOn(new DateOnly(2028, 2, 29)));
        Assert.Equal([(3, 1)], BonusOccasions.OriginsCelebratedOn(new DateOnly(2027, 3, 1))); // never 1 March for a 29 February date
    }

    [Fact]
    public void A_day_bonus_is_due_on_the_birthday_and_on_the_anniversary_across_the_year_boundary()
    {
        var at = new DateTimeOffset(2026, 12, 31, 23, 59, 0, TimeSpan.Zero);
        var birthday = DayRule(BonusTrigger.BirthdayMonth, at.AddDays(-30));
        var anniversary = DayRule(BonusTrigger.Anniversary, at.AddDays(-30));
        var rules = new EarningRuleSet([birthday, anniversary], []);
        var member = new EarningMember(Bronze, "Bronze", 1m, new DateOnly(1990, 12, 31), new DateTimeOffset(2025, 1, 1, 0, 30, 0, TimeSpan.Zero));
        var enrolment = new EarningOccasion(member.EnrolledAt, null, null);

        Assert.True(EarningCalculator.DayBonusDue(birthday, rules, member, enrolment, new DateOnly(2026, 12, 31), at));
        Assert.False(EarningCalculator.DayBonusDue(birthday, rules, member, enrolment, new DateOnly(2027, 1, 1), at.AddMinutes(2)));
        Assert.False(EarningCalculator.DayBonusDue(anniversary, rules, member, enrolment, new DateOnly(2026, 12, 31), at));
        Assert.True(EarningCalculator.DayBonusDue(anniversary, rules, member, enrolment, new DateOnly(2027, 1, 1), at.AddMinutes(2)));
        Assert.False(EarningCalculator.DayBonusDue(anniversary, rules, member, enrolment, new DateOnly(2025, 1, 1), at)); // the enrolment day itself
        Assert.Equal(7, Assert.Single(EarningCalculator.DayBonus(birthday, rules).Lines).Points);
    }

    [Fact]
    public void A_day_rule_never_fires_on_a_purchase_and_a_purchase_rule_fires_in_the_anniversary_month_after_a_full_year()
    {
        var at = new DateTimeOffset(2027, 3, 12, 12, 0, 0, TimeSpan.Zero);
        var baseRate = EarningRule.BaseRate("Standard", 1m, "EUR", at.AddDays(-30));
        var onDay = DayRule(BonusTrigger.BirthdayMonth, at.AddDays(-30));
        var onPurchase = EarningRule.Create(Definition(BonusTrigger.Anniversary, BonusGrantOn.Purchase, points: 20), at.AddDays(-30), "test");
        var rules = new EarningRuleSet([baseRate, onDay, onPurchase], []);
        var basket = Basket.Of(new Money(10m, "EUR"));
        var occasion = new EarningOccasion(at, null, null);

        var veteran = new EarningMember(Bronze, "Bronze", 1m, new DateOnly(1990, 3, 12), new DateTimeOffset(2026, 3, 30, 0, 0, 0, TimeSpan.Zero));
        var newcomer = veteran with { EnrolledAt = new DateTimeOffset(2027, 3, 1, 0, 0, 0, TimeSpan.Zero) };

        Assert.Equal(30, EarningCalculator.Calculate(rules, basket, veteran, occasion).TotalPoints);
        Assert.Equal(10, EarningCalculator.Calculate(rules, basket, newcomer, occasion).TotalPoints);
    }

    [Theory]
    [InlineData(BonusTrigger.EveryPurchase, "grantOn")]
    [InlineData(BonusTrigger.Enrolment, "grantOn")]
    public void Grant_on_day_goes_with_birthday_and_anniversary_only(BonusTrigger trigger, string field) =>
        Assert.Contains(Definition(trigger, BonusGrantOn.Day).Problems(), p => p.Field == field);

    [Fact]
    public void A_day_rule_takes_no_caps_spend_or_exclusive_group()
    {
        var problems = (Definition(BonusTrigger.BirthdayMonth, BonusGrantOn.Day) with
        {
            Currency = "EUR",
            DailyCap = 5,
            ExclusiveGroup = "gifts",
            Conditions = new RuleConditions { MinimumSpend = 10 },
        }).Problems().Select(p => p.Field).ToHashSet();
        Assert.Superset(new HashSet<string> { "dailyCap", "exclusiveGroup", "conditions" }, problems);
        Assert.Empty(Definition(BonusTrigger.Anniversary, BonusGrantOn.Day).Problems());
    }

    private static EarningRule DayRule(BonusTrigger trigger, DateTimeOffset createdAt) =>
        EarningRule.Create(Definition(trigger, BonusGrantOn.Day), createdAt, "test");

    private static EarningRuleDefinition Definition(BonusTrigger trigger, BonusGrantOn grantOn, long points = 7) =>
        new("Gift", EarningRuleKind.FixedBonus, null, null, null, points, trigger, null, 0, null, null, RuleConditions.None, null, null, grantOn);

}
