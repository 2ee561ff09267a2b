using System.Net;
using System.Net.Http.Json;
using Loyalty.Api.Tests.Infrastructure;
using Loyalty.Contracts.Admin;
using Loyalty.Contracts.Common;
using Loyalty.Contracts.Partner;
using Loyalty.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Api.Tests.Earning;

[Collection(ApiCollection.Name)]
public sealed class EarningQuoteTests(ApiFixture fixture)
{
    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_quote_predicts_the_purchase_exactly_and_records_nothing(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        var member = await s.EnrolAsync();
        await s.CreateRuleAsync(new EarningRuleRequest("First purchase", EarningRuleKind.FixedBonus, Points: 100, Trigger: BonusTrigger.FirstPurchase, Conditions: s.Mine()));
        await s.CreateRuleAsync(new EarningRuleRequest("Capped double", EarningRuleKind.Multiplier, Factor: 2m, Conditions: s.Mine(), DailyCap: 15));
        var quoteRequest = new QuotePurchaseRequest(member.MemberNumber, s.Store.Id, 12.5m, "EUR");

        var quote = await s.Partner.PostJsonAsync<EarnQuoteResponse>("/api/v1/partner/transactions/quote", quoteRequest);
        var again = await s.Partner.PostJsonAsync<EarnQuoteResponse>("/api/v1/partner/transactions/quote", quoteRequest);
        await using (var db = s.Api.CreateDbContext())
        {
            var memberId = await db.Members.Where(m => m.MemberNumber == member.MemberNumber).Select(m => m.Id).SingleAsync();
            Assert.False(await db.Purchases.AnyAsync(p => p.MemberId == memberId));
        }

        var purchase = await s.EarnAsync(member.MemberNumber, 12.5m);
        var next = await s.Partner.PostJsonAsync<EarnQuoteResponse>("/api/v1/partner/transactions/quote", quoteRequest);

        Assert.Equal(124, quote.PointsEarned); // 12 + 12 + 100
        Assert.Equal(quote.Breakdown, again.Breakdown);
        Assert.Equal(quote.PointsEarned, purchase.PointsEarned);
        Assert.Equal(quote.Breakdown, purchase.Breakdown);
        Assert.Equal(15, next.PointsEarned); // no first purchase any more, 3 left of the daily cap
        Assert.Contains("capped at 15 a day", next.Breakdown[1].Description, StringComparison.Ordinal);
        Assert.Equal(124, await s.AssertBalanceEqualsLedgerAsync(member.MemberNumber));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_partner_cannot_quote_at_another_partners_store_and_bad_input_is_400(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        var other = await Scenario.StartAsync(fixture.For(provider));
        var member = await s.EnrolAsync();

        using var foreign = await s.Partner.PostAsync("/api/v1/partner/transactions/quote", new QuotePurchaseRequest(member.MemberNumber, other.Store.Id, 10m, "EUR"), null);
        await foreign.AssertProblemAsync(HttpStatusCode.NotFound, "store_not_found");
        using var bad = await s.Partner.PostAsync("/api/v1/partner/transactions/quote", new QuotePurchaseRequest(member.MemberNumber, s.Store.Id, -1m, "EUR"), null);
        await bad.AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        using var dollars = await s.Partner.PostAsync("/api/v1/partner/transactions/quote", new QuotePurchaseRequest(member.MemberNumber, s.Store.Id, 10m, "USD"), null);
        await dollars.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "currency_not_supported");
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Marketing_simulates_a_basket_for_a_tier_or_a_member(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        var marketing = s.Api.CreateClient().WithBearer(TestTokens.Marketing());
        var gold = (await s.Admin.GetAllAsync<TierResponse>("/api/v1/admin/tiers")).Single(t => t.Name == "Gold");
        var member = await s.EnrolAsync();
        await s.EarnAsync(member.MemberNumber, 1m);
        await s.CreateRuleAsync(new EarningRuleRequest("First purchase", EarningRuleKind.FixedBonus, Points: 100, Trigger: BonusTrigger.FirstPurchase, Conditions: s.Mine()));

        var forGold = await marketing.PostJsonAsync<EarnQuoteResponse>("/api/v1/admin/earning-rules/simulate", new SimulateEarningRequest(s.Store.Id, 100m, "EUR", TierId: gold.Id));
        var forMember = await marketing.PostJsonAsync<EarnQuoteResponse>("/api/v1/admin/earning-rules/simulate", new SimulateEarningRequest(s.Store.Id, 100m, "EUR", MemberNumber: member.MemberNumber));

        Assert.Equal([EarnLineKind.Base, EarnLineKind.Tier, EarnLineKind.Bonus], forGold.Breakdown.Select(l => l.Kind)); // a brand-new Gold member
        Assert.Equal(250, forGold.PointsEarned);
        Assert.Equal(100, forMember.PointsEarned); // already bought once: no first-purchase bonus

        using var both = await marketing.PostAsJsonAsync("/api/v1/admin/earning-rules/simulate", new SimulateEarningRequest(s.Store.Id, 100m, "EUR", member.MemberNumber, gold.Id), HttpTestExtensions.Json);
        await both.AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        using var neither = await marketing.PostAsJsonAsync("/api/v1/admin/earning-rules/simulate", new SimulateEarningRequest(s.Store.Id, 100m, "EUR"), HttpTestExtensions.Json);
        await neither.AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        using var unknownTier = await marketing.PostAsJsonAsync("/api/v1/admin/earning-rules/simulate", new SimulateEarningRequest(s.Store.Id, 100m, "EUR", TierId: Guid.NewGuid()), HttpTestExtensions.Json);
        await unknownTier.AssertProblemAsync(HttpStatusCode.NotFound, "tier_not_found");
        using var unknownStore = await marketing.PostAsJsonAsync("/api/v1/admin/earning-rules/simulate", new SimulateEarningRequest(Guid.NewGuid(), 100m, "EUR", TierId: gold.Id), HttpTestExtensions.Json);
        await unknownStore.AssertProblemAsync(HttpStatusCode.NotFound, "store_not_found");
        Assert.Equal(1, await s.AssertBalanceEqualsLedgerAsync(member.MemberNumber));
    }
}
