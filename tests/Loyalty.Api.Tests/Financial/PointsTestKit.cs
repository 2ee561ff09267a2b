using System.Net;
using System.Net.Http.Json;
using Loyalty.Api.Tests.Infrastructure;
using Loyalty.Api.Tests.Webhooks;
using Loyalty.Contracts.Admin;
using Loyalty.Contracts.Member;
using Loyalty.Domain.Financial.Ledger;
using Loyalty.Infrastructure.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Loyalty.Api.Tests.Financial;

/// <summary>Helpers shared by the expiry, release, grant and report tests.</summary>
public static class PointsTestKit
{
    public static Task<int> RunAsync<TJob>(LoyaltyApiFactory api)
        where TJob : PeriodicJob =>
        api.Services.GetRequiredService<TJob>().RunOnceAsync(CancellationToken.None);

    /// <summary>
    /// Sets the points policy for one test and puts the previous one back when disposed (tests share the database).
    /// </summary>
    public static async Task<IAsyncDisposable> PolicyAsync(Scenario s, Func<PointsPolicyRequest, PointsPolicyRequest> change)
    {
        var current = await s.Admin.GetJsonAsync<PointsPolicyResponse>("/api/v1/admin/points-policy");
        var previous = new PointsPolicyRequest(
            current.Expiry,
            current.ExpiryNoticeDays,
            current.PendingDays,
            current.ReturnPolicy,
            current.PointValue,
            current.PointValueCurrency,
            current.RedemptionHoldMinutes,
            current.TransferMaxPoints,
            current.TransferMaxPointsPerMonth,
            current.PointsOnClose);
        await PutPolicyAsync(s, change(previous));
        return new Restore(s, previous);
    }

    public static PointsPolicyRequest ExpiringAfterDays(this PointsPolicyRequest policy, int days, int noticeDays = 0) =>
        policy with { Expiry = new ExpiryPolicyDto(ExpiryKind.AfterPeriod, days, PeriodUnit.Days, ExpiryRounding.None), ExpiryNoticeDays = noticeDays };

    public static async Task<(HttpClient Client, MemberProfileResponse Profile)> JoinAsync(Scenario s)
    {
        var id = Unique.Id();
        var client = s.MemberClient("app-" + id);
        var profile = await client.PostJsonAsync<MemberProfileResponse>("/api/v1/me", new SelfEnrolRequest("App", "User" + id, $"app{id}@example.com", null, null));
        return (client, profile);
    }

    public static async Task<Guid> MemberIdAsync(LoyaltyApiFactory api, string memberNumber)
    {
        await using var db = api.CreateDbContext();
        return await db.Members.Where(m => m.MemberNumber == memberNumber).Select(m => m.Id).SingleAsync();
    }

    public static async Task<List<LedgerEntry>> EntriesAsync(LoyaltyApiFactory api, string memberNumber, LedgerEntryType type)
    {
        var memberId = await MemberIdAsync(api, memberNumber);
        await using var db = api.CreateDbContext();
        return await db.LedgerEntries.AsNoTracking().Where(e => e.MemberId == memberId && e.Type == type).OrderBy(e => e.Id).ToListAsync();
    }

    public static async Task<List<(string Type, string Payload)>> OutboxAsync(LoyaltyApiFactory api, string memberNumber, string type)
    {
        var memberId = await MemberIdAsync(api, memberNumber);
        await using var db = api.CreateDbContext();
        var rows = await db.OutboxMessages.AsNoTracking().Where(m => m.MemberId == memberId && m.Type == type)
            .OrderBy(m => m.OccurredAt).Select(m => new { m.Type, m.Payload }).ToListAsync();
        Assert.All(rows, r => EventContractTests.ReadStrictly(r.Type, r.Payload)); // the published shape, SQL-built ones included
        return rows.Select(r => (r.Type, r.Payload)).ToList();
    }

    /// <summary>Pays with points at the till: authorises, then captures all of it. Returns the available balance after.</summary>
    public static async Task<long> RedeemAsync(Scenario s, string memberNumber, long points)
    {
        var authorised = await s.Partner.PostJsonAsync<Loyalty.Contracts.Partner.RedemptionResponse>("/api/v1/partner/redemptions", s.Redemption(memberNumber, points), idempotent: true);
        var captured = await s.Partner.PostJsonAsync<Loyalty.Contracts.Partner.RedemptionResponse>($"/api/v1/partner/redemptions/{authorised.RedemptionId}/capture", new { }, idempotent: true);
        return captured.AvailablePoints;
    }

    private static async Task PutPolicyAsync(Scenario s, PointsPolicyRequest request)
    {
        using var response = await s.Admin.PutAsJsonAsync("/api/v1/admin/points-policy", request, HttpTestExtensions.Json);
        await response.EnsureStatusAsync(HttpStatusCode.OK);
    }

    private sealed class Restore(Scenario s, PointsPolicyRequest previous) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await PutPolicyAsync(s, previous);
    }
}
