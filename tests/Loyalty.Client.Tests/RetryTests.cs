using System.Net;
using System.Net.Http.Headers;
using Loyalty.Api.Tests.Infrastructure;
using Loyalty.Contracts.Partner;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Client.Tests;

/// <summary>Transient failures are retried only where sending again cannot act twice, with the same idempotency key.</summary>
public sealed class RetryTests
{
    private static readonly Uri Base = new("https://loyalty.test/");
    private static readonly Guid PurchaseId = Guid.CreateVersion7();
    private static readonly object Purchased = new { purchaseId = PurchaseId, externalId = "R-1", amount = 10m, currency = "EUR", pointsEarned = 10L };

    [Fact]
    public async Task A_keyed_write_that_fails_twice_is_sent_again_with_the_same_key_and_body_and_succeeds()
    {
        var handler = FailingThen(HttpStatusCode.ServiceUnavailable, HttpStatusCode.BadGateway);
        var clock = new RecordingTimeProvider();
        var api = LoyaltyClientFactory.CreatePartnerApi(handler, Base, "k", new LoyaltyRetryOptions { MaxAttempts = 3 }, clock);
        var key = IdempotencyKeys.New();

        var purchase = await api.RecordPurchaseAsync(new RecordPurchaseRequest("8000 0000 0009", Guid.Empty, "R-1", 10m, "EUR", null), key);

        Assert.Equal(PurchaseId, purchase.PurchaseId);
        Assert.Equal(3, handler.Requests.Count);
        Assert.All(handler.Requests, r => Assert.Equal(key, r.IdempotencyKey));
        Assert.Single(handler.Requests.Select(r => r.Body).Distinct());
        Assert.Equal(2, clock.Delays.Count);
    }

    [Fact]
    public async Task A_keyed_write_still_in_flight_at_the_api_is_asked_again_but_other_conflicts_are_not()
    {
        var calls = 0;
        var handler = new FakeHandler(_ => ++calls switch
        {
            1 => Conflict("idempotency_request_in_flight"),
            2 => Json(Purchased),
            _ => Conflict("duplicate_external_id"),
        });
        var api = LoyaltyClientFactory.CreatePartnerApi(handler, Base, "k", null, new RecordingTimeProvider());
        var request = new RecordPurchaseRequest("8000 0000 0009", Guid.Empty, "R-1", 10m, "EUR", null);

        Assert.Equal(PurchaseId, (await api.RecordPurchaseAsync(request, IdempotencyKeys.New())).PurchaseId);
        var error = await Assert.ThrowsAsync<LoyaltyConflictException>(() => api.RecordPurchaseAsync(request, IdempotencyKeys.New()));

        Assert.Equal(("duplicate_external_id", 3), (error.Code, calls));
    }

    [Fact]
    public async Task A_get_is_retried_after_a_connection_error()
    {
        var calls = 0;
        var handler = new FakeHandler(_ => ++calls == 1 ? throw new HttpRequestException("connection reset") : Json(new { status = "captured" }));
        var api = LoyaltyClientFactory.CreatePartnerApi(handler, Base, "k", null, new RecordingTimeProvider());

        var redemption = await api.GetRedemptionAsync(Guid.CreateVersion7());

        Assert.Equal(RedemptionStatus.Captured, redemption.Status);
        Assert.Equal(2, calls);
    }

