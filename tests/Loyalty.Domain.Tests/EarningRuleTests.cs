using Loyalty.Domain.Common;
using Loyalty.Domain.Financial.Earning;

namespace Loyalty.Domain.Tests;

public sealed class EarningRuleTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 12, 12, 0, 0, TimeSpan.Zero);

    private static EarningRuleDefinition Multiplier(decimal factor = 2m) =>
        new("Double", EarningRuleKind.Multiplier, null, null, factor, null, null, null, 0, null, null, RuleConditions.None, null, null);

    [Fact]
    public void An_update_adds_the_next_version_under_the_same_id_and_supersedes_the_current_one()
    {
        var v1 = EarningRule.Create(Multiplier(), Now, "anna");

        var v2 = v1.Revise(Multiplier(3m), Now.AddHours(1), "bob");

        Assert.Equal((v1.Id, 2, 3m, "bob", true), (v2.Id, v2.Version, v2.Factor!.Value, v2.CreatedBy, v2.IsActive));
        Assert.Equal(Now.AddHours(1), v1.SupersededAt);
        Assert.Null(v2.SupersededAt);
        Assert.Equal(2m, v1.Factor); // the old version is kept as it was
    }

    [Fact]
    public void Deactivation_is_an_inactive_version_and_ends_the_rule()
    {
        var v1 = EarningRule.Create(Multiplier(), Now, "anna");

        var v2 = v1.Deactivate(Now.AddHours(1), "anna");

        Assert.Equal((2, false, 2m), (v2.Version, v2.IsActive, v2.Factor!.Value));
        Assert.NotNull(v1.SupersededAt);
        Assert.Equal("earning_rule_inactive", Assert.Throws<DomainException>(() => v2.Revise(Multiplier(), Now.AddHours(2), "anna")).Code);
        Assert.Equal("earning_rule_superseded", Assert.Throws<DomainException>(() => v1.Revise(Multiplier(), Now.AddHours(2), "anna")).Code);
        Assert.Empty(new EarningRuleSet([v1, v2], []).Rules);
    }

    [Fact]
    public void A_rule_keeps_its_kind()
    {
        var rule = EarningRule.BaseRate("Base", 1m, "EUR", Now);

        Assert.Equal("earning_rule_kind_fixed", Assert.Throws<DomainException>(() => rule.Revise(Multiplier(), Now, "anna")).Code);
    }

    public static TheoryData<EarningRuleDefinition, string> Contradictions => new()
    {
        { Multiplier(1m), "factor" },
        { Multiplier(-2m), "factor" },
        { Multiplier() with { DailyCap = 0 }, "dailyCap" },
        { Multiplier() with { MonthlyCap = -5 }, "monthlyCap" },
        { Multiplier() with { DailyCap = 200, MonthlyCap = 100 }, "dailyCap" },
        { Multiplier() with { Conditions = new RuleConditions { MinimumSpend = 10m } }, "currency" },
        { Multiplier() with { Conditions = new RuleConditions { TierIds = [] } }, "conditions.tierIds" },
        { Multiplier() with { Conditions = new RuleConditions { Categories = [" "] } }, "conditions.categories" },
        { Multiplier() with { Conditions = new RuleConditions { MinimumMembershipMonths = 0 } }, "conditions.minimumMembershipMonths" },
        { Multiplier() with { BonusPoints = 5 }, "points" },
        { Multiplier() with { PointsPerCurrencyUnit = 1m }, "pointsPerCurrencyUnit" },
        { new("Base", EarningRuleKind.BaseRate, null, 1m, null, null, null, null, 0, null, null, RuleConditions.None, null, null), "currency" },
        { new("Base", EarningRuleKind.BaseRate, "EUR", 0m, null, null, null, null, 0, null, null, RuleConditions.None, null, null), "pointsPerCurrencyUnit" },
        { new("Base", EarningRuleKind.BaseRate, "EUR", 1m, null, null, null, null, 0, "g", null, RuleConditions.None, null, null), "exclusiveGroup" },
        { new("Bonus", EarningRuleKind.FixedBonus, null, null, null, 10, null, null, 0, null, null, RuleConditions.None, null, null), "trigger" },
        { new("Bonus", EarningRuleKind.FixedBonus, null, null, null, 10, BonusTrigger.NthVisit, null, 0, null, null, RuleConditions.None, null, null), "visitNumber" },
        { new("Bonus", EarningRuleKind.FixedBonus, null, null, null, 10, BonusTrigger.EveryPurchase, 3, 0, null, null, RuleConditions.None, null, null), "visitNumber" },
        { new("Bonus", EarningRuleKind.FixedBonus, null, null, null, 10, BonusTrigger.Enrolment, null, 0, null, null, RuleConditions.None, 10, null), "dailyCap" },
        { new("Bonus", EarningRuleKind.FixedBonus, null, null, null, 10, BonusTrigger.Enrolment, null, 0, null, null, new RuleConditions { Skus = ["A"] }, null, null), "conditions" },
    };

    [Theory, MemberData(nameof(Contradictions))]
    public void Contradictions_are_reported_per_field_and_refused(EarningRuleDefinition definition, string field)
    {
        Assert.Contains(definition.Problems(), p => p.Field == field);
        Assert.Equal("invalid_earning_rule", Assert.Throws<DomainException>(() => EarningRule.Create(definition, Now, "anna")).Code);
    }

    [Fact]
    public void A_consistent_definition_has_no_problems()
    {
        var perk = Multiplier(1.1m) with { Conditions = new RuleConditions { MinimumMembershipMonths = 36, TierIds = [Guid.NewGuid()] }, MonthlyCap = 500 };

        Assert.Empty(perk.Problems());
    }

    public static TheoryData<CampaignDefinition, string> CampaignContradictions => new()
    {
        { Spring(until: Now), "until" },
        { Spring(until: Now.AddDays(-1)), "until" },
        { Spring(weekdays: []), "weekdays" },
        { Spring(weekdays: [DayOfWeek.Monday, DayOfWeek.Monday]), "weekdays" },
        { Spring(fromHour: 9), "fromHour" },
        { Spring(fromHour: 12, untilHour: 12), "untilHour" },
        { Spring(fromHour: 0, untilHour: 25), "untilHour" },
        { Spring() with { PartnerIds = [] }, "partnerIds" },
    };

    [Theory, MemberData(nameof(CampaignContradictions))]
    public void Campaign_contradictions_are_refused(CampaignDefinition definition, string field)
    {
        Assert.Contains(definition.Problems(), p => p.Field == field);
        Assert.Equal("invalid_campaign", Assert.Throws<DomainException>(() => Campaign.Create(definition, Now)).Code);
    }

    [Fact]
    public void Ending_a_campaign_closes_its_window_now_and_only_once()
    {
        var campaign = Campaign.Create(Spring(until: Now.AddDays(10)), Now);

        campaign.End(Now.AddDays(1));

        Assert.Equal((Now.AddDays(1), Now.AddDays(1)), (campaign.Until!.Value, campaign.EndedAt!.Value));
        Assert.Equal(CampaignStatus.Ended, campaign.StatusAt(Now.AddDays(1)));
        Assert.Equal(CampaignStatus.Running, campaign.StatusAt(Now.AddDays(1).AddTicks(-1)));
        Assert.Equal("campaign_ended", Assert.Throws<DomainException>(() => campaign.End(Now.AddDays(2))).Code);
    }

    private static CampaignDefinition Spring(DateTimeOffset? until = null, IReadOnlyList<DayOfWeek>? weekdays = null, int? fromHour = null, int? untilHour = null) =>
        new("Spring", null, Now, until, weekdays, fromHour, untilHour, null, null);
}
