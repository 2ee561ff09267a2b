using System.Net;
using System.Net.Http.Json;
using Loyalty.Api.Tests.Infrastructure;
using Loyalty.Api.Tests.Webhooks;
using Loyalty.Contracts.Admin;
using Loyalty.Contracts.Member;
using Loyalty.Contracts.Partner;
using Loyalty.Domain.Financial.Ledger;
using Loyalty.Domain.Social.Referrals;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Api.Tests.Referrals;

/// <summary>Steps the referral tests share.</summary>
public static class ReferralKit
{
    public const string Programme = "/api/v1/admin/referral-programme";
    public const string Mine = "/api/v1/me/referrals";

    /// <summary>An enabled programme with round numbers: 300 for the referrer, 200 for the referee, from 20 EUR, 30 days.</summary>
    public static readonly ReferralProgrammeRequest Standard = new(true, 300, 200, 20m, "EUR", 5, 20, 30);

    /// <summary>Sets the (global) referral programme for one test and puts the previous one back on dispose.</summary>
    public static async Task<IAsyncDisposable> ReferralProgrammeAsync(this Scenario s, ReferralProgrammeRequest? programme = null)
    {
        var current = await s.Admin.GetJsonAsync<ReferralProgrammeResponse>(Programme);
        var original = new ReferralProgrammeRequest(current.Enabled, current.ReferrerPoints, current.RefereePoints, current.MinimumPurchaseAmount, current.Currency, current.MaxRewardsPerMonth, current.MaxRewardsPerYear, current.WindowDays);
        await PutAsync(s, programme ?? Standard);
        return new Restore(() => PutAsync(s, original));
    }

    /// <summary>Joins from the app (with a phone and an optional code) and reads the new member's referral page.</summary>
    public static async Task<AppMember> JoinAsync(this Scenario s, string firstName, string? referralCode = null, string? email = null, string? phone = null)
    {
        var id = Unique.Id();
        var client = s.MemberClient("app-" + id);
        var request = new SelfEnrolRequest(firstName, "Surname" + id, email ?? $"app{id}@example.com", phone, null, referralCode);
        var profile = await client.PostJsonAsync<MemberProfileResponse>("/api/v1/me", request);
        var page = await client.GetJsonAsync<MyReferralsResponse>(Mine);
        return new AppMember(client, profile, page.Code);
    }

    public static async Task<EnrolledMemberResponse> EnrolAtTillAsync(this Scenario s, string referralCode, string? phone = null, string firstName = "Till") =>
        await s.Partner.PostJsonAsync<EnrolledMemberResponse>(
            "/api/v1/partner/members", s.NewMember() with { FirstName = firstName, Phone = phone, ReferralCode = referralCode }, idempotent: true);

    public static async Task<Referral> ReferralOfAsync(this Scenario s, string refereeNumber)
    {
        await using var db = s.Api.CreateDbContext();
        var id = await db.Members.Where(m => m.MemberNumber == refereeNumber).Select(m => m.Id).SingleAsync();
        return await db.Referrals.AsNoTracking().SingleAsync(r => r.RefereeId == id);
    }

    /// <summary>The referral bonuses in a member's ledger (Bonus entries referring to a referral).</summary>
    public static async Task<List<LedgerEntry>> ReferralBonusesAsync(this Scenario s, string memberNumber)
    {
        await using var db = s.Api.CreateDbContext();
        var id = await db.Members.Where(m => m.MemberNumber == memberNumber).Select(m => m.Id).SingleAsync();
        var referralIds = db.Referrals.Select(r => r.Id);
        return await db.LedgerEntries.AsNoTracking()
            .Where(e => e.MemberId == id && e.Type == LedgerEntryType.Bonus && e.ReferenceId != null && referralIds.Contains(e.ReferenceId.Value))
            .ToListAsync();
    }

    public static async Task<int> ReferralEventsAsync(this Scenario s, Guid referralId)
    {
        await using var db = s.Api.CreateDbContext();
        var payloads = await db.OutboxMessages.AsNoTracking().Where(m => m.Type == "referral.rewarded").Select(m => m.Payload).ToListAsync();
        Assert.All(payloads, p => EventContractTests.ReadStrictly("referral.rewarded", p));
        return payloads.Count(p => p.Contains(referralId.ToString(), StringComparison.OrdinalIgnoreCase));
    }

    public static async Task<HttpResponseMessage> PutProgrammeAsync(this HttpClient client, ReferralProgrammeRequest programme) =>
        await client.PutAsync(Programme, JsonContent.Create(programme, options: HttpTestExtensions.Json));

    private static async Task PutAsync(Scenario s, ReferralProgrammeRequest programme)
    {
        using var response = await s.Admin.PutProgrammeAsync(programme);
        await response.EnsureStatusAsync(HttpStatusCode.OK);
    }

    private sealed class Restore(Func<Task> restore) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await restore();
    }
}

public sealed record AppMember(HttpClient Client, MemberProfileResponse Profile, string Code)
{
    public string Number => Profile.MemberNumber;

    public string DisplayName => $"{Profile.FirstName} {Profile.LastName[0]}.";

    public Task<MyReferralsResponse> ReferralsAsync() => Client.GetJsonAsync<MyReferralsResponse>(ReferralKit.Mine);
}
