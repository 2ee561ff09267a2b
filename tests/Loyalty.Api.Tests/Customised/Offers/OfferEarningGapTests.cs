using System.Net;
using Loyalty.Api.Tests.Customised.Profiles;
using Loyalty.Api.Tests.Infrastructure;
using Loyalty.Api.Tests.Redemptions;
using Loyalty.Contracts.Admin;
using Loyalty.Contracts.Common;
using Loyalty.Contracts.Partner;
using Loyalty.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using static Loyalty.Api.Tests.Customised.Offers.OfferTestKit;
using OfferBenefitKind = Loyalty.Contracts.Common.OfferBenefitKind;

namespace Loyalty.Api.Tests.Customised.Offers;

/// <summary>Personal offers in the quote, against the voucher reward's stock, and in returns.</summary>
[Collection(ApiCollection.Name)]
public sealed class OfferEarningGapTests(ApiFixture fixture)
{
    private const string Quote = "/api/v1/partner/transactions/quote";

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_quote_shows_the_offers_the_purchase_applies_without_spending_them(DatabaseProvider provider)
    {
        var api = fixture.For(provider);
        var s = await Scenario.StartAsync(api);
        var ann = await AppMemberAsync(s);
        var bonus = await PublishAsync(s, Bonus(s, [ann], points: 40, limit: 1));
        var now = api.Clock.GetUtcNow();
        var multiplier = await PublishAsync(s, new PersonalOfferRequest(
            "Double tea " + Unique.Id(), "", now.AddHours(-1), now.AddDays(1), 1, false, 0, new OfferBenefitDto(OfferBenefitKind.Multiplier, Factor: 2m, Category: "tea"), [ann.Id]));
        var lines = new List<PurchaseLineRequest> { new("T-1", "tea", 1, 12m), new("B-1", "bread", 1, 8m) };
        var request = new QuotePurchaseRequest(ann.MemberNumber, s.Store.Id, 20m, "EUR", Lines: lines);

        var quote = await s.Partner.PostJsonAsync<EarnQuoteResponse>(Quote, request);
        var again = await s.Partner.PostJsonAsync<EarnQuoteResponse>(Quote, request);
        Assert.Equal(quote.Breakdown, again.Breakdown); // quoting spends no use
        Assert.Equal(new[] { (bonus.Id, 40L), (multiplier.Id, 12L) }.Order(), quote.Breakdown.Where(l => l.Kind == EarnLineKind.Offer).Select(l => (l.OfferId!.Value, l.Points)).Order());
        Assert.All((await MyOffersAsync(ann)).Select(o => o.UsesLeft), left => Assert.Equal(1, left));

        var purchase = await s.Partner.PostJsonAsync<PurchaseResponse>("/api/v1/partner/transactions", s.Purchase(ann.MemberNumber, 20m) with { Lines = lines }, idempotent: true);
        Assert.Equal(quote.Breakdown, purchase.Breakdown);
        Assert.Equal(quote.PointsEarned, purchase.PointsEarned);

        // Both uses spent: the next quote shows none, as the next purchase would.
        var after = await s.Partner.PostJsonAsync<EarnQuoteResponse>(Quote, request);
        Assert.DoesNotContain(after.Breakdown, l => l.Kind == EarnLineKind.Offer);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_voucher_offer_takes_the_rewards_stock_and_is_skipped_when_none_is_left(DatabaseProvider provider)
    {
        var api = fixture.For(provider);
        var s = await Scenario.StartAsync(api);
        var ann = await AppMemberAsync(s);
        var ben = await AppMemberAsync(s);
        var reward = await s.Admin.PostJsonAsync<RewardResponse>("/api/v1/admin/rewards", new CreateRewardRequest("Mug " + Unique.Id(), "", 500, 1, null, null, null, null, 30));
        var now = api.Clock.GetUtcNow();
        var offer = await PublishAsync(s, new PersonalOfferRequest(
            "Mug for you " + Unique.Id(), "", now.AddHours(-1), now.AddDays(1), 1, false, 0, new OfferBenefitDto(OfferBenefitKind.Voucher, RewardId: reward.Id), [ann.Id, ben.Id]));

        var first = await s.EarnAsync(ann.MemberNumber, 10m);
        Assert.Single(OfferLines(first, offer.Id));
        Assert.Equal(0, (await s.Admin.GetJsonAsync<RewardResponse>($"/api/v1/admin/rewards/{reward.Id}")).Stock);

        // None left: the quote and the purchase show no voucher, the purchase still earns, the use stays unspent.
        var quote = await s.Partner.PostJsonAsync<EarnQuoteResponse>(Quote, new QuotePurchaseRequest(ben.MemberNumber, s.Store.Id, 10m, "EUR"));
        Assert.DoesNotContain(quote.Breakdown, l => l.OfferId == offer.Id);
        var second = await s.EarnAsync(ben.MemberNumber, 10m);
        Assert.Empty(OfferLines(second, offer.Id));
        Assert.Equal(10, second.PointsEarned);
        Assert.Equal(1, (await MyOffersAsync(ben)).Single().UsesLeft);
        Assert.Equal(0, (await s.Admin.GetJsonAsync<RewardResponse>($"/api/v1/admin/rewards/{reward.Id}")).Stock);

        await using var db = api.CreateDbContext();
        Assert.Equal(1, await db.Vouchers.CountAsync(v => v.RewardId == reward.Id));
        Assert.Equal(ann.Id, await db.Vouchers.Where(v => v.RewardId == reward.Id).Select(v => v.MemberId).SingleAsync());
        Assert.Equal(1, await db.OutboxMessages.CountAsync(m => m.Type == "offer.redeemed" && m.Payload.Contains(offer.Id.ToString())));

        // Restocked, the waiting member's next purchase gets it.
        await s.Admin.PatchJsonAsync<RewardResponse>($"/api/v1/admin/rewards/{reward.Id}", new UpdateRewardRequest { Stock = 1 });
        Assert.Single(OfferLines(await s.EarnAsync(ben.MemberNumber, 10m), offer.Id));
        Assert.Equal(0, (await s.Admin.GetJsonAsync<RewardResponse>($"/api/v1/admin/rewards/{reward.Id}")).Stock);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_full_return_gives_the_offer_use_back_and_reverses_its_points_like_the_rest(DatabaseProvider provider)
    {
        var api = fixture.For(provider);
        var s = await Scenario.StartAsync(api);
        await using var policy = await s.PolicyAsync(p => p with { ReturnPolicy = ReturnPolicy.ReverseWithinAvailable, PendingDays = 0 });
        var ann = await AppMemberAsync(s);
        var offer = await PublishAsync(s, Bonus(s, [ann], points: 50, limit: 1));

        var purchase = await s.EarnAsync(ann.MemberNumber, 20m);
        Assert.Equal(20 + 50, purchase.PointsEarned);
        Assert.Equal(0, (await MyOffersAsync(ann)).Single().UsesLeft);

        // A partial return keeps the use (the purchase still stands) and takes back its share of every line, the offer's too.
        var partial = await ReturnAsync(s, purchase.ExternalId, new RecordReturnRequest("R-1", 10m, null));
        Assert.Equal(35, partial.PointsReversed); // floor(70 × 10 / 20)
        Assert.Equal(0, (await MyOffersAsync(ann)).Single().UsesLeft);

        // Returned in full: every point back, the use given back, and the next purchase uses the offer again.
        var rest = await ReturnAsync(s, purchase.ExternalId, new RecordReturnRequest("R-2", null, null));
        Assert.Equal(35, rest.PointsReversed);
        Assert.Equal(1, (await MyOffersAsync(ann)).Single().UsesLeft);
        Assert.Equal(0, await s.AssertBalanceEqualsLedgerAsync(ann.MemberNumber));

        var next = await s.EarnAsync(ann.MemberNumber, 10m);
        Assert.Equal(50, Assert.Single(OfferLines(next, offer.Id)).Points);
        Assert.Equal(0, (await MyOffersAsync(ann)).Single().UsesLeft);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_full_return_withdraws_an_unused_offer_voucher_restocks_it_and_gives_the_use_back(DatabaseProvider provider)
    {
        var api = fixture.For(provider);
        var s = await Scenario.StartAsync(api);
        await using var policy = await s.PolicyAsync(p => p with { ReturnPolicy = ReturnPolicy.ReverseWithinAvailable, PendingDays = 0 });
        var ann = await AppMemberAsync(s);
        var reward = await s.Admin.PostJsonAsync<RewardResponse>("/api/v1/admin/rewards", new CreateRewardRequest("Scarf " + Unique.Id(), "", 500, 1, null, null, null, null, 30));
        var now = api.Clock.GetUtcNow();
        var offer = await PublishAsync(s, new PersonalOfferRequest(
            "Scarf for you " + Unique.Id(), "", now.AddHours(-1), now.AddDays(1), 1, false, 0, new OfferBenefitDto(OfferBenefitKind.Voucher, RewardId: reward.Id), [ann.Id]));

        var purchase = await s.EarnAsync(ann.MemberNumber, 10m);
        Assert.Single(OfferLines(purchase, offer.Id));
        Assert.Equal(0, (await s.Admin.GetJsonAsync<RewardResponse>($"/api/v1/admin/rewards/{reward.Id}")).Stock);

        await ReturnAsync(s, purchase.ExternalId, new RecordReturnRequest("R-1", null, null));
        Assert.Equal(1, (await s.Admin.GetJsonAsync<RewardResponse>($"/api/v1/admin/rewards/{reward.Id}")).Stock);
        Assert.Equal(1, (await MyOffersAsync(ann)).Single().UsesLeft);
        await using (var db = api.CreateDbContext())
        {
            var voucher = await db.Vouchers.SingleAsync(v => v.RewardId == reward.Id);
            Assert.Equal(Domain.Financial.Rewards.VoucherStatus.Expired, voucher.StatusAt(api.Clock.GetUtcNow()));
        }

        // The next purchase gets a fresh voucher from the restocked unit.
        Assert.Single(OfferLines(await s.EarnAsync(ann.MemberNumber, 10m), offer.Id));
        Assert.Equal(0, (await s.Admin.GetJsonAsync<RewardResponse>($"/api/v1/admin/rewards/{reward.Id}")).Stock);
    }

    private static async Task<ReturnResponse> ReturnAsync(Scenario s, string externalId, RecordReturnRequest request) =>
        await s.Partner.PostJsonAsync<ReturnResponse>($"/api/v1/partner/transactions/{Uri.EscapeDataString(externalId)}/returns", request, idempotent: true);
}
