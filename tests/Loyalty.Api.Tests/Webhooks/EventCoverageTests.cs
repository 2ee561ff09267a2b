using System.Net;
using System.Text.Json;
using Loyalty.Api.Tests.Financial;
using Loyalty.Api.Tests.Infrastructure;
using Loyalty.Api.Tests.Redemptions;
using Loyalty.Api.Tests.Rewards;
using Loyalty.Contracts.Admin;
using Loyalty.Contracts.Member;
using Loyalty.Contracts.Partner;
using Loyalty.Domain.Structural.Outbox;
using Loyalty.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Api.Tests.Webhooks;

/// <summary>
/// Enrolments, staff adjustments, transfers and used vouchers reach partners' and staff systems like every other
/// change: an outbox row in the change's own transaction, for the right member and partner.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class EventCoverageTests(ApiFixture fixture)
{
    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Enrolments_adjustments_transfers_and_used_vouchers_write_their_events(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        await using var policy = await s.PolicyAsync(p => p with { PendingDays = 0, TransferMaxPoints = 1_000, TransferMaxPointsPerMonth = 5_000 });

        var atTill = await s.EnrolAsync();
        var enrolled = Assert.Single(await EventsAsync(s, atTill.MemberNumber, EventTypes.MemberEnrolled));
        Assert.Equal(s.PartnerInfo.Id, enrolled.PartnerId); // the enrolling partner's subscriptions see it
        Assert.Equal(atTill.MemberNumber, enrolled.Data.GetProperty("memberNumber").GetString());

        var (anna, annaProfile) = await s.JoinAppAsync("Anna");
        var (_, benProfile) = await s.JoinAppAsync("Ben");
        Assert.Null(Assert.Single(await EventsAsync(s, annaProfile.MemberNumber, EventTypes.MemberEnrolled)).PartnerId);

        var annaId = await PointsTestKit.MemberIdAsync(s.Api, annaProfile.MemberNumber);
        await s.Admin.PostJsonAsync<AdjustmentResponse>($"/api/v1/admin/members/{annaId}/adjustments", new CreateAdjustmentRequest(120, "Goodwill"));
        var adjusted = Assert.Single(await EventsAsync(s, annaProfile.MemberNumber, EventTypes.PointsAdjusted));
        Assert.Equal(120, adjusted.Data.GetProperty("points").GetInt64());

        var transfer = await anna.PostJsonAsync<TransferResponse>("/api/v1/me/transfers", new CreateTransferRequest(benProfile.MemberNumber, 20, null));
        Assert.Empty(await EventsAsync(s, annaProfile.MemberNumber, EventTypes.PointsTransferred)); // nothing moved yet
        await anna.PostJsonAsync<TransferResponse>($"/api/v1/me/transfers/{transfer.Id}/confirm", new { }, idempotent: true);
        Assert.Equal(-20, Assert.Single(await EventsAsync(s, annaProfile.MemberNumber, EventTypes.PointsTransferred)).Data.GetProperty("points").GetInt64());
        Assert.Equal(20, Assert.Single(await EventsAsync(s, benProfile.MemberNumber, EventTypes.PointsTransferred)).Data.GetProperty("points").GetInt64());

        var reward = await s.CreateRewardAsync(RewardKit.NewReward(cost: 50));
        var voucher = (await new AppMember(anna, annaProfile.MemberNumber).RedeemOkAsync(reward.Id)).Voucher;
        using (var use = await s.Partner.PostAsync($"/api/v1/partner/vouchers/{voucher.Code}/use", new UseVoucherRequest(s.Store.Id, "R-9"), Guid.NewGuid().ToString()))
        {
            await use.EnsureStatusAsync(HttpStatusCode.OK);
        }

        var used = Assert.Single(await EventsAsync(s, annaProfile.MemberNumber, EventTypes.VoucherUsed));
        Assert.Equal((s.PartnerInfo.Id, voucher.Code), (used.PartnerId, used.Data.GetProperty("code").GetString()));
    }

    private static async Task<List<(Guid? PartnerId, JsonElement Data)>> EventsAsync(Scenario s, string memberNumber, string type)
    {
        var memberId = await PointsTestKit.MemberIdAsync(s.Api, memberNumber);
        await using var db = s.Api.CreateDbContext();
        var rows = await db.OutboxMessages.AsNoTracking().Where(m => m.MemberId == memberId && m.Type == type).ToListAsync();
        Assert.All(rows, m => EventContractTests.ReadStrictly(m.Type, m.Payload));
        return rows.Select(m => (m.PartnerId, JsonDocument.Parse(m.Payload).RootElement)).ToList();
    }
}
