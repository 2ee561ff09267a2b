using Loyalty.Domain.Common;
using Loyalty.Domain.Customised.Offers;
using Loyalty.Domain.Financial.Earning;

namespace Loyalty.Domain.Tests.Customised.Offers;

public sealed class OfferBenefitsTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 12, 12, 0, 0, TimeSpan.Zero);
    private static readonly EarningRule OnePerEuro = EarningRule.BaseRate("Standard", 1m, "EUR", Now.AddDays(-30));
    private static readonly EarningMember Member = new(Guid.NewGuid(), "Bronze", 1m, null, Now.AddYears(-1));

    private static MemberOffer Offer(
        OfferBenefitKind kind = OfferBenefitKind.BonusPoints,
        long? points = 100,
        decimal? factor = null,
        string? category = null,
        bool activation = false,
        DateTimeOffset? activatedAt = null,
        int uses = 0,
        int limit = 1,
        OfferStatus status = OfferStatus.Published) =>
        new(Guid.NewGuid(), "Spring", status, Now.AddDays(-1), Now.AddDays(1), limit, activation, kind, points, factor, category, null, kind == OfferBenefitKind.Voucher ? Guid.NewGuid() : null, activatedAt, uses);

    private static (Basket Basket, EarnCalculation Earned) Purchase(params BasketLine[] lines)
    {
        var basket = Basket.Of(new Money(lines.Sum(l => l.Amount), "EUR"), lines);
        return (basket, EarningCalculator.Calculate(new EarningRuleSet([OnePerEuro], []), basket, Member, new EarningOccasion(Now, null, null)));
    }

    [Fact]
    public void A_bonus_offer_adds_one_offer_line_carrying_its_id()
    {
        var offer = Offer();
        var (basket, earned) = Purchase(new BasketLine(null, null, 1, 20m));

        var line = Assert.Single(OfferBenefits.For([offer], basket, earned, Now)).Line;

        Assert.Equal((EarnLineKinds.Offer, offer.OfferId, 100L), (line.Kind, line.OfferId, line.Points));
    }

    [Fact]
    public void A_multiplier_offer_multiplies_only_the_base_of_its_category_lines_rounded_down()
    {
        var offer = Offer(OfferBenefitKind.Multiplier, points: null, factor: 2.5m, category: "Coffee");
        var (basket, earned) = Purchase(new BasketLine("C1", "coffee", 1, 9.5m), new BasketLine("T1", "tea", 1, 40m));

        var line = Assert.Single(OfferBenefits.For([offer], basket, earned, Now)).Line;

        Assert.Equal(14, line.Points); // floor(9.5 × 1.5)
        Assert.Empty(OfferBenefits.For([offer], Purchase(new BasketLine("T1", "tea", 1, 40m)).Basket, Purchase(new BasketLine("T1", "tea", 1, 40m)).Earned, Now));
    }

    [Fact]
    public void An_offer_needing_activation_applies_only_to_purchases_after_it_was_activated()
    {
        var (basket, earned) = Purchase(new BasketLine(null, null, 1, 20m));

        Assert.Empty(OfferBenefits.For([Offer(activation: true)], basket, earned, Now));
        Assert.Empty(OfferBenefits.For([Offer(activation: true, activatedAt: Now.AddMinutes(1))], basket, earned, Now));
        Assert.Single(OfferBenefits.For([Offer(activation: true, activatedAt: Now.AddMinutes(-1))], basket, earned, Now));
    }

    [Fact]
    public void Outside_the_window_used_up_or_not_published_an_offer_gives_nothing()
    {
        var (basket, earned) = Purchase(new BasketLine(null, null, 1, 20m));

        Assert.Empty(OfferBenefits.For([Offer()], basket, earned, Now.AddDays(1))); // the end is excluded
        Assert.Single(OfferBenefits.For([Offer()], basket, earned, Now.AddDays(-1))); // the start is included
        Assert.Empty(OfferBenefits.For([Offer(uses: 2, limit: 2)], basket, earned, Now));
        Assert.Empty(OfferBenefits.For([Offer(status: OfferStatus.Withdrawn)], basket, earned, Now));
    }

    [Fact]
    public void A_voucher_offer_adds_a_zero_point_line_and_an_empty_basket_gets_nothing()
    {
        var (basket, earned) = Purchase(new BasketLine(null, null, 1, 20m));
        Assert.Equal(0, Assert.Single(OfferBenefits.For([Offer(OfferBenefitKind.Voucher, points: null)], basket, earned, Now)).Line.Points);

        var (zero, none) = Purchase(new BasketLine(null, null, 1, 0m));
        Assert.Empty(OfferBenefits.For([Offer()], zero, none, Now));
    }

    [Theory]
    [InlineData(10, 0.0, 0)]
    [InlineData(10, 0.25, 3)]
    [InlineData(10, 0.5, 5)]
    [InlineData(3, 0.5, 2)]
    public void The_control_group_is_the_rounded_share_of_the_audience(int audience, double share, int expected) =>
        Assert.Equal(expected, PersonalOffer.ControlSize(audience, (decimal)share));

    [Fact]
    public void Terms_are_checked_as_a_whole_and_a_published_offer_is_fixed()
    {
        OfferTerms Terms(OfferBenefit benefit, decimal share = 0.1m) => new("Spring", "", Now, Now.AddDays(7), 1, false, share, benefit);
        var bonus = new OfferBenefit(OfferBenefitKind.BonusPoints, 50, null, null, null, null);

        Assert.Equal("invalid_offer", Assert.Throws<DomainException>(() => PersonalOffer.Create(Terms(bonus, share: 0.6m), Now)).Code);
        Assert.Equal("invalid_offer", Assert.Throws<DomainException>(() => PersonalOffer.Create(Terms(bonus with { Kind = OfferBenefitKind.Multiplier, Factor = 2m }), Now)).Code);
        Assert.Equal("invalid_offer", Assert.Throws<DomainException>(() => PersonalOffer.Create(Terms(bonus with { Kind = OfferBenefitKind.Multiplier, Factor = 2m, Category = "a", Sku = "b" }), Now)).Code);

        var offer = PersonalOffer.Create(Terms(bonus with { Factor = 3m }), Now);
        Assert.Null(offer.Factor); // fields of other kinds are dropped
        offer.Publish(9, 1, Now);
        Assert.Equal("offer_not_draft", Assert.Throws<DomainException>(() => offer.Revise(Terms(bonus), Now)).Code);
        Assert.Equal("offer_not_draft", Assert.Throws<DomainException>(() => offer.Publish(9, 1, Now)).Code);
    }

    [Fact]
    public void A_voucher_offer_applies_only_while_its_reward_has_stock()
    {
        var (basket, earned) = Purchase(new BasketLine(null, null, 1, 20m));
        var unlimited = Offer(OfferBenefitKind.Voucher, points: null);

        Assert.Single(OfferBenefits.For([unlimited], basket, earned, Now));
        Assert.Single(OfferBenefits.For([unlimited with { RewardStock = 1 }], basket, earned, Now));
        Assert.Empty(OfferBenefits.For([unlimited with { RewardStock = 0 }], basket, earned, Now));
        Assert.Single(OfferBenefits.For([Offer() with { RewardStock = 0 }], basket, earned, Now)); // only vouchers take stock
    }
}
