using Loyalty.Domain.Common;
using Loyalty.Domain.Financial.Transfers;

namespace Loyalty.Domain.Tests.Financial;

public sealed class PointsTransferTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_transfer_waits_15_minutes_for_its_confirmation()
    {
        var t = PointsTransfer.Create(Guid.NewGuid(), Guid.NewGuid(), 50, "  for you  ", Now);

        Assert.Equal((TransferStatus.AwaitingConfirmation, Now.AddMinutes(15), "for you"), (t.Status, t.ExpiresAt, t.Message));
        Assert.Null(t.CheckOpen(Now.AddMinutes(14)));
        Assert.Equal("transfer_expired", t.CheckOpen(Now.AddMinutes(15))?.Code);
        Assert.Equal(TransferStatus.Expired, t.EffectiveStatus(Now.AddMinutes(15)));
    }

    [Fact]
    public void A_transfer_to_yourself_or_of_nothing_is_refused()
    {
        var me = Guid.NewGuid();

        Assert.Equal("transfer_to_self", Assert.Throws<DomainException>(() => PointsTransfer.Create(me, me, 10, null, Now)).Code);
        Assert.Equal("invalid_points", Assert.Throws<DomainException>(() => PointsTransfer.Create(me, Guid.NewGuid(), 0, null, Now)).Code);
    }

    [Fact]
    public void A_completed_or_cancelled_transfer_stays_so()
    {
        var done = PointsTransfer.Create(Guid.NewGuid(), Guid.NewGuid(), 10, null, Now);
        done.Complete(Now.AddMinutes(1));
        var dropped = PointsTransfer.Create(Guid.NewGuid(), Guid.NewGuid(), 10, null, Now);
        dropped.Cancel(Now.AddMinutes(1));

        Assert.Equal("transfer_already_completed", done.CheckOpen(Now.AddMinutes(2))?.Code);
        Assert.Equal("transfer_cancelled", dropped.CheckOpen(Now.AddMinutes(2))?.Code);
        Assert.Equal(TransferStatus.Completed, done.EffectiveStatus(Now.AddDays(1))); // never shown as expired afterwards
        Assert.Throws<InvalidOperationException>(() => done.Cancel(Now.AddMinutes(2)));
    }

    [Theory]
    [InlineData(100, 0, 200, 0, "transfers_disabled")]
    [InlineData(101, 100, 200, 0, "transfer_limit_exceeded")]
    [InlineData(100, 100, 200, 101, "transfer_monthly_limit_exceeded")]
    public void Limits_refuse_with_a_code_per_reason(long points, long perTransfer, long perMonth, long sent, string code)
    {
        Assert.Equal(code, Assert.Throws<DomainException>(() => PointsTransfer.EnsureWithinLimits(points, perTransfer, perMonth, sent)).Code);
    }

    [Fact]
    public void A_transfer_that_exactly_fills_the_month_is_allowed()
    {
        PointsTransfer.EnsureWithinLimits(100, 100, 200, 100);
    }

    [Fact]
    public void The_month_is_the_calendar_month_in_UTC()
    {
        Assert.Equal(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero), PointsTransfer.MonthStart(Now));
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero), PointsTransfer.MonthStart(new DateTimeOffset(2026, 12, 1, 0, 30, 0, TimeSpan.FromHours(-1))));
    }
}
