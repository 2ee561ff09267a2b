using System.Globalization;
using System.Net;
using Loyalty.Api.Tests.Infrastructure;
using Loyalty.Api.Tests.Redemptions;
using Loyalty.Contracts.Admin;
using Loyalty.Contracts.Partner;
using Loyalty.Domain.Financial.Ledger;
using Loyalty.Domain.Structural.ApiKeys;
using Loyalty.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Api.Tests.Partners;

[Collection(ApiCollection.Name)]
public sealed class SettlementTests(ApiFixture fixture)
{
    private static string Returns(string externalId) => $"/api/v1/partner/transactions/{Uri.EscapeDataString(externalId)}/returns";

    private static string Period(DateTimeOffset from, DateTimeOffset to) =>
        $"from={Uri.EscapeDataString(from.UtcDateTime.ToString("O", CultureInfo.InvariantCulture))}&to={Uri.EscapeDataString(to.UtcDateTime.ToString("O", CultureInfo.InvariantCulture))}";

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Settlement_equals_the_ledger_per_store_and_in_total_and_excludes_entries_at_the_end_of_the_period(DatabaseProvider provider)
    {
        var api = fixture.For(provider);
        var s = await Scenario.StartAsync(api);
        var other = await Scenario.StartAsync(api);
        var store2 = await s.Admin.PostJsonAsync<StoreResponse>($"/api/v1/admin/partners/{s.PartnerInfo.Id}/stores", new CreateStoreRequest("Harbour, \"the big one\"", "S2-" + Unique.Id(), null));
        var m1 = await s.EnrolAsync();
        var m2 = await s.EnrolAsync();
        var m3 = await s.EnrolAsync();
        var outsider = await other.EnrolAsync();

        // Before the period: counts for nothing.
        using (api.Clock.Travel(TimeSpan.FromDays(-3)))
        {
            await s.EarnAsync(m1.MemberNumber, 500m);
        }

        var from = api.Clock.GetUtcNow().AddDays(-1);
        long pendingEarned, pendingReversed;
        await using (await s.PolicyAsync(p => p with { PendingDays = 14, ReturnPolicy = ReturnPolicy.ReverseWithinAvailable }))
        {
            var pending = await s.Partner.PostJsonAsync<PurchaseResponse>("/api/v1/partner/transactions", s.Purchase(m3.MemberNumber, 120m) with { StoreId = store2.Id }, idempotent: true);
            Assert.True(pending.PointsPending);
            var back = await s.Partner.PostJsonAsync<ReturnResponse>(Returns(pending.ExternalId), new RecordReturnRequest("RET-P", 20m, null), idempotent: true);
            (pendingEarned, pendingReversed) = (pending.PointsEarned, back.PendingPointsReversed);
            Assert.True(pendingReversed > 0);
        }

        await using var policy = await s.PolicyAsync(p => p with { PendingDays = 0, ReturnPolicy = ReturnPolicy.ReverseWithinAvailable, PointValue = 0.0125m, PointValueCurrency = "EUR" });
        var e1 = await s.EarnAsync(m1.MemberNumber, 200m);
        var e2 = await s.Partner.PostJsonAsync<PurchaseResponse>("/api/v1/partner/transactions", s.Purchase(m2.MemberNumber, 300m) with { StoreId = store2.Id }, idempotent: true);
        var returned = await s.Partner.PostJsonAsync<ReturnResponse>(Returns(e1.ExternalId), new RecordReturnRequest("RET-1", 50m, null), idempotent: true);
        await s.SpendAsync(m1.MemberNumber, 40);
        var partial = await s.Partner.PostJsonAsync<RedemptionResponse>(PointsFlows.Redemptions, new RedeemPointsRequest(m2.MemberNumber, store2.Id, 30, "pay-2"), idempotent: true);
        await s.CaptureAsync(partial.RedemptionId, 20);
        var cancelled = await s.AuthoriseAsync(m1.MemberNumber, 10);
        await s.Partner.PostJsonAsync<RedemptionResponse>($"{PointsFlows.Redemptions}/{cancelled.RedemptionId}/cancel", new { }, idempotent: true);
        await other.EarnAsync(outsider.MemberNumber, 400m);
        await other.SpendAsync(outsider.MemberNumber, 100);
        await s.EarnAsync(m2.MemberNumber, 77m); // the last entry: its instant becomes the end of the period

        await using var db = api.CreateDbContext();
        var entries = await db.LedgerEntries.AsNoTracking().Where(e => e.PartnerId == s.PartnerInfo.Id).ToListAsync();
        var to = entries.Max(e => e.OccurredAt);
        var inPeriod = entries.Where(e => e.OccurredAt >= from && e.OccurredAt < to).ToList();
        long Ledger(LedgerEntryType type, Guid? store = null) =>
            inPeriod.Where(e => e.Type == type && (store is null || e.StoreId == store)).Sum(e => e.Points + e.PendingPoints);

        var settlement = await s.Admin.GetJsonAsync<SettlementResponse>($"/api/v1/admin/settlements?partnerId={s.PartnerInfo.Id}&{Period(from, to)}");
        var mine = await s.Partner.GetJsonAsync<SettlementResponse>($"/api/v1/partner/settlement?{Period(from, to)}");
        Assert.Equivalent(settlement with { GeneratedAt = default }, mine with { GeneratedAt = default });

        // Exactly the ledger, store by store and in total.
        foreach (var line in settlement.Stores)
        {
            Assert.Equal(
                (Ledger(LedgerEntryType.Earn, line.StoreId), -Ledger(LedgerEntryType.Reverse, line.StoreId), -Ledger(LedgerEntryType.Redeem, line.StoreId)),
                (line.PointsEarned, line.PointsReversed, line.PointsRedeemed));
        }

        var t = settlement.Totals;
        Assert.Equal((Ledger(LedgerEntryType.Earn), -Ledger(LedgerEntryType.Reverse), -Ledger(LedgerEntryType.Redeem)), (t.PointsEarned, t.PointsReversed, t.PointsRedeemed));

        // And what the calls did: the earn at `to` and the one before `from` are out, the cancelled hold and the other partner too.
        var s1 = settlement.Stores.Single(l => l.StoreId == s.Store.Id);
        var s2 = settlement.Stores.Single(l => l.StoreId == store2.Id);
        Assert.Equal((e1.PointsEarned, returned.PointsReversed, 40L), (s1.PointsEarned, s1.PointsReversed, s1.PointsRedeemed));
        Assert.Equal((pendingEarned + e2.PointsEarned, pendingReversed, 20L), (s2.PointsEarned, s2.PointsReversed, s2.PointsRedeemed));
        Assert.Equal(s1.PointsEarned + s2.PointsEarned - s1.PointsReversed - s2.PointsReversed, t.PointsIssued);
        Assert.Equal(t.PointsIssued * 0.0125m, t.IssuedValue);
        Assert.Equal(60 * 0.0125m, t.RedeemedValue);
        Assert.Equal(t.IssuedValue - t.RedeemedValue, t.NetAmount);
        Assert.Equal(("partner_owes_programme", t.NetAmount, 0.0125m, "EUR"), (settlement.Direction, settlement.AmountOwed, settlement.PointValue, settlement.Currency));

        // One microsecond later the boundary entry is in.
        var later = await s.Admin.GetJsonAsync<SettlementResponse>($"/api/v1/admin/settlements?partnerId={s.PartnerInfo.Id}&{Period(from, to.AddTicks(10))}");
        Assert.Equal(t.PointsEarned + entries.Single(e => e.OccurredAt == to).Points, later.Totals.PointsEarned);

        // The CSV says the same: a row per store and the total.
        using var csv = await s.Partner.GetAsync($"/api/v1/partner/settlement.csv?{Period(from, to)}");
        await csv.EnsureStatusAsync(HttpStatusCode.OK);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var rows = (await csv.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(1 + settlement.Stores.Count + 1, rows.Length);
        Assert.Contains("\"Harbour, \"\"the big one\"\"\"", rows.Single(r => r.Contains(store2.Id.ToString(), StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.EndsWith(string.Join(',', t.PointsEarned, t.PointsReversed, t.PointsIssued, t.PointsRedeemed, Inv(t.IssuedValue), Inv(t.RedeemedValue), Inv(t.NetAmount), "EUR"), rows[^1], StringComparison.Ordinal);
        Assert.Contains(",TOTAL,", rows[^1], StringComparison.Ordinal);

        // The other partner sees only its own.
        var theirs = await other.Partner.GetJsonAsync<SettlementResponse>($"/api/v1/partner/settlement?{Period(from, to)}");
        Assert.Equal((other.PartnerInfo.Id, 100L), (theirs.PartnerId, theirs.Totals.PointsRedeemed));
        Assert.DoesNotContain(theirs.Stores, l => l.StoreId == s.Store.Id || l.StoreId == store2.Id);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Settlement_is_refused_without_the_scope_with_a_bad_period_or_for_an_unknown_partner(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        var now = s.Api.Clock.GetUtcNow();
        var tillKey = await s.Admin.PostJsonAsync<ApiKeyCreatedResponse>($"/api/v1/admin/partners/{s.PartnerInfo.Id}/api-keys", new CreateApiKeyRequest("till", [ApiKeyScopes.PointsEarn, ApiKeyScopes.PointsRedeem]));
        using var till = s.Api.CreateClient().WithApiKey(tillKey.Key);
        using (var forbidden = await till.GetAsync($"/api/v1/partner/settlement?{Period(now.AddDays(-1), now)}"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        }

        using (var backwards = await s.Partner.GetAsync($"/api/v1/partner/settlement?{Period(now, now.AddDays(-1))}"))
        {
            await backwards.AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        }

        using (var tooLong = await s.Partner.GetAsync($"/api/v1/partner/settlement?{Period(now.AddDays(-400), now)}"))
        {
            await tooLong.AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        }

        using (var missing = await s.Admin.GetAsync($"/api/v1/admin/settlements?{Period(now.AddDays(-1), now)}"))
        {
            await missing.AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        }

        using var unknown = await s.Admin.GetAsync($"/api/v1/admin/settlements?partnerId={Guid.NewGuid()}&{Period(now.AddDays(-1), now)}");
        await unknown.AssertProblemAsync(HttpStatusCode.NotFound, "partner_not_found");

        var empty = await s.Partner.GetJsonAsync<SettlementResponse>($"/api/v1/partner/settlement?{Period(now.AddDays(-1), now)}");
        Assert.Equal(("even", 0m, 0L), (empty.Direction, empty.AmountOwed, empty.Totals.PointsIssued));
        Assert.Equal(s.Store.Id, Assert.Single(empty.Stores).StoreId);
    }

    private static string Inv(decimal value) => value.ToString(CultureInfo.InvariantCulture);
}
