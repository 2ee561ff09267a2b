using Loyalty.Domain.Financial.Ledger;

namespace Loyalty.Domain.Tests.Financial;

public sealed class PointsLotTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Taking_never_takes_more_than_the_lot_has()
    {
        var lot = PointsLot.Available(Guid.NewGuid(), 100, 100, Now, null, null);
        Assert.Equal(60, lot.Take(60));
        Assert.Equal(40, lot.Take(60));
        Assert.Equal(0, lot.Remaining);
        Assert.Equal(0, lot.Take(1));
    }

    [Fact]
    public void Restoring_cannot_overfill_a_lot()
    {
        var lot = PointsLot.Available(Guid.NewGuid(), 100, 100, Now, null, null);
        lot.Take(30);
        lot.Restore(30);
        Assert.Equal(100, lot.Remaining);
        Assert.Throws<InvalidOperationException>(() => lot.Restore(1));
    }

    [Fact]
    public void Confirming_a_pending_lot_keeps_what_the_balance_backs()
    {
        var lot = PointsLot.Pending(Guid.NewGuid(), 100, Now, Now.AddYears(1), Now.AddDays(14), Guid.NewGuid());
        lot.Confirm(keep: 70); // 30 paid back a negative balance
        Assert.False(lot.IsPending);
        Assert.Null(lot.PendingUntil);
        Assert.Equal(70, lot.Remaining);
        Assert.Throws<InvalidOperationException>(() => lot.Confirm(70));
    }

    [Fact]
    public void A_lot_cannot_start_with_more_remaining_than_points() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => PointsLot.Available(Guid.NewGuid(), 10, 11, Now, null, null));
}
