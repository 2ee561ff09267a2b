using System.Net;
using Loyalty.Api.Tests.Infrastructure;
using Loyalty.Contracts.Admin;
using Loyalty.Contracts.Member;
using Loyalty.Contracts.Partner;
using Loyalty.Domain.Financial.Ledger;
using Loyalty.Domain.Social.Members;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Api.Tests.Redemptions;

/// <summary>Steps the redemption, return and transfer tests share.</summary>
public static class PointsFlows
{
    public const string Redemptions = "/api/v1/partner/redemptions";

    /// <summary>
    /// Changes the programme's points policy for one test and puts it back on dispose. The policy is one row shared by
    /// the whole "api" collection, whose tests run one at a time.
    /// </summary>
    public static async Task<IAsyncDisposable> PolicyAsync(this Scenario s, Func<PointsPolicyRequest, PointsPolicyRequest> change)
    {
        var current = await s.Admin.GetJsonAsync<PointsPolicyResponse>("/api/v1/admin/points-policy");
        var original = new PointsPolicyRequest(current.Expiry, current.ExpiryNoticeDays, current.PendingDays, current.ReturnPolicy, current.PointValue, current.PointValueCurrency, current.RedemptionHoldMinutes, current.TransferMaxPoints, current.TransferMaxPointsPerMonth, current.PointsOnClose);
        await PutPolicyAsync(s, change(original));
        return new Restore(() => PutPolicyAsync(s, original));
    }

    public static async Task<(HttpClient Client, MemberProfileResponse Profile)> JoinAppAsync(this Scenario s, string firstName = "App")
    {
        var id = Unique.Id();
        var client = s.MemberClient("app-" + id);
        var profile = await client.PostJsonAsync<MemberProfileResponse>("/api/v1/me", new SelfEnrolRequest(firstName, "User" + id, $"app{id}@example.com", null, null));
        return (client, profile);
    }

    public static Task<RedemptionResponse> AuthoriseAsync(this Scenario s, string memberNumber, long points) =>
        s.Partner.PostJsonAsync<RedemptionResponse>(Redemptions, s.Redemption(memberNumber, points), idempotent: true);

    public static Task<RedemptionResponse> CaptureAsync(this Scenario s, Guid redemptionId, long? points = null) =>
        s.Partner.PostJsonAsync<RedemptionResponse>($"{Redemptions}/{redemptionId}/capture", new CaptureRedemptionRequest(points), idempotent: true);

    /// <summary>Spends points the way a till does: authorise, then capture everything.</summary>
    public static async Task<RedemptionResponse> SpendAsync(this Scenario s, string memberNumber, long points) =>
        await s.CaptureAsync((await s.AuthoriseAsync(memberNumber, points)).RedemptionId);

    public static async Task<PointsAccount> AccountAsync(this Scenario s, string memberNumber)
    {
        await using var db = s.Api.CreateDbContext();
        return await db.PointsAccounts.AsNoTracking().SingleAsync(a => a.MemberId == db.Members.Single(m => m.MemberNumber == memberNumber).Id);
    }

    public static async Task<List<PointsLot>> LotsAsync(this Scenario s, string memberNumber)
    {
        await using var db = s.Api.CreateDbContext();
        var memberId = await db.Members.Where(m => m.MemberNumber == memberNumber).Select(m => m.Id).SingleAsync();
        return await db.PointsLots.AsNoTracking().Where(l => l.MemberId == memberId).OrderBy(l => l.Id).ToListAsync();
    }

    public static async Task<List<LedgerEntry>> LedgerAsync(this Scenario s, string memberNumber)
    {
        await using var db = s.Api.CreateDbContext();
        var memberId = await db.Members.Where(m => m.MemberNumber == memberNumber).Select(m => m.Id).SingleAsync();
        return await db.LedgerEntries.AsNoTracking().Where(e => e.MemberId == memberId).OrderBy(e => e.Id).ToListAsync();
    }

    public static async Task SetStatusAsync(this Scenario s, string memberNumber, MemberStatus status)
    {
        await using var db = s.Api.CreateDbContext();
        await db.Members.Where(m => m.MemberNumber == memberNumber).ExecuteUpdateAsync(u => u.SetProperty(m => m.Status, status));
    }

    /// <summary>Fires the requests at once and returns each status with its body.</summary>
    public static async Task<(HttpStatusCode Status, string Body)[]> InParallelAsync(int count, Func<int, Task<HttpResponseMessage>> send)
    {
        using var start = new ManualResetEventSlim();
        var attempts = Enumerable.Range(0, count).Select(i => Task.Run(async () =>
        {
            start.Wait();
            using var response = await send(i);
            return (response.StatusCode, await response.Content.ReadAsStringAsync());
        })).ToList();
        start.Set();
        return await Task.WhenAll(attempts);
    }

    private static async Task PutPolicyAsync(Scenario s, PointsPolicyRequest policy)
    {
        using var response = await s.Admin.PutAsync("/api/v1/admin/points-policy", System.Net.Http.Json.JsonContent.Create(policy, options: HttpTestExtensions.Json));
        await response.EnsureStatusAsync(HttpStatusCode.OK);
    }

    private sealed class Restore(Func<Task> restore) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await restore();
    }
}