    [Fact]
    public async Task A_write_without_an_idempotency_key_is_never_retried()
    {
        var handler = FailingThen(HttpStatusCode.ServiceUnavailable);
        var api = LoyaltyClientFactory.CreatePartnerApi(handler, Base, "k", null, new RecordingTimeProvider());

        // The quote is a POST without a key: the API may not see it as safe to repeat.
        var error = await Assert.ThrowsAnyAsync<LoyaltyApiException>(() => api.QuotePurchaseAsync(new QuotePurchaseRequest("8000 0000 0009", Guid.Empty, 10m, "EUR", null, null)));

        Assert.Equal(503, error.Status);
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task A_client_error_is_not_retried()
    {
        var handler = FailingThen(HttpStatusCode.UnprocessableEntity);
        var api = LoyaltyClientFactory.CreatePartnerApi(handler, Base, "k", null, new RecordingTimeProvider());

        await Assert.ThrowsAnyAsync<LoyaltyApiException>(() => api.GetMemberAsync("8000 0000 0009"));

        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task Retry_after_is_honoured_and_the_attempts_stop_at_the_maximum()
    {
        var handler = new FakeHandler(_ =>
        {
            var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
            response.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(4));
            return response;
        });
        var clock = new RecordingTimeProvider();
        var api = LoyaltyClientFactory.CreatePartnerApi(handler, Base, "k", new LoyaltyRetryOptions { MaxAttempts = 4 }, clock);

        var error = await Assert.ThrowsAsync<LoyaltyRateLimitedException>(() => api.GetMemberAsync("8000 0000 0009"));

        Assert.Equal(4, handler.Requests.Count);
        Assert.Equal([TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(4)], clock.Delays);
        Assert.Equal(TimeSpan.FromSeconds(4), error.RetryAfter);
    }

    [Fact]
    public async Task A_retry_after_longer_than_the_longest_delay_goes_back_to_the_caller_at_once()
    {
        var handler = new FakeHandler(_ =>
        {
            var response = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
            response.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromMinutes(5));
            return response;
        });
        var clock = new RecordingTimeProvider();
        var api = LoyaltyClientFactory.CreatePartnerApi(handler, Base, "k", new LoyaltyRetryOptions { MaxDelay = TimeSpan.FromSeconds(30) }, clock);

        await Assert.ThrowsAnyAsync<LoyaltyApiException>(() => api.GetMemberAsync("8000 0000 0009"));

        Assert.Single(handler.Requests);
        Assert.Empty(clock.Delays);
    }

    [Fact]
    public async Task The_backoff_grows_exponentially_with_jitter_and_is_capped()
    {
        var handler = FailingThen(Enumerable.Repeat(HttpStatusCode.GatewayTimeout, 5).ToArray());
        var clock = new RecordingTimeProvider();
        var options = new LoyaltyRetryOptions { MaxAttempts = 6, BaseDelay = TimeSpan.FromSeconds(1), MaxDelay = TimeSpan.FromSeconds(6) };
        var api = LoyaltyClientFactory.CreatePartnerApi(handler, Base, "k", options, clock);

        await api.GetMemberAsync("8000 0000 0009");

        // Step n waits between half and all of min(base × 2^(n-1), max).
        double[] steps = [1, 2, 4, 6, 6];
        Assert.Equal(steps.Length, clock.Delays.Count);
        for (var i = 0; i < steps.Length; i++)
        {
            Assert.InRange(clock.Delays[i].TotalSeconds, steps[i] / 2, steps[i]);
        }
    }

    [Fact]
    public async Task A_keyed_write_with_a_read_once_body_is_resent_with_the_same_body()
    {
        var bodies = new List<string>();
        var inner = new CopyingHandler(bodies, HttpStatusCode.ServiceUnavailable, HttpStatusCode.OK);
        using var client = new HttpClient(new RetryHandler(null, new RecordingTimeProvider()) { InnerHandler = inner });
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Base, "api/v1/partner/transactions"))
        {
            Content = new StreamContent(new ReadOnceStream("{\"amount\":10}"u8.ToArray())),
        };
        request.Headers.Add(RetryHandler.IdempotencyKeyHeader, IdempotencyKeys.New());

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["{\"amount\":10}", "{\"amount\":10}"], bodies);
    }

    [Fact]
    public void Options_with_no_attempt_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new RetryHandler(new LoyaltyRetryOptions { MaxAttempts = 0 }));
    }

    private static FakeHandler FailingThen(params HttpStatusCode[] failures)
    {
        var calls = 0;
        return new FakeHandler(request => calls < failures.Length
            ? new HttpResponseMessage(failures[calls++])
            : request.RequestUri!.AbsolutePath.EndsWith("/transactions", StringComparison.Ordinal) ? Json(Purchased) : Json(new { memberNumber = "800000000009", displayName = "A. K.", status = "active", availablePoints = 1L }));
    }

    private static HttpResponseMessage Conflict(string code) => new(HttpStatusCode.Conflict)
    {
        Content = new StringContent($$"""{"status":409,"code":"{{code}}"}""", System.Text.Encoding.UTF8, "application/problem+json"),
    };

    private static HttpResponseMessage Json(object body) => new(HttpStatusCode.OK) { Content = System.Net.Http.Json.JsonContent.Create(body) };
}

