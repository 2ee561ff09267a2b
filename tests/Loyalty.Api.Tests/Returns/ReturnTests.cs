using System.Net;
using System.Text.Json;
using Loyalty.Api.Tests.Infrastructure;
using Loyalty.Api.Tests.Redemptions;
using Loyalty.Contracts.Partner;
using Loyalty.Domain.Financial.Ledger;
using Loyalty.Domain.Structural.Outbox;
using Loyalty.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Api.Tests.Returns;

[Collection(ApiCollection.Name)]
public sealed class ReturnTests(ApiFixture fixture)
{
    private static string Returns(string externalId) => $"/api/v1/partner/transactions/{Uri.EscapeDataString(externalId)}/returns";

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Partial_returns_take_back_the_returned_share_cumulatively_and_never_more_than_was_earned(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        await using var policy = await s.PolicyAsync(p => p with { ReturnPolicy = ReturnPolicy.ReverseWithinAvailable, PendingDays = 0 });
        var member = await s.EnrolAsync();
        var purchase = await s.EarnAsync(member.MemberNumber, 99.99m); // 99 points
        await s.EarnAsync(member.MemberNumber, 50m); // other points, which a return must not touch beyond its share

        var first = await ReturnAsync(s, purchase.ExternalId, new RecordReturnRequest("RET-1", 10m, "Wrong size"));
        var second = await ReturnAsync(s, purchase.ExternalId, new RecordReturnRequest("RET-2", 10m, null));
        var rest = await ReturnAsync(s, purchase.ExternalId, new RecordReturnRequest("RET-3", null, "Everything else"));

        Assert.Equal(9, first.PointsReversed); // floor(99 × 10 / 99.99) = floor(9.9009…)
        Assert.Equal(19 - 9, second.PointsReversed); // floor(99 × 20 / 99.99) = 19, less what the first took
        Assert.Equal((79.99m, 99 - 19L), (rest.Amount, rest.PointsReversed)); // the rest of the amount takes the rest of the points
        Assert.All(new[] { first, second, rest }, r => Assert.Equal((0L, 0L, Loyalty.Contracts.Partner.ReturnPolicy.ReverseWithinAvailable, "EUR"), (r.PointsWrittenOff, r.PendingPointsReversed, r.Policy, r.Currency)));
        using var more = await s.Partner.PostAsync(Returns(purchase.ExternalId), new RecordReturnRequest("RET-4", 0.01m, null), Guid.NewGuid().ToString());
        await more.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "return_exceeds_purchase");
        using var nothingLeft = await s.Partner.PostAsync(Returns(purchase.ExternalId), new RecordReturnRequest("RET-5", null, null), Guid.NewGuid().ToString());
        await nothingLeft.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "return_exceeds_purchase");

        var list = await s.Partner.GetJsonAsync<PurchaseReturnsResponse>(Returns(purchase.ExternalId));
        Assert.Equal((99.99m, 99.99m, 99L, 99L, 0L), (list.Amount, list.ReturnedAmount, list.PointsEarned, list.PointsReversed, list.PointsWrittenOff));
        Assert.Equal(["RET-1", "RET-2", "RET-3"], list.Returns.Select(r => r.ReturnId));
        Assert.Equal("Wrong size", list.Returns[0].Reason);
        Assert.Equal(50, await s.AssertBalanceEqualsLedgerAsync(member.MemberNumber));

        await using var db = s.Api.CreateDbContext();
        var events = await db.OutboxMessages.Where(m => m.Type == EventTypes.PointsReversed && m.PartnerId == s.PartnerInfo.Id).OrderBy(m => m.OccurredAt).Select(m => m.Payload).ToListAsync();
        Assert.Equal([9L, 10L, 80L], events.Select(e => JsonDocument.Parse(e).RootElement.GetProperty("points").GetInt64()));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_return_id_is_credited_once_and_a_retry_with_its_key_replays(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        await using var policy = await s.PolicyAsync(p => p with { ReturnPolicy = ReturnPolicy.ReverseWithinAvailable, PendingDays = 0 });
        var member = await s.EnrolAsync();
        var purchase = await s.EarnAsync(member.MemberNumber, 40m);
        var request = new RecordReturnRequest("RMA-77", 10m, null);
        var key = Guid.NewGuid().ToString();

        using var first = await s.Partner.PostAsync(Returns(purchase.ExternalId), request, key);
        using var retry = await s.Partner.PostAsync(Returns(purchase.ExternalId), request, key);
        using var again = await s.Partner.PostAsync(Returns(purchase.ExternalId), request, Guid.NewGuid().ToString());
        using var padded = await s.Partner.PostAsync(Returns(purchase.ExternalId), request with { ReturnId = " RMA-77 " }, Guid.NewGuid().ToString());

        await first.EnsureStatusAsync(HttpStatusCode.Created);
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await retry.Content.ReadAsStringAsync());
        await again.AssertProblemAsync(HttpStatusCode.Conflict, "return_already_recorded");
        await padded.AssertProblemAsync(HttpStatusCode.Conflict, "return_already_recorded");
        Assert.Equal(30, await s.AssertBalanceEqualsLedgerAsync(member.MemberNumber));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Parallel_returns_of_one_purchase_never_take_back_more_than_it_earned(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        await using var policy = await s.PolicyAsync(p => p with { ReturnPolicy = ReturnPolicy.ReverseWithinAvailable, PendingDays = 0 });
        var member = await s.EnrolAsync();
        var purchase = await s.EarnAsync(member.MemberNumber, 60m);
        await s.EarnAsync(member.MemberNumber, 100m);

        // Six returns of the whole rest with different ids, and four with one id: one full return in all.
        var results = await PointsFlows.InParallelAsync(10, i => s.Partner.PostAsync(
            Returns(purchase.ExternalId),
            new RecordReturnRequest(i < 6 ? $"FULL-{i}" : "SAME", null, null),
            Guid.NewGuid().ToString()));

        Assert.Single(results, r => r.Status == HttpStatusCode.Created);
        Assert.All(results.Where(r => r.Status != HttpStatusCode.Created), r =>
            Assert.True(
                (r.Status == HttpStatusCode.UnprocessableEntity && r.Body.Contains("return_exceeds_purchase", StringComparison.Ordinal))
                || (r.Status == HttpStatusCode.Conflict && r.Body.Contains("return_already_recorded", StringComparison.Ordinal)),
                $"{(int)r.Status}: {r.Body}"));
        var list = await s.Partner.GetJsonAsync<PurchaseReturnsResponse>(Returns(purchase.ExternalId));
        Assert.Equal((60m, 60L), (list.ReturnedAmount, list.PointsReversed));
        Assert.Equal(100, await s.AssertBalanceEqualsLedgerAsync(member.MemberNumber));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Unknown_or_another_partners_purchase_is_not_found_and_bad_input_is_400(DatabaseProvider provider)
    {
        var api = fixture.For(provider);
        var mine = await Scenario.StartAsync(api);
        var theirs = await Scenario.StartAsync(api);
        var member = await mine.EnrolAsync();
        var purchase = await mine.EarnAsync(member.MemberNumber, 10m);

        using var unknown = await mine.Partner.PostAsync(Returns("NO-SUCH-RECEIPT"), new RecordReturnRequest("R", null, null), Guid.NewGuid().ToString());
        using var foreign = await theirs.Partner.PostAsync(Returns(purchase.ExternalId), new RecordReturnRequest("R", null, null), Guid.NewGuid().ToString());
        using var foreignList = await theirs.Partner.GetAsync(Returns(purchase.ExternalId));
        using var invalid = await mine.Partner.PostAsync(Returns(purchase.ExternalId), new RecordReturnRequest("", -5m, null), Guid.NewGuid().ToString());
        using var tooMuch = await mine.Partner.PostAsync(Returns(purchase.ExternalId), new RecordReturnRequest("R", 10.01m, null), Guid.NewGuid().ToString());

        await unknown.AssertProblemAsync(HttpStatusCode.NotFound, "transaction_not_found");
        await foreign.AssertProblemAsync(HttpStatusCode.NotFound, "transaction_not_found");
        await foreignList.AssertProblemAsync(HttpStatusCode.NotFound, "transaction_not_found");
        var problem = await invalid.AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        Assert.True(problem.GetProperty("errors").TryGetProperty("returnId", out _));
        Assert.True(problem.GetProperty("errors").TryGetProperty("amount", out _));
        await tooMuch.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "return_exceeds_purchase");
        Assert.Equal(10, await mine.AssertBalanceEqualsLedgerAsync(member.MemberNumber));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Reverse_pending_only_takes_back_pending_points_and_writes_spent_ones_off(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        await using var policy = await s.PolicyAsync(p => p with { ReturnPolicy = ReturnPolicy.ReversePendingOnly, PendingDays = 0 });
        var member = await s.EnrolAsync();
        var pending = await s.Partner.PostJsonAsync<PurchaseResponse>("/api/v1/partner/transactions", s.Purchase(member.MemberNumber, 50m) with { AwaitConfirmation = true }, idempotent: true);
        var spent = await s.EarnAsync(member.MemberNumber, 100m);
        await s.SpendAsync(member.MemberNumber, 80);

        var fromPending = await ReturnAsync(s, pending.ExternalId, new RecordReturnRequest("P-1", 20m, null));
        var afterSpending = await ReturnAsync(s, spent.ExternalId, new RecordReturnRequest("S-1", null, null));

        Assert.Equal((20L, 20L, 0L), (fromPending.PointsReversed, fromPending.PendingPointsReversed, fromPending.PointsWrittenOff));
        Assert.Equal((0L, 100L, Loyalty.Contracts.Partner.ReturnPolicy.ReversePendingOnly), (afterSpending.PointsReversed, afterSpending.PointsWrittenOff, afterSpending.Policy));
        var account = await s.AccountAsync(member.MemberNumber);
        Assert.Equal((20L, 30L), (account.Available, account.Pending)); // even the 20 still available stay with the member
        Assert.Equal(20, await s.AssertBalanceEqualsLedgerAsync(member.MemberNumber));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Reverse_within_available_takes_what_the_balance_covers_and_writes_off_the_rest(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        await using var policy = await s.PolicyAsync(p => p with { ReturnPolicy = ReturnPolicy.ReverseWithinAvailable, PendingDays = 0 });
        var member = await s.EnrolAsync();
        var purchase = await s.EarnAsync(member.MemberNumber, 100m);
        await s.SpendAsync(member.MemberNumber, 80);
        var hold = await s.AuthoriseAsync(member.MemberNumber, 5); // held points are not available: the return leaves them alone

        var returned = await ReturnAsync(s, purchase.ExternalId, new RecordReturnRequest("R-1", null, null));

        Assert.Equal((15L, 85L), (returned.PointsReversed, returned.PointsWrittenOff));
        var account = await s.AccountAsync(member.MemberNumber);
        Assert.Equal((0L, 5L), (account.Available, account.Held));
        var captured = await s.CaptureAsync(hold.RedemptionId);
        Assert.Equal(0, captured.AvailablePoints);
        Assert.Equal(0, await s.AssertBalanceEqualsLedgerAsync(member.MemberNumber));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Allow_negative_balance_takes_everything_back_and_the_next_earnings_repay_it_first(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        await using var policy = await s.PolicyAsync(p => p with { ReturnPolicy = ReturnPolicy.AllowNegativeBalance, PendingDays = 0 });
        var member = await s.EnrolAsync();
        var purchase = await s.EarnAsync(member.MemberNumber, 100m);
        await s.SpendAsync(member.MemberNumber, 80);

        var returned = await ReturnAsync(s, purchase.ExternalId, new RecordReturnRequest("R-1", null, null));

        Assert.Equal((100L, 0L, Loyalty.Contracts.Partner.ReturnPolicy.AllowNegativeBalance), (returned.PointsReversed, returned.PointsWrittenOff, returned.Policy));
        Assert.Equal(-80, await s.AssertBalanceEqualsLedgerAsync(member.MemberNumber));
        using var spend = await s.Partner.PostAsync(PointsFlows.Redemptions, s.Redemption(member.MemberNumber, 1), Guid.NewGuid().ToString());
        await spend.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "insufficient_points");

        Assert.Equal(-30, (await s.EarnAsync(member.MemberNumber, 50m)).AvailablePoints); // repays first, no spendable lot
        Assert.Equal(0, (await s.LotsAsync(member.MemberNumber)).Sum(l => l.Remaining));
        Assert.Equal(-30, await s.AssertBalanceEqualsLedgerAsync(member.MemberNumber));
        Assert.Equal(70, (await s.EarnAsync(member.MemberNumber, 100m)).AvailablePoints);
        Assert.Equal(70, await s.AssertBalanceEqualsLedgerAsync(member.MemberNumber));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_hold_is_still_captured_when_a_return_has_since_pushed_the_balance_below_zero(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        await using var policy = await s.PolicyAsync(p => p with { ReturnPolicy = ReturnPolicy.AllowNegativeBalance, PendingDays = 0 });
        var member = await s.EnrolAsync();
        var purchase = await s.EarnAsync(member.MemberNumber, 100m);
        var hold = await s.AuthoriseAsync(member.MemberNumber, 50);
        await ReturnAsync(s, purchase.ExternalId, new RecordReturnRequest("R-1", null, null)); // 50 available - 100 = -50

        var captured = await s.CaptureAsync(hold.RedemptionId, 30);

        Assert.Equal((RedemptionStatus.Captured, -30L), (captured.Status, captured.AvailablePoints)); // -50 + 50 released - 30 spent
        Assert.Equal(-30, await s.AssertBalanceEqualsLedgerAsync(member.MemberNumber));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_hold_cancelled_after_a_return_pushed_the_balance_below_zero_repays_it_first(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        await using var policy = await s.PolicyAsync(p => p with { ReturnPolicy = ReturnPolicy.AllowNegativeBalance, PendingDays = 0 });
        var member = await s.EnrolAsync();
        var purchase = await s.EarnAsync(member.MemberNumber, 100m);
        await s.EarnAsync(member.MemberNumber, 20m);
        var hold = await s.AuthoriseAsync(member.MemberNumber, 110);
        await ReturnAsync(s, purchase.ExternalId, new RecordReturnRequest("R-1", null, null)); // 10 available - 100 = -90

        var cancelled = await s.Partner.PostJsonAsync<RedemptionResponse>($"{PointsFlows.Redemptions}/{hold.RedemptionId}/cancel", new { }, idempotent: true);

        Assert.Equal(20, cancelled.AvailablePoints); // -90 + 110
        Assert.Equal(20, (await s.LotsAsync(member.MemberNumber)).Sum(l => l.Remaining)); // only what the balance shows is back in lots
        Assert.Equal(20, await s.AssertBalanceEqualsLedgerAsync(member.MemberNumber));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_small_return_worth_less_than_a_point_is_recorded_with_nothing_reversed(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        await using var policy = await s.PolicyAsync(p => p with { ReturnPolicy = ReturnPolicy.ReverseWithinAvailable, PendingDays = 0 });
        var member = await s.EnrolAsync();
        var purchase = await s.EarnAsync(member.MemberNumber, 10m);

        var returned = await ReturnAsync(s, purchase.ExternalId, new RecordReturnRequest("R-1", 0.5m, null));

        Assert.Equal((0.5m, 0L, 0L), (returned.Amount, returned.PointsReversed, returned.PointsWrittenOff));
        Assert.Equal(10, await s.AssertBalanceEqualsLedgerAsync(member.MemberNumber));
        Assert.DoesNotContain(await s.LedgerAsync(member.MemberNumber), e => e.Type == LedgerEntryType.Reverse);
    }

    private static async Task<ReturnResponse> ReturnAsync(Scenario s, string externalId, RecordReturnRequest request) =>
        await s.Partner.PostJsonAsync<ReturnResponse>(Returns(externalId), request, idempotent: true);
}
