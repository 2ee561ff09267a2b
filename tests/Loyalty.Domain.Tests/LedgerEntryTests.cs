using Loyalty.Domain.Financial.Ledger;

namespace Loyalty.Domain.Tests;

public sealed class LedgerEntryTests
{
    private static readonly DateTimeOffset Now = new(2025, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly Guid MemberId = Guid.NewGuid();

    [Fact]
    public void Redeem_stores_the_points_as_a_negative_movement()
    {
        var redemptionId = Guid.NewGuid();

        var entry = LedgerEntry.Redeem(MemberId, 40, "Paid with points", Now, Guid.NewGuid(), Guid.NewGuid(), redemptionId);

        Assert.Equal((LedgerEntryType.Redeem, -40L, redemptionId), (entry.Type, entry.Points, entry.RedemptionId));
        Assert.Null(entry.PurchaseId);
    }

    [Fact]
    public void Earn_stores_the_points_as_a_positive_movement()
    {
        var purchaseId = Guid.NewGuid();

        var entry = LedgerEntry.Earn(MemberId, 42, "Purchase", Now, Guid.NewGuid(), Guid.NewGuid(), purchaseId);

        Assert.Equal((LedgerEntryType.Earn, 42L, purchaseId), (entry.Type, entry.Points, entry.PurchaseId));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Earn_needs_at_least_one_point(long points) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => LedgerEntry.Earn(MemberId, points, "Purchase", Now, Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid()));

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public void Redeem_needs_at_least_one_point(long points) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => LedgerEntry.Redeem(MemberId, points, "Paid", Now, Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid()));

    [Fact]
    public void Adjust_with_zero_points_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => LedgerEntry.Adjust(MemberId, 0, "Goodwill", Now, "admin@test"));

    [Theory]
    [InlineData(25)]
    [InlineData(-25)]
    public void Adjust_keeps_the_signed_points_the_reason_and_the_actor(long points)
    {
        var entry = LedgerEntry.Adjust(MemberId, points, "Goodwill", Now, "admin@test");

        Assert.Equal((LedgerEntryType.Adjust, points, "Goodwill", "admin@test"), (entry.Type, entry.Points, entry.Description, entry.Actor));
        Assert.Null(entry.PartnerId);
    }
}