/// <summary>The end-to-end case: the API recorded the purchase but the answer was lost on the way back.</summary>
[Collection(ClientCollection.Name)]
public sealed class RetryEndToEndTests(ClientFixture fixture)
{
    [Fact]
    public async Task A_purchase_whose_answer_was_lost_is_retried_with_the_same_key_and_earns_once()
    {
        var s = await Scenario.StartAsync(fixture.Factory);
        var member = await s.EnrolAsync();
        var keys = new List<string>();
        var lossy = new LoseFirstAnswerHandler(keys) { InnerHandler = fixture.Factory.Server.CreateHandler() };
        var api = LoyaltyClientFactory.CreatePartnerApi(lossy, fixture.BaseAddress, s.Key.Key, new LoyaltyRetryOptions { BaseDelay = TimeSpan.Zero });

        var purchase = await api.RecordPurchaseAsync(s.Purchase(member.MemberNumber, 25m), IdempotencyKeys.New());

        Assert.Equal(2, keys.Count);
        Assert.Equal(keys[0], keys[1]);
        Assert.Equal((25L, 25L), (purchase.PointsEarned, purchase.AvailablePoints));
        Assert.Equal(25, (await api.GetMemberAsync(member.MemberNumber)).AvailablePoints);
        await using var db = fixture.Factory.CreateDbContext();
        Assert.Equal(1, await db.Purchases.CountAsync(p => p.PartnerId == s.PartnerInfo.Id));
        Assert.Equal(25, await s.AssertBalanceEqualsLedgerAsync(member.MemberNumber));
    }

    private sealed class LoseFirstAnswerHandler(List<string> keys) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            if (request.Method != HttpMethod.Post)
            {
                return response;
            }

            keys.Add(request.Headers.GetValues(RetryHandler.IdempotencyKeyHeader).Single());
            if (keys.Count > 1)
            {
                return response;
            }

            response.Dispose();
            return new HttpResponseMessage(HttpStatusCode.BadGateway); // a proxy dropped the API's answer
        }
    }
}

/// <summary>Reads the body as a transport would (without buffering it) and answers with the given statuses in turn.</summary>
internal sealed class CopyingHandler(List<string> bodies, params HttpStatusCode[] statuses) : HttpMessageHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var copy = new MemoryStream();
        await request.Content!.CopyToAsync(copy, cancellationToken);
        bodies.Add(System.Text.Encoding.UTF8.GetString(copy.ToArray()));
        return new HttpResponseMessage(statuses[bodies.Count - 1]);
    }
}

/// <summary>A body that can be read once, like a network or file stream.</summary>
internal sealed class ReadOnceStream(byte[] data) : MemoryStream(data)
{
    public override bool CanSeek => false;
}

/// <summary>Records every wait and lets it pass at once.</summary>
internal sealed class RecordingTimeProvider : TimeProvider
{
    public List<TimeSpan> Delays { get; } = [];

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        lock (Delays)
        {
            Delays.Add(dueTime);
        }

        return System.CreateTimer(callback, state, TimeSpan.Zero, period);
    }
}
