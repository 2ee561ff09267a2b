using Loyalty.Api.Tests.Infrastructure;
using Loyalty.Contracts.Member;
using Loyalty.Contracts.Partner;

namespace Loyalty.Client.Tests;

[Collection(ClientCollection.Name)]
public sealed class PointsFlowClientTests(ClientFixture fixture)
{
    [Fact]
    public async Task A_till_cancels_a_payment_records_a_return_and_confirms_an_order_through_the_partner_client()
    {
        var s = await Scenario.StartAsync(fixture.Factory);
        var api = fixture.PartnerApi(s.Key.Key);
        var member = await s.EnrolAsync();
        var sale = await api.RecordPurchaseAsync(s.Purchase(member.MemberNumber, 40m), IdempotencyKeys.New());
        var online = await api.RecordPurchaseAsync(s.Purchase(member.MemberNumber, 10m) with { AwaitConfirmation = true }, IdempotencyKeys.New());

        var authorised = await api.AuthoriseRedemptionAsync(s.Redemption(member.MemberNumber, 15), IdempotencyKeys.New());
        var cancelled = await api.CancelRedemptionAsync(authorised.RedemptionId, IdempotencyKeys.New());
        Assert.Equal((RedemptionStatus.Cancelled, 40L), (cancelled.Status, cancelled.AvailablePoints));
        var again = await Assert.ThrowsAsync<LoyaltyConflictException>(() => api.CaptureRedemptionAsync(authorised.RedemptionId, null, IdempotencyKeys.New()));
        Assert.Equal((409, "redemption_not_authorised"), (again.Status, again.Code));

        var returned = await api.RecordReturnAsync(sale.ExternalId, new RecordReturnRequest("RMA-1", 10m, "Damaged"), IdempotencyKeys.New());
        Assert.Equal((10L, 0L), (returned.PointsReversed, returned.PointsWrittenOff));
        var returns = await api.GetReturnsAsync(sale.ExternalId);
        Assert.Equal((10m, 10L), (returns.ReturnedAmount, returns.PointsReversed));
        Assert.Equal("RMA-1", Assert.Single(returns.Returns).ReturnId);

        var confirmed = await api.ConfirmPurchaseAsync(online.ExternalId, IdempotencyKeys.New());
        Assert.Equal((10L, 40L), (confirmed.PointsConfirmed, confirmed.AvailablePoints));
        Assert.Equal(40, await s.AssertBalanceEqualsLedgerAsync(member.MemberNumber));
    }

    [Fact]
    public async Task A_member_sends_points_to_family_and_confirms_through_the_member_client()
    {
        var s = await Scenario.StartAsync(fixture.Factory);
        var id = Unique.Id();
        var anna = fixture.MemberApi("anna-" + id);
        var ben = fixture.MemberApi("ben-" + id);
        var annaProfile = await anna.EnrolAsync(new SelfEnrolRequest("Anna", "Nowak", $"anna{id}@example.com", null, null));
        var benProfile = await ben.EnrolAsync(new SelfEnrolRequest("Ben", "Nowak", $"ben{id}@example.com", null, null));
        await s.EarnAsync(annaProfile.MemberNumber, 80m);

        var created = await anna.CreateTransferAsync(new CreateTransferRequest(benProfile.MemberNumber, 30, "Pooling"));
        Assert.Equal((TransferStatus.AwaitingConfirmation, "Ben N."), (created.Status, created.CounterpartName));
        var confirmed = await anna.ConfirmTransferAsync(created.Id, IdempotencyKeys.New());
        Assert.Equal(TransferStatus.Completed, confirmed.Status);
        var dropped = await anna.CreateTransferAsync(new CreateTransferRequest(benProfile.MemberNumber, 5, null));
        Assert.Equal(TransferStatus.Cancelled, (await anna.CancelTransferAsync(dropped.Id)).Status);

        Assert.Equal((50L, 0L), ((await anna.GetPointsBalanceAsync()).Available, (await anna.GetPointsBalanceAsync()).Held));
        Assert.Equal(30, (await ben.GetPointsBalanceAsync()).Available);
        var received = Assert.Single((await ben.GetTransfersAsync()).Items);
        Assert.Equal((TransferSide.Incoming, 30L, "Pooling"), (received.Direction, received.Points, received.Message));
        Assert.Equal(2, (await anna.GetTransfersAsync(limit: 5)).Items.Count);
        var error = await Assert.ThrowsAsync<LoyaltyNotFoundException>(() => ben.ConfirmTransferAsync(dropped.Id, IdempotencyKeys.New()));
        Assert.Equal((404, "transfer_not_found"), (error.Status, error.Code));
    }
}
