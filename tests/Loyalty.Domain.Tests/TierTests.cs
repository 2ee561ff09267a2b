using Loyalty.Domain.Common;
using Loyalty.Domain.Social.Tiers;

namespace Loyalty.Domain.Tests;

public sealed class TierTests
{
    private static readonly DateTimeOffset Now = new(2025, 1, 1, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("0.99")]
    [InlineData("0")]
    [InlineData("-1")]
    public void A_multiplier_below_one_is_refused(string multiplier)
    {
        var error = Assert.Throws<DomainException>(() => Tier.Create("Tin", 1, decimal.Parse(multiplier, System.Globalization.CultureInfo.InvariantCulture), 100, Now));

        Assert.Equal("invalid_multiplier", error.Code);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(-1)]
    [InlineData(1000)]
    public void The_entry_tier_with_a_nonzero_threshold_is_refused(long threshold)
    {
        var error = Assert.Throws<DomainException>(() => Tier.Create("Bronze", 0, 1m, threshold, Now));

        Assert.Equal("invalid_threshold", error.Code);
    }

    [Fact]
    public void Valid_tiers_are_created_with_trimmed_names()
    {
        var entry = Tier.Create(" Bronze ", 0, 1m, 0, Now);
        var gold = Tier.Create("Gold", 2, 1.5m, 5000, Now);

        Assert.Equal(("Bronze", 0, 1m, 0L), (entry.Name, entry.Rank, entry.EarnMultiplier, entry.QualifyPoints ?? 0));
        Assert.Equal(("Gold", 2, 1.5m, 5000L), (gold.Name, gold.Rank, gold.EarnMultiplier, gold.QualifyPoints ?? 0));
        Assert.NotEqual(entry.Id, gold.Id);
    }
}
