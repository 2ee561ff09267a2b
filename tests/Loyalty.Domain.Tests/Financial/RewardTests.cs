using Loyalty.Domain.Common;
using Loyalty.Domain.Financial.Rewards;

namespace Loyalty.Domain.Tests.Financial;

public sealed class RewardTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
    private static readonly Guid Bronze = Guid.NewGuid();
    private static readonly Guid Gold = Guid.NewGuid();

    private static RewardTerms Terms(int? stock = null, int? limit = null, DateTimeOffset? from = null, DateTimeOffset? until = null) =>
        new(" Free coffee ", " Any size ", 250, stock, limit, from, until, 30);

    [Fact]
    public void A_new_reward_keeps_its_terms_trimmed_and_its_tiers()
    {
        var reward = Reward.Create(Terms(stock: 10, limit: 2), [Gold, Bronze, Gold], isActive: true, Now);

        Assert.Equal(("Free coffee", "Any size", 250L, 10, 2, 30), (reward.Name, reward.Description, reward.PointsCost, reward.Stock, reward.PerMemberLimit, reward.VoucherValidityDays));
        Assert.Equal(new[] { Bronze, Gold }.Order(), reward.EligibleTierIds);
        Assert.Equal((Now, Now), (reward.CreatedAt, reward.UpdatedAt));
    }

    [Fact]
    public void The_window_opens_at_its_start_and_closes_at_its_end()
    {
        var reward = Reward.Create(Terms(from: Now, until: Now.AddDays(7)), [], isActive: true, Now);

        Assert.False(reward.IsAvailableAt(Now.AddTicks(-1)));
        Assert.True(reward.IsAvailableAt(Now));
        Assert.True(reward.IsAvailableAt(Now.AddDays(7).AddTicks(-1)));
        Assert.False(reward.IsAvailableAt(Now.AddDays(7)));
    }

    [Fact]
    public void Window_instants_are_kept_in_utc_at_microsecond_precision()
    {
        var from = new DateTimeOffset(2026, 11, 23, 14, 0, 0, TimeSpan.FromHours(2)).AddTicks(1234567);
        var reward = Reward.Create(Terms(from: from), [], isActive: true, Now);

        Assert.Equal(TimeSpan.Zero, reward.AvailableFrom!.Value.Offset);
        Assert.Equal(from.AddTicks(-7), reward.AvailableFrom);
    }

    [Fact]
    public void An_open_window_and_an_inactive_reward()
    {
        var open = Reward.Create(Terms(), [], isActive: true, Now);
        var inactive = Reward.Create(Terms(), [], isActive: false, Now);

        Assert.True(open.IsAvailableAt(Now.AddYears(-10)));
        Assert.True(open.IsAvailableAt(Now.AddYears(10)));
        Assert.False(inactive.IsAvailableAt(Now));
    }

    [Fact]
    public void No_tiers_means_every_tier_otherwise_only_those_named()
    {
        Assert.True(Reward.Create(Terms(), [], true, Now).IsOpenTo(Bronze));
        var goldOnly = Reward.Create(Terms(), [Gold], true, Now);
        Assert.True(goldOnly.IsOpenTo(Gold));
        Assert.False(goldOnly.IsOpenTo(Bronze));
    }

    [Fact]
    public void Redeemability_is_checked_in_order_window_tier_stock_limit()
    {
        Assert.Equal("reward_unavailable", Refusal(Reward.Create(Terms(stock: 0, limit: 1), [Gold], false, Now), Bronze, 5));
        Assert.Equal("reward_unavailable", Refusal(Reward.Create(Terms(until: Now), [], true, Now.AddDays(-1)), Bronze, 0));
        Assert.Equal("reward_not_eligible", Refusal(Reward.Create(Terms(stock: 0, limit: 1), [Gold], true, Now), Bronze, 5));
        Assert.Equal("reward_out_of_stock", Refusal(Reward.Create(Terms(stock: 0, limit: 1), [], true, Now), Bronze, 5));
        Assert.Equal("reward_limit_reached", Refusal(Reward.Create(Terms(stock: 1, limit: 2), [], true, Now), Bronze, 2));

        Reward.Create(Terms(stock: 1, limit: 2), [], true, Now).EnsureRedeemable(Bronze, 1, Now);
        Reward.Create(Terms(), [Bronze], true, Now).EnsureRedeemable(Bronze, 1000, Now);
    }

    [Theory]
    [InlineData(0, null, null, 30, "invalid_reward")]
    [InlineData(100, -1, null, 30, "invalid_reward")]
    [InlineData(100, null, 0, 30, "invalid_reward")]
    [InlineData(100, null, null, 0, "invalid_reward")]
    [InlineData(100, null, null, 3651, "invalid_reward")]
    public void Broken_terms_are_refused(long cost, int? stock, int? limit, int validityDays, string code)
    {
        var terms = new RewardTerms("Coffee", "", cost, stock, limit, null, null, validityDays);
        Assert.Equal(code, Assert.Throws<DomainException>(() => Reward.Create(terms, [], true, Now)).Code);
    }

    [Fact]
    public void A_window_must_end_after_it_starts_and_a_revision_is_checked_as_a_whole()
    {
        Assert.Equal("invalid_reward_window", Assert.Throws<DomainException>(() => Reward.Create(Terms(from: Now, until: Now), [], true, Now)).Code);

        var reward = Reward.Create(Terms(from: Now, until: Now.AddDays(10)), [], true, Now);
        var error = Assert.Throws<DomainException>(() => reward.Revise(reward.Terms with { AvailableFrom = Now.AddDays(11) }, [], true, Now));

        Assert.Equal("invalid_reward_window", error.Code);
        Assert.Equal(Now, reward.AvailableFrom); // nothing changed
    }

    [Fact]
    public void Revising_the_tiers_keeps_the_ones_still_wanted()
    {
        var reward = Reward.Create(Terms(), [Bronze, Gold], true, Now);
        var keptBronze = reward.Tiers.Single(t => t.TierId == Bronze);
        var silver = Guid.NewGuid();

        reward.Revise(reward.Terms, [Bronze, silver], true, Now.AddHours(1));

        Assert.Equal(new[] { Bronze, silver }.Order(), reward.EligibleTierIds);
        Assert.Same(keptBronze, reward.Tiers.Single(t => t.TierId == Bronze));
        Assert.Equal(Now.AddHours(1), reward.UpdatedAt);
        Assert.Equal(Now, reward.CreatedAt);
    }

    [Fact]
    public void A_voucher_costs_the_reward_price_and_expires_after_the_validity_days()
    {
        var reward = Reward.Create(Terms(), [], true, Now);
        var memberId = Guid.NewGuid();
        var code = VoucherCode.Generate();

        var voucher = reward.Issue(memberId, code, Now);

        Assert.Equal((reward.Id, "Free coffee", memberId, 250L, code.Value), (voucher.RewardId, voucher.RewardName, voucher.MemberId, voucher.PointsSpent, voucher.Code));
        Assert.Equal((Now, Now.AddDays(30)), (voucher.IssuedAt, voucher.ExpiresAt));
        Assert.Equal(code, voucher.VoucherCode);
    }

    [Fact]
    public void A_voucher_is_issued_until_its_expiry_instant_and_used_wins_over_expired()
    {
        Assert.Equal(VoucherStatus.Issued, Voucher.Status(null, Now, Now.AddTicks(-1)));
        Assert.Equal(VoucherStatus.Expired, Voucher.Status(null, Now, Now));
        Assert.Equal(VoucherStatus.Used, Voucher.Status(Now.AddDays(-1), Now, Now.AddDays(1)));

        var voucher = Reward.Create(Terms(), [], true, Now).Issue(Guid.NewGuid(), VoucherCode.Generate(), Now);
        Assert.Equal(VoucherStatus.Issued, voucher.StatusAt(Now.AddDays(29)));
        Assert.Equal(VoucherStatus.Expired, voucher.StatusAt(Now.AddDays(30)));
    }

    private static string Refusal(Reward reward, Guid tierId, int redeemed) =>
        Assert.Throws<DomainException>(() => reward.EnsureRedeemable(tierId, redeemed, Now)).Code;
}
