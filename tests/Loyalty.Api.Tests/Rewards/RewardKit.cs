using System.Net.Http.Json;
using Loyalty.Api.Tests.Infrastructure;
using Loyalty.Contracts.Admin;
using Loyalty.Contracts.Common;
using Loyalty.Contracts.Member;
using Loyalty.Domain.Social.Members;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Api.Tests.Rewards;

/// <summary>Steps the reward tests share. Rewards persist for the run, so every reward gets a unique name.</summary>
internal static class RewardKit
{
    public const string AdminRewards = "/api/v1/admin/rewards";

    public static CreateRewardRequest NewReward(
        long cost = 100,
        int? stock = null,
        int? limit = null,
        DateTimeOffset? from = null,
        DateTimeOffset? until = null,
        IReadOnlyList<Guid>? tiers = null,
        int validityDays = 30,
        bool active = true) =>
        new("Reward " + Unique.Id(), "A test reward", cost, stock, limit, from, until, tiers, validityDays, active);

    /// <summary>Records compare lists by reference; compare the tiers and interests by content and the rest by value.</summary>
    public static void AssertSameReward(RewardResponse expected, RewardResponse actual)
    {
        Assert.Equal(expected.EligibleTierIds, actual.EligibleTierIds);
        Assert.Equal(expected.Interests, actual.Interests);
        Assert.Equal(expected with { EligibleTierIds = [], Interests = [] }, actual with { EligibleTierIds = [], Interests = [] });
    }

    public static Task<RewardResponse> CreateRewardAsync(this Scenario s, CreateRewardRequest request) =>
        s.Admin.PostJsonAsync<RewardResponse>(AdminRewards, request);

    /// <summary>A member who joined from the app, with <paramref name="points"/> earned at the scenario's store (1 point per EUR).</summary>
    public static async Task<AppMember> JoinWithPointsAsync(this Scenario s, long points)
    {
        var id = Unique.Id();
        var client = s.MemberClient("app-" + id);
        var profile = await client.PostJsonAsync<MemberProfileResponse>("/api/v1/me", new SelfEnrolRequest("App", "User" + id, $"app{id}@example.com", null, null));
        if (points > 0)
        {
            // A goodwill credit, not a purchase: the points buy rewards without lifting the member into a higher tier
            // (whose reward discount would change the prices these tests check).
            var found = await s.Admin.GetJsonAsync<Page<AdminMemberResponse>>($"/api/v1/admin/members?query={profile.MemberNumber}");
            await s.Admin.PostJsonAsync<AdjustmentResponse>($"/api/v1/admin/members/{found.Items.Single().Id}/adjustments", new CreateAdjustmentRequest(points, "Test points"));
        }

        return new AppMember(client, profile.MemberNumber);
    }

    public static async Task<HttpResponseMessage> RedeemAsync(this AppMember member, Guid rewardId, string? idempotencyKey = "new")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/me/rewards/{rewardId}/redeem");
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey == "new" ? Guid.NewGuid().ToString() : idempotencyKey);
        }

        return await member.Client.SendAsync(request);
    }

    public static async Task<RewardRedemptionResponse> RedeemOkAsync(this AppMember member, Guid rewardId)
    {
        using var response = await member.RedeemAsync(rewardId);
        await response.EnsureStatusAsync(System.Net.HttpStatusCode.Created);
        return (await response.Content.ReadFromJsonAsync<RewardRedemptionResponse>(HttpTestExtensions.Json))!;
    }

    /// <summary>The whole catalogue the member sees (other tests' rewards included), page by page.</summary>
    public static async Task<List<RewardOfferResponse>> CatalogueAsync(this AppMember member, int pageSize = 200)
    {
        var all = new List<RewardOfferResponse>();
        string? cursor = null;
        do
        {
            var page = await member.Client.GetJsonAsync<Page<RewardOfferResponse>>($"/api/v1/me/rewards?limit={pageSize}" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor)));
            all.AddRange(page.Items);
            cursor = page.NextCursor;
        }
        while (cursor is not null);
        return all;
    }

    public static async Task MoveToTierAsync(this Scenario s, AppMember member, string tierName)
    {
        await using var db = s.Api.CreateDbContext();
        var tierId = await db.Tiers.Where(t => t.Name == tierName).Select(t => t.Id).SingleAsync();
        await db.Members.Where(m => m.MemberNumber == member.Number).ExecuteUpdateAsync(u => u.SetProperty(m => m.TierId, tierId));
    }

    public static async Task SetStatusAsync(this Scenario s, AppMember member, Domain.Social.Members.MemberStatus status)
    {
        await using var db = s.Api.CreateDbContext();
        await db.Members.Where(m => m.MemberNumber == member.Number).ExecuteUpdateAsync(u => u.SetProperty(m => m.Status, status));
    }

    public static async Task<Guid> TierIdAsync(this Scenario s, string tierName)
    {
        await using var db = s.Api.CreateDbContext();
        return await db.Tiers.Where(t => t.Name == tierName).Select(t => t.Id).SingleAsync();
    }

    public static async Task<int> VoucherCountAsync(this Scenario s, AppMember member, Guid? rewardId = null)
    {
        await using var db = s.Api.CreateDbContext();
        var memberId = await db.Members.Where(m => m.MemberNumber == member.Number).Select(m => m.Id).SingleAsync();
        return await db.Vouchers.CountAsync(v => v.MemberId == memberId && (rewardId == null || v.RewardId == rewardId));
    }
}

internal sealed record AppMember(HttpClient Client, string Number);
