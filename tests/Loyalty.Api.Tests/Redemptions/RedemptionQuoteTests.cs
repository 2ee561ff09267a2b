using System.Net;
using System.Net.Http.Json;
using Loyalty.Api.Tests.Infrastructure;
using Loyalty.Contracts.Partner;
using Loyalty.Domain.Social.Members;
using Loyalty.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Api.Tests.Redemptions;

/// <summary>The dry run of an authorisation says what the authorisation would, and changes nothing.</summary>
[Collection(ApiCollection.Name)]
public sealed class RedemptionQuoteTests(ApiFixture fixture)
{
    private const string Quote = PointsFlows.Redemptions + "/quote";

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_quote_that_would_succeed_gives_the_balance_before_and_after_and_holds_nothing(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        var member = await s.EnrolAsync();
        await s.EarnAsync(member.MemberNumber, 100m);
        var available = (await s.AccountAsync(member.MemberNumber)).Available;
        var request = s.Redemption(member.MemberNumber, 40);

        var quote = await QuoteAsync(s, request);

        Assert.Equal((true, 40L, (long?)available, (long?)(available - 40), (string?)null), (quote.Authorisable, quote.Points, quote.AvailableBefore, quote.AvailableAfter, quote.RefusalCode));
        var authorised = await s.Partner.PostJsonAsync<RedemptionResponse>(PointsFlows.Redemptions, request, idempotent: true);
        Assert.Equal(quote.AvailableAfter, authorised.AvailablePoints);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_quote_gives_the_refusal_the_authorisation_would_get(DatabaseProvider provider)
    {
        var api = fixture.For(provider);
        var s = await Scenario.StartAsync(api);
        var other = await Scenario.StartAsync(api);
        var poor = await s.EnrolAsync();
        await s.EarnAsync(poor.MemberNumber, 10m);
        var suspended = await s.EnrolAsync();
        await s.EarnAsync(suspended.MemberNumber, 100m);
        await s.SetStatusAsync(suspended.MemberNumber, MemberStatus.Suspended);
        var rich = await s.EnrolAsync();
        await s.EarnAsync(rich.MemberNumber, 100m);

        var cases = new (RedeemPointsRequest Request, string Code, bool Balances)[]
        {
            (s.Redemption(poor.MemberNumber, 1_000), "insufficient_points", true),
            (s.Redemption(suspended.MemberNumber, 10), "member_suspended", false),
            (s.Redemption(rich.MemberNumber, 10) with { StoreId = other.Store.Id }, "store_not_found", false), // another partner's store
        };
        foreach (var (request, code, balances) in cases)
        {
            var quote = await QuoteAsync(s, request);
            Assert.Equal((false, code, (long?)null), (quote.Authorisable, quote.RefusalCode, quote.AvailableAfter));
            Assert.False(string.IsNullOrEmpty(quote.RefusalDetail));
            Assert.Equal(balances, quote.AvailableBefore is not null);

            using var authorise = await s.Partner.PostAsync(PointsFlows.Redemptions, request, Guid.NewGuid().ToString());
            var problem = await authorise.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
            Assert.True(authorise.StatusCode >= HttpStatusCode.BadRequest, problem.ToString());
            Assert.Equal(code, problem.GetProperty("code").GetString());
        }
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_quote_needs_the_redeem_scope_and_a_valid_body_but_no_idempotency_key(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        var member = await s.EnrolAsync();

        using var invalid = await s.Partner.PostAsync(Quote, s.Redemption(member.MemberNumber, 0), idempotencyKey: null);
        await invalid.AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");

        var quote = await QuoteAsync(s, s.Redemption(member.MemberNumber, 1));
        Assert.Equal(("insufficient_points", (long?)0), (quote.RefusalCode, quote.AvailableBefore));
    }

    /// <summary>Quotes without an Idempotency-Key and checks that the member's ledger, holds and balances did not move.</summary>
    private static async Task<RedemptionQuoteResponse> QuoteAsync(Scenario s, RedeemPointsRequest request)
    {
        var before = await SnapshotAsync(s, request.MemberNumber);
        using var response = await s.Partner.PostAsync(Quote, request, idempotencyKey: null);
        await response.EnsureStatusAsync(HttpStatusCode.OK);
        var quote = (await response.Content.ReadFromJsonAsync<RedemptionQuoteResponse>(HttpTestExtensions.Json))!;
        Assert.Equal(before, await SnapshotAsync(s, request.MemberNumber));

        return quote;
    }

    private static async Task<(int Entries, int Redemptions, long Available, long Held)> SnapshotAsync(Scenario s, string memberNumber)
    {
        await using var db = s.Api.CreateDbContext();
        var memberId = await db.Members.Where(m => m.MemberNumber == memberNumber).Select(m => m.Id).SingleAsync();
        var account = await db.PointsAccounts.AsNoTracking().SingleAsync(a => a.MemberId == memberId);
        return (
            await db.LedgerEntries.CountAsync(e => e.MemberId == memberId),
            await db.Redemptions.CountAsync(r => r.MemberId == memberId),
            account.Available,
            account.Held);
    }
}
