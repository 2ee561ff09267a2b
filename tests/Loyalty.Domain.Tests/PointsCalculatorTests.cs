using Loyalty.Domain.Common;
using Loyalty.Domain.Financial.Earning;

namespace Loyalty.Domain.Tests;

public sealed class PointsCalculatorTests
{
    private static readonly DateTimeOffset Now = new(2025, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly EarningRule OnePerEuro = EarningRule.Create("Standard", 1m, "EUR", Now);

    [Theory]
    [InlineData("42.99", 42)]
    [InlineData("0.99", 0)]
    [InlineData("1", 1)]
    [InlineData("100.00", 100)]
    public void Points_are_rounded_down_never_up(string amount, long expected)
    {
        var result = PointsCalculator.Calculate(new Money(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture), "EUR"), OnePerEuro, "Bronze", 1m);

        var line = Assert.Single(result.Lines);
        Assert.Equal("base", line.Rule);
        Assert.Equal(expected, line.Points);
        Assert.Equal(expected, result.TotalPoints);
    }

    [Fact]
    public void A_multiplier_of_one_adds_no_tier_line()
    {
        var result = PointsCalculator.Calculate(new Money(50m, "EUR"), OnePerEuro, "Bronze", 1m);

        Assert.Equal("base", Assert.Single(result.Lines).Rule);
        Assert.Equal(50, result.TotalPoints);
    }

    [Fact]
    public void A_multiplier_that_rounds_away_to_nothing_adds_no_tier_line()
    {
        // 3 EUR × 1.25 = 3.75 → 3 points, the same as the base: nothing for the tier to show.
        var result = PointsCalculator.Calculate(new Money(3m, "EUR"), OnePerEuro, "Silver", 1.25m);

        Assert.Equal(("base", 3L), (Assert.Single(result.Lines).Rule, result.TotalPoints));
    }

    [Fact]
    public void A_multiplier_of_one_and_a_quarter_on_10_EUR_earns_12_as_base_10_plus_tier_2()
    {
        var result = PointsCalculator.Calculate(new Money(10m, "EUR"), OnePerEuro, "Silver", 1.25m);

        Assert.Collection(
            result.Lines,
            line => Assert.Equal(("base", 10L), (line.Rule, line.Points)),
            line =>
            {
                Assert.Equal(("tier", 2L), (line.Rule, line.Points));
                Assert.Contains("Silver", line.Description, StringComparison.Ordinal);
            });
        Assert.Equal(12, result.TotalPoints);
    }

    [Theory]
    [InlineData("10", "1.25", "1")]
    [InlineData("42.99", "1.5", "1")]
    [InlineData("101", "1.5", "1")]
    [InlineData("7.77", "2", "2.5")]
    [InlineData("999999.9999", "1.75", "0.5")]
    public void The_total_is_the_sum_of_the_lines_and_the_floor_of_the_whole_product(string amount, string multiplier, string rate)
    {
        var spend = decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture);
        var tier = decimal.Parse(multiplier, System.Globalization.CultureInfo.InvariantCulture);
        var perUnit = decimal.Parse(rate, System.Globalization.CultureInfo.InvariantCulture);
        var rule = EarningRule.Create("Promo", perUnit, "EUR", Now);

        var result = PointsCalculator.Calculate(new Money(spend, "EUR"), rule, "Gold", tier);

        Assert.Equal(result.Lines.Sum(l => l.Points), result.TotalPoints);
        Assert.Equal((long)decimal.Floor(spend * perUnit * tier), result.TotalPoints);
        Assert.All(result.Lines, l => Assert.True(l.Points > 0 || l.Rule == "base"));
    }

    [Fact]
    public void A_purchase_in_another_currency_than_the_rule_is_refused()
    {
        var error = Assert.Throws<DomainException>(() => PointsCalculator.Calculate(new Money(10m, "USD"), OnePerEuro, "Bronze", 1m));

        Assert.Equal("currency_not_supported", error.Code);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-10")]
    [InlineData("-0.01")]
    public void A_zero_or_negative_amount_earns_nothing_and_has_no_lines(string amount)
    {
        var result = PointsCalculator.Calculate(new Money(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture), "EUR"), OnePerEuro, "Gold", 1.5m);

        Assert.Empty(result.Lines);
        Assert.Equal(0, result.TotalPoints);
    }
}
