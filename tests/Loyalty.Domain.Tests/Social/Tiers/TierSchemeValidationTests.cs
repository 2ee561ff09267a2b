using Loyalty.Domain.Common;
using Loyalty.Domain.Social.Tiers;

namespace Loyalty.Domain.Tests.Social.Tiers;

/// <summary>Every refusal of TierDefinition.Validate and TierScheme.Validate, each from an otherwise valid scheme.</summary>
public sealed class TierSchemeValidationTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private static readonly TierBenefits Base = new(1m, 0m, null, []);

    private static TierDefinition Bronze => new("Bronze", 0, TierThresholds.None, TierThresholds.None, Base);

    private static TierDefinition Silver => new("Silver", 1, new(1_000, 500m, 10), new(800, 400m, 8), new(1.25m, 5m, 48, ["Free delivery"]));

    private static TierDefinition Gold => new("Gold", 2, new(5_000, 2_000m, 30), new(4_000, 1_600m, 24), new(1.5m, 10m, 4, ["Lounge"]));

    private static TierScheme Scheme(params TierDefinition[] tiers) => new(TierProgrammeSettings.Default, tiers);

    private static string Refusal(TierScheme scheme) => Assert.Throws<DomainException>(scheme.Validate).Code;

    /// <summary>Asserts that the scheme is accepted, naming the refusal's code and message if it is not.</summary>
    private static void AssertValid(TierScheme scheme)
    {
        var refusal = Record.Exception(scheme.Validate);
        Assert.True(refusal is null, refusal is DomainException d ? $"refused with {d.Code}: {d.Message}" : refusal?.ToString());
    }

    [Fact]
    public void A_realistic_scheme_is_valid_in_any_order()
    {
        AssertValid(Scheme(Bronze, Silver, Gold));
        AssertValid(Scheme(Gold, Bronze, Silver));
        AssertValid(Scheme(Bronze));
    }

    [Fact]
    public void A_tier_may_qualify_by_one_metric_only_and_metrics_may_skip_tiers()
    {
        var silver = Silver with { Qualify = new(null, 500m, null), Retain = TierThresholds.None };
        var gold = Gold with { Qualify = new(5_000, null, null), Retain = TierThresholds.None };
        var platinum = new TierDefinition("Platinum", 3, new(null, 5_000m, 50), TierThresholds.None, new(2m, 15m, 1, []));

        AssertValid(Scheme(Bronze, silver, gold, platinum));
    }

    [Fact]
    public void Overlapping_by_points_is_refused() =>
        Assert.Equal("overlapping_thresholds", Refusal(Scheme(Bronze, Silver, Gold with { Qualify = new(900, 2_000m, 30), Retain = TierThresholds.None })));

    [Fact]
    public void Overlapping_by_spend_is_refused() =>
        Assert.Equal("overlapping_thresholds", Refusal(Scheme(Bronze, Silver, Gold with { Qualify = new(5_000, 499.99m, 30), Retain = TierThresholds.None })));

    [Fact]
    public void Overlapping_by_visits_is_refused() =>
        Assert.Equal("overlapping_thresholds", Refusal(Scheme(Bronze, Silver, Gold with { Qualify = new(5_000, 2_000m, 9), Retain = TierThresholds.None })));

    [Fact]
    public void Overlapping_across_a_tier_that_does_not_use_the_metric_is_refused()
    {
        var silver = Silver with { Qualify = new(1_000, null, 10), Retain = TierThresholds.None };
        var gold = Gold with { Qualify = new(5_000, 500m, null), Retain = TierThresholds.None };
        var platinum = new TierDefinition("Platinum", 3, new(10_000, 400m, null), TierThresholds.None, new(2m, 0m, null, []));

        Assert.Equal("overlapping_thresholds", Refusal(Scheme(Bronze, silver, gold, platinum)));
    }

    [Theory]
    [InlineData("points")]
    [InlineData("spend")]
    [InlineData("visits")]
    public void Exactly_equal_thresholds_of_two_tiers_overlap(string metric)
    {
        var gold = metric switch
        {
            "points" => Gold with { Qualify = new(1_000, 2_000m, 30) },
            "spend" => Gold with { Qualify = new(5_000, 500m, 30) },
            _ => Gold with { Qualify = new(5_000, 2_000m, 10) },
        };

        Assert.Equal("overlapping_thresholds", Refusal(Scheme(Bronze, Silver, gold with { Retain = TierThresholds.None })));
    }

    [Fact]
    public void One_above_the_tier_below_is_enough() =>
        AssertValid(Scheme(Bronze, Silver, Gold with { Qualify = new(1_001, 500.0001m, 11), Retain = TierThresholds.None }));

    [Theory]
    [InlineData(801L, null, null)]
    [InlineData(null, 400.01, null)]
    [InlineData(null, null, 11)]
    public void Retention_above_qualification_is_contradictory(long? points, double? spend, int? visits)
    {
        var silver = Silver with { Qualify = new(800, 400m, 10), Retain = new(points, (decimal?)spend, visits) };

        Assert.Equal("contradictory_thresholds", Refusal(Scheme(Bronze, silver)));
    }

    [Fact]
    public void Retention_equal_to_qualification_is_allowed() =>
        AssertValid(Scheme(Bronze, Silver with { Retain = Silver.Qualify }));

    [Theory]
    [InlineData("points")]
    [InlineData("spend")]
    [InlineData("visits")]
    public void Retention_on_a_metric_the_tier_does_not_qualify_by_is_contradictory(string metric)
    {
        var silver = metric switch
        {
            "points" => Silver with { Qualify = new(null, 500m, 10), Retain = new(800, null, null) },
            "spend" => Silver with { Qualify = new(1_000, null, 10), Retain = new(null, 400m, null) },
            _ => Silver with { Qualify = new(1_000, 500m, null), Retain = new(null, null, 8) },
        };

        Assert.Equal("contradictory_thresholds", Refusal(Scheme(Bronze, silver)));
    }

    [Theory]
    [InlineData(0L, null, null)]
    [InlineData(null, 0, null)]
    [InlineData(null, null, 0)]
    [InlineData(1_000L, null, 0)]
    public void A_zero_qualification_threshold_above_the_entry_tier_is_refused(long? points, int? spend, int? visits) =>
        Assert.Equal("invalid_threshold", Refusal(Scheme(Bronze, Silver with { Qualify = new(points, spend, visits), Retain = TierThresholds.None })));

    [Fact]
    public void A_tier_above_the_entry_tier_without_any_threshold_is_refused() =>
        Assert.Equal("invalid_threshold", Refusal(Scheme(Bronze, Silver with { Qualify = TierThresholds.None, Retain = TierThresholds.None })));

    [Theory]
    [InlineData(-1L, null, null)]
    [InlineData(null, -0.01, null)]
    [InlineData(null, null, -1)]
    public void Negative_thresholds_are_refused(long? points, double? spend, int? visits) =>
        Assert.Equal("invalid_threshold", Refusal(Scheme(Bronze, Silver with { Retain = new(points, (decimal?)spend, visits) })));

    [Theory]
    [InlineData(1L, null, null, false)]
    [InlineData(null, 1, null, false)]
    [InlineData(null, null, 1, false)]
    [InlineData(null, null, null, true)]
    public void The_entry_tier_with_thresholds_is_refused(long? points, int? spend, int? visits, bool retain)
    {
        var thresholds = retain ? new TierThresholds(0, null, null) : new TierThresholds(points, spend, visits);
        var bronze = retain ? Bronze with { Retain = thresholds } : Bronze with { Qualify = thresholds };

        Assert.Equal("invalid_threshold", Refusal(Scheme(bronze, Silver)));
    }

    [Fact]
    public void Two_entry_tiers_or_none_are_refused()
    {
        Assert.Equal("invalid_scheme", Refusal(Scheme(Bronze, Bronze with { Name = "Copper" }, Silver)));
        Assert.Equal("invalid_scheme", Refusal(Scheme(Silver, Gold)));
        Assert.Equal("invalid_scheme", Refusal(Scheme()));
    }

    [Fact]
    public void More_than_the_maximum_number_of_tiers_is_refused()
    {
        var tiers = Enumerable.Range(1, TierScheme.MaxTiers).Select(r => new TierDefinition($"T{r}", r, new(r * 100, null, null), TierThresholds.None, Base)).Prepend(Bronze);

        Assert.Equal("invalid_scheme", Refusal(Scheme([.. tiers])));
        AssertValid(Scheme([.. tiers.Take(TierScheme.MaxTiers)]));
    }

    [Fact]
    public void A_duplicate_rank_is_refused() =>
        Assert.Equal("duplicate_rank", Refusal(Scheme(Bronze, Silver, Gold with { Rank = 1 })));

    [Theory]
    [InlineData("Silver")]
    [InlineData(" silver ")]
    [InlineData("SILVER")]
    public void A_duplicate_name_is_refused_whatever_the_case_and_spaces(string name) =>
        Assert.Equal("duplicate_tier_name", Refusal(Scheme(Bronze, Silver, Gold with { Name = name })));

    [Fact]
    public void A_higher_tier_earning_less_is_out_of_order()
    {
        Assert.Equal("tier_out_of_order", Refusal(Scheme(Bronze, Silver, Gold with { Benefits = Gold.Benefits with { EarnMultiplier = 1.24m } })));
        AssertValid(Scheme(Bronze, Silver, Gold with { Benefits = Gold.Benefits with { EarnMultiplier = 1.25m } })); // equal is fine
    }

    [Theory]
    [InlineData("0.99")]
    [InlineData("0")]
    public void A_multiplier_below_one_is_refused(string multiplier) =>
        Assert.Equal("invalid_multiplier", Refusal(Scheme(Bronze with { Benefits = Base with { EarnMultiplier = decimal.Parse(multiplier, System.Globalization.CultureInfo.InvariantCulture) } })));

    [Theory]
    [InlineData("-0.01")]
    [InlineData("100.01")]
    public void A_discount_outside_0_to_100_is_refused(string discount) =>
        Assert.Equal("invalid_discount", Refusal(Scheme(Bronze, Silver with { Benefits = Silver.Benefits with { RewardDiscountPercent = decimal.Parse(discount, System.Globalization.CultureInfo.InvariantCulture) } })));

    [Theory]
    [InlineData(QualificationWindowKind.RollingMonths, 0, 30, "invalid_window")]
    [InlineData(QualificationWindowKind.RollingMonths, 37, 30, "invalid_window")]
    [InlineData(QualificationWindowKind.SinceLastChange, 0, 30, "invalid_window")]
    [InlineData(QualificationWindowKind.RollingMonths, 12, -1, "invalid_grace_period")]
    [InlineData(QualificationWindowKind.RollingMonths, 12, 367, "invalid_grace_period")]
    public void Window_and_grace_limits(QualificationWindowKind kind, int months, int grace, string code) =>
        Assert.Equal(code, Refusal(new TierScheme(TierProgrammeSettings.Default with { WindowKind = kind, WindowMonths = months, GraceDays = grace }, [Bronze, Silver])));

    [Theory]
    [InlineData(QualificationWindowKind.RollingMonths, 1, 0)]
    [InlineData(QualificationWindowKind.RollingMonths, 36, 366)]
    [InlineData(QualificationWindowKind.CalendarYear, 0, 30)]
    [InlineData(QualificationWindowKind.SinceLastChange, 24, 90)]
    public void Window_and_grace_at_their_limits_are_valid(QualificationWindowKind kind, int months, int grace) =>
        AssertValid(new TierScheme(TierProgrammeSettings.Default with { WindowKind = kind, WindowMonths = months, GraceDays = grace }, [Bronze, Silver]));

    [Fact]
    public void An_invalid_spend_currency_is_refused() =>
        Assert.Equal("invalid_currency", Refusal(new TierScheme(TierProgrammeSettings.Default with { SpendCurrency = "euro" }, [Bronze, Silver])));

    [Fact]
    public void A_calendar_year_window_is_stored_as_twelve_months()
    {
        var programme = TierProgramme.Create(TierProgrammeSettings.Default with { WindowKind = QualificationWindowKind.CalendarYear, WindowMonths = 0, SpendCurrency = "USD" }, Now);

        Assert.Equal((12, "USD"), (programme.WindowMonths, programme.SpendCurrency));
    }

    [Fact]
    public void Retention_defaults_to_the_qualification_thresholds()
    {
        var silver = Tier.Create(Silver with { Retain = TierThresholds.None }, Now);

        Assert.Equal(silver.Qualify, silver.Retain);
        Assert.Equal(new TierThresholds(800, 400m, 8), Tier.Create(Silver, Now).Retain);
    }

    [Theory]
    [InlineData(0, 1000, 1000)]
    [InlineData(10, 1000, 900)] // exactly at: no rounding
    [InlineData(10, 999, 899)] // 899.1 → 899, in the member's favour
    [InlineData(12.5, 1000, 875)]
    [InlineData(33.33, 3, 2)] // 2.0001 → 2
    [InlineData(5, 19, 18)] // 18.05 → 18
    [InlineData(100, 500, 0)]
    public void The_reward_price_is_discounted_and_rounded_down(double discount, long cost, long price)
    {
        var tier = Tier.Create(Silver with { Benefits = Silver.Benefits with { RewardDiscountPercent = (decimal)discount } }, Now);

        Assert.Equal(price, tier.RewardPrice(cost));
    }

    [Fact]
    public void The_entry_tier_cannot_be_retired_and_a_retired_tier_keeps_its_name_and_rank()
    {
        var bronze = Tier.Create(Bronze, Now);
        var silver = Tier.Create(Silver, Now);

        Assert.Equal("entry_tier_retired", Assert.Throws<DomainException>(() => bronze.Retire(Now)).Code);
        silver.Retire(Now);
        Assert.Equal((true, "Silver", 1, Now), (silver.IsRetired, silver.Name, silver.Rank, silver.RetiredAt!.Value));
    }
}
