using Loyalty.Domain.Common;
using Loyalty.Domain.Financial.Redemptions;

namespace Loyalty.Domain.Tests.Financial;

public sealed class RedemptionTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void An_authorisation_holds_its_points_until_its_time_runs_out()
    {
        var r = Authorise(40);

        Assert.Equal((RedemptionStatus.Authorised, 40L, 0L, Now.AddMinutes(30)), (r.Status, r.HeldPoints, r.CapturedPoints, r.ExpiresAt));
        Assert.Equal(RedemptionStatus.Authorised, r.EffectiveStatus(Now.AddMinutes(30).AddTicks(-1)));
        Assert.Equal(RedemptionStatus.Expired, r.EffectiveStatus(Now.AddMinutes(30)));
        Assert.Throws<DomainException>(() => Authorise(0));
    }

    [Theory]
    [InlineData(null, 40)]
    [InlineData(40L, 40)]
    [InlineData(1L, 1)]
    public void A_capture_takes_all_or_part_of_the_authorised_points(long? points, long captured)
    {
        var r = Authorise(40);

        r.Capture(points, Now.AddMinutes(5));

        Assert.Equal((RedemptionStatus.Captured, captured, 0L, Now.AddMinutes(5)), (r.Status, r.CapturedPoints, r.HeldPoints, r.CompletedAt));
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(41L)]
    public void A_capture_outside_the_authorised_points_is_refused(long points)
    {
        var r = Authorise(40);

        var error = Assert.Throws<DomainException>(() => r.Capture(points, Now));

        Assert.Equal("capture_exceeds_authorisation", error.Code);
        Assert.Equal(RedemptionStatus.Authorised, r.Status);
    }

    [Fact]
    public void Each_finished_state_says_why_it_cannot_be_captured_or_cancelled()
    {
        var captured = Authorise(10);
        captured.Capture(null, Now);
        var cancelled = Authorise(10);
        cancelled.Cancel(Now);
        var lapsed = Authorise(10);
        var late = Now.AddHours(1);

        Assert.Equal(("redemption_already_captured", "redemption_already_captured"), (captured.CheckCapture(Now)?.Code, captured.CheckCancel(Now)?.Code));
        Assert.Equal(("redemption_not_authorised", "redemption_already_cancelled"), (cancelled.CheckCapture(Now)?.Code, cancelled.CheckCancel(Now)?.Code));
        Assert.Equal(("redemption_expired", "redemption_expired"), (lapsed.CheckCapture(late)?.Code, lapsed.CheckCancel(late)?.Code));
        Assert.Throws<InvalidOperationException>(() => captured.Cancel(Now));
        Assert.Throws<InvalidOperationException>(() => lapsed.Capture(null, late));
    }

    [Fact]
    public void Only_an_authorisation_past_its_time_can_lapse()
    {
        var r = Authorise(10);
        Assert.Throws<InvalidOperationException>(() => r.Lapse(Now.AddMinutes(29)));

        r.Lapse(Now.AddMinutes(31));

        Assert.Equal((RedemptionStatus.Expired, 0L), (r.Status, r.HeldPoints));
        Assert.Throws<InvalidOperationException>(() => r.Lapse(Now.AddMinutes(32)));
    }

    private static Redemption Authorise(long points) =>
        Redemption.Authorise(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), points, "R-1", Now, TimeSpan.FromMinutes(30));
}
