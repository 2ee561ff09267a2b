using Loyalty.Api.Tests.Infrastructure;
using Loyalty.Contracts.Admin;
using Loyalty.Contracts.Partner;

namespace Loyalty.Api.Tests.Insight;

/// <summary>Purchases at chosen past instants through the partner API, and the insight routes.</summary>
internal static class InsightKit
{
    public const string Refresh = "/api/v1/admin/insight/refresh";

    public static string MemberInsight(Guid memberId) => $"/api/v1/admin/members/{memberId}/insight";

    public static string RetentionActions(Guid memberId) => $"/api/v1/admin/members/{memberId}/retention-actions";

    /// <summary>The clock's instant to the whole second (purchase times travel through JSON).</summary>
    public static DateTimeOffset Now(Scenario s)
    {
        var now = s.Api.Clock.GetUtcNow();
        return now.AddTicks(-(now.UtcTicks % TimeSpan.TicksPerSecond));
    }

    public static Task<PurchaseResponse> BuyAsync(this Scenario s, string memberNumber, DateTimeOffset at, decimal amount, string? externalId = null) =>
        s.Partner.PostJsonAsync<PurchaseResponse>(
            "/api/v1/partner/transactions",
            new RecordPurchaseRequest(memberNumber, s.Store.Id, externalId ?? "R-" + Unique.Id(), amount, "EUR", at),
            idempotent: true);

    /// <summary>Visits <paramref name="every"/> days apart, the last <paramref name="lastDaysAgo"/> days before <paramref name="from"/> (default: now).</summary>
    public static async Task HabitAsync(this Scenario s, string memberNumber, int visits, int every, int lastDaysAgo, decimal amount, DateTimeOffset? from = null)
    {
        var now = from ?? Now(s); // the test clock runs: a test comparing instants passes the one it took
        for (var k = 0; k < visits; k++)
        {
            await s.BuyAsync(memberNumber, now.AddDays(-(lastDaysAgo + (k * every))), amount);
        }
    }

    public static Task<InsightRunResponse> RefreshAsync(this Scenario s) => s.Admin.PostJsonAsync<InsightRunResponse>(Refresh, new { });
}
