using Loyalty.Api.Tests.Infrastructure;
using Loyalty.Contracts.Admin;
using Loyalty.Contracts.Member;
using Loyalty.Contracts.Partner;

namespace Loyalty.Client.Tests;

[Collection(ClientCollection.Name)]
public sealed class RewardClientTests(ClientFixture fixture)
{
    [Fact]
    public async Task A_member_redeems_a_reward_in_the_app_and_a_till_honours_the_voucher_once()
    {
        var s = await Scenario.StartAsync(fixture.Factory);
        var reward = await s.Admin.PostJsonAsync<RewardResponse>("/api/v1/admin/rewards", new CreateRewardRequest("Client reward " + Unique.Id(), "Free pastry", 30, 5, 1, null, null, null, 10));
        var id = Unique.Id();
        var app = fixture.MemberApi("app-user-" + id);
        var me = await app.EnrolAsync(new SelfEnrolRequest("Anna", "Kowalski", $"anna{id}@example.com", null, null));
        await s.EarnAsync(me.MemberNumber, 50m);

        var offer = Assert.Single((await app.GetRewardsAsync(limit: 200)).Items, r => r.Id == reward.Id);
        Assert.True(offer.CanRedeem);
        var key = IdempotencyKeys.New();
        var redeemed = await app.RedeemRewardAsync(reward.Id, key);
        Assert.Equal(redeemed, await app.RedeemRewardAsync(reward.Id, key)); // a retry replays the first voucher
        Assert.Equal(20, redeemed.AvailablePoints);
        Assert.Equal(redeemed.Voucher, Assert.Single((await app.GetVouchersAsync()).Items));
        Assert.Equal(redeemed.Voucher, await app.GetVoucherAsync(redeemed.Voucher.Code));
        var limited = await Assert.ThrowsAsync<LoyaltyBusinessRuleException>(() => app.RedeemRewardAsync(reward.Id, IdempotencyKeys.New()));
        Assert.Equal((422, "reward_limit_reached"), (limited.Status, limited.Code));

        var till = fixture.PartnerApi(s.Key.Key);
        Assert.Equal(Loyalty.Contracts.Common.VoucherStatus.Issued, (await till.GetVoucherAsync(redeemed.Voucher.Code)).Status);
        var used = await till.UseVoucherAsync(redeemed.Voucher.Code, new UseVoucherRequest(s.Store.Id, "R-9"), IdempotencyKeys.New());
        Assert.Equal((Loyalty.Contracts.Common.VoucherStatus.Used, (Guid?)s.Store.Id), (used.Status, used.UsedAtStoreId));
        var twice = await Assert.ThrowsAsync<LoyaltyConflictException>(() => till.UseVoucherAsync(redeemed.Voucher.Code, new UseVoucherRequest(s.Store.Id, null), IdempotencyKeys.New()));
        Assert.Equal((409, "voucher_already_used"), (twice.Status, twice.Code));
        Assert.Equal(Loyalty.Contracts.Common.VoucherStatus.Used, (await app.GetVoucherAsync(redeemed.Voucher.Code)).Status);
    }
}
