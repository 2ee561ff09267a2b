using System.Net;
using System.Net.Http.Json;
using Loyalty.Api.Tests.Infrastructure;
using Loyalty.Contracts.Admin;
using Loyalty.Contracts.Partner;

namespace Loyalty.Api.Tests.Earning;

/// <summary>
/// Rules are global to the programme and the database is shared by the whole run, so every rule a test creates is
/// limited to its own scenario's partner: other tests keep earning 1 point per EUR.
/// </summary>
public static class EarningScenario
{
    public static EarningRuleConditions Mine(this Scenario s, EarningRuleConditions? conditions = null) =>
        (conditions ?? new EarningRuleConditions()) with { PartnerIds = [s.PartnerInfo.Id] };

    public static async Task<EarningRuleResponse> CreateRuleAsync(this Scenario s, EarningRuleRequest request) =>
        await s.Admin.PostJsonAsync<EarningRuleResponse>("/api/v1/admin/earning-rules", request);

    public static async Task<EarningRuleResponse> UpdateRuleAsync(this Scenario s, Guid id, EarningRuleRequest request)
    {
        using var response = await s.Admin.PutAsJsonAsync($"/api/v1/admin/earning-rules/{id}", request, HttpTestExtensions.Json);
        await response.EnsureStatusAsync(HttpStatusCode.OK);
        return (await response.Content.ReadFromJsonAsync<EarningRuleResponse>(HttpTestExtensions.Json))!;
    }

    public static async Task<CampaignResponse> CreateCampaignAsync(this Scenario s, CampaignRequest request) =>
        await s.Admin.PostJsonAsync<CampaignResponse>("/api/v1/admin/campaigns", request);

    public static async Task<PurchaseResponse> EarnAtAsync(this Scenario s, string memberNumber, decimal amount, DateTimeOffset purchasedAt, IReadOnlyList<PurchaseLineRequest>? lines = null) =>
        await s.Partner.PostJsonAsync<PurchaseResponse>(
            "/api/v1/partner/transactions", s.Purchase(memberNumber, amount) with { PurchasedAt = purchasedAt, Lines = lines }, idempotent: true);

    public static DateTimeOffset Now(this Scenario s) => s.Api.Clock.GetUtcNow();

    /// <summary>Midnight UTC <paramref name="daysAgo"/> days before today.</summary>
    public static DateTimeOffset Midnight(this Scenario s, int daysAgo)
    {
        var now = s.Now();
        return new DateTimeOffset(now.Year, now.Month, now.Day, 0, 0, 0, TimeSpan.Zero).AddDays(-daysAgo);
    }
}
