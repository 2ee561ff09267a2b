using Loyalty.Domain.Common;
using Loyalty.Domain.Financial.Policies;
using Loyalty.Domain.Financial.Purchases;

namespace Loyalty.Domain.Tests.Financial;

public sealed class PurchaseReturnTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Partial_returns_take_back_the_floor_of_the_cumulative_share_and_add_up_to_the_points_earned()
    {
        var purchase = Purchase(amount: 99.99m, points: 99);
        var taken = new List<long>();
        foreach (var amount in new decimal?[] { 10m, 10m, 0.01m, null })
        {
            var returned = purchase.ReturnAmount(amount);
            var due = purchase.PointsDueOnReturn(returned);
            purchase.RecordReturn(returned, due, 0);
            taken.Add(due);
        }

        Assert.Equal([9L, 10L, 0L, 80L], taken); // floor(99×10/99.99)=9, floor(99×20/99.99)=19, floor(99×20.01/99.99)=19, all=99
        Assert.Equal((99.99m, 99L), (purchase.ReturnedAmount, purchase.PointsReversed));
    }

    [Fact]
    public void Written_off_points_count_towards_what_a_purchase_has_given_back()
    {
        var purchase = Purchase(amount: 100m, points: 100);
        purchase.RecordReturn(50m, 10, 40);

        Assert.Equal(50, purchase.PointsDueOnReturn(purchase.ReturnAmount(null)));
        Assert.Equal((10L, 40L), (purchase.PointsReversed, purchase.PointsWrittenOff));
    }

    [Fact]
    public void A_return_beyond_what_is_left_of_the_purchase_is_refused()
    {
        var purchase = Purchase(amount: 20m, points: 20);
        purchase.RecordReturn(15m, 15, 0);

        Assert.Equal("return_exceeds_purchase", Assert.Throws<DomainException>(() => purchase.ReturnAmount(5.01m)).Code);
        Assert.Equal(5m, purchase.ReturnAmount(null));
        purchase.RecordReturn(5m, 5, 0);
        Assert.Equal("return_exceeds_purchase", Assert.Throws<DomainException>(() => purchase.ReturnAmount(null)).Code);
        Assert.Throws<InvalidOperationException>(() => Purchase(10m, 10).RecordReturn(5m, 4, 0)); // must settle exactly what is due
    }

    [Theory]
    [InlineData(ReturnPolicy.ReversePendingOnly, 30, 0, 70)]
    [InlineData(ReturnPolicy.ReverseWithinAvailable, 30, 25, 45)]
    [InlineData(ReturnPolicy.AllowNegativeBalance, 30, 70, 0)]
    public void The_return_policy_decides_what_is_taken_beyond_the_pending_points(ReturnPolicy policy, long fromPending, long fromAvailable, long writtenOff)
    {
        var plan = ReturnSettlement.Plan(due: 100, pendingOfPurchase: 30, available: 25, policy);

        Assert.Equal(new ReturnSettlement(fromPending, fromAvailable, writtenOff), plan);
        Assert.Equal(fromPending + fromAvailable, plan.Reversed);
    }

    [Fact]
    public void Pending_points_cover_a_small_return_alone_and_a_negative_balance_gives_nothing()
    {
        Assert.Equal(new ReturnSettlement(10, 0, 0), ReturnSettlement.Plan(10, 30, 0, ReturnPolicy.ReversePendingOnly));
        Assert.Equal(new ReturnSettlement(0, 0, 10), ReturnSettlement.Plan(10, 0, -5, ReturnPolicy.ReverseWithinAvailable));
    }

    [Fact]
    public void A_recorded_return_keeps_how_its_points_were_settled()
    {
        var purchase = Purchase(100m, 100);

        var recorded = PurchaseReturn.Record(purchase, "RMA-1", 40m, new ReturnSettlement(10, 20, 10), ReturnPolicy.ReverseWithinAvailable, "Broken", Now);

        Assert.Equal((purchase.Id, purchase.MemberId, "RMA-1", 40m, 30L, 10L), (recorded.PurchaseId, recorded.MemberId, recorded.ReturnId, recorded.Amount, recorded.PointsReversed, recorded.PointsWrittenOff));
    }

    private static Purchase Purchase(decimal amount, long points) =>
        Domain.Financial.Purchases.Purchase.Record(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), "R-1", new Money(amount, "EUR"), Now, Now, points);
}
