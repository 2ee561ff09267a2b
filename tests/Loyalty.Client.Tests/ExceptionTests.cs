using System.Net;
using System.Text;

namespace Loyalty.Client.Tests;

/// <summary>Problem details become typed exceptions that are still <see cref="LoyaltyApiException"/>s with the problem's fields.</summary>
public sealed class ExceptionTests
{
    private static readonly LoyaltyRetryOptions NoRetries = new() { MaxAttempts = 1 };

    [Theory]
    [InlineData(400, "validation_failed", typeof(LoyaltyValidationException))]
    [InlineData(401, "unauthenticated", typeof(LoyaltyAuthenticationException))]
    [InlineData(403, "store_not_owned", typeof(LoyaltyForbiddenException))]
    [InlineData(404, "member_not_found", typeof(LoyaltyNotFoundException))]
    [InlineData(409, "duplicate_external_id", typeof(LoyaltyConflictException))]
    [InlineData(422, "insufficient_points", typeof(LoyaltyBusinessRuleException))]
    [InlineData(429, "rate_limited", typeof(LoyaltyRateLimitedException))]
    [InlineData(500, "internal_error", typeof(LoyaltyApiException))]
    public async Task Each_status_throws_its_own_exception_type_with_the_problem_fields(int status, string code, Type expected)
    {
        var api = PartnerApi(_ => Problem(status, code));

        var error = await Assert.ThrowsAnyAsync<LoyaltyApiException>(() => api.GetMemberAsync("8000 0000 0009"));

        Assert.Equal(expected, error.GetType());
        Assert.Equal((status, code, "Something is off", "The details.", "00-abc-01"), (error.Status, error.Code, error.Title, error.Detail, error.TraceId));
    }

    [Fact]
    public async Task A_validation_problem_carries_its_field_errors()
    {
        var api = PartnerApi(_ => Problem(400, "validation_failed", ""","errors":{"Points":["Points must be greater than 0."],"storeId":["Required."]}"""));

        var error = await Assert.ThrowsAsync<LoyaltyValidationException>(() =>
            api.AuthoriseRedemptionAsync(new Contracts.Partner.RedeemPointsRequest("8000 0000 0009", Guid.Empty, 0, null), IdempotencyKeys.New()));

        Assert.Equal(["Points must be greater than 0."], error.Errors["points"]);
        Assert.Equal(["Required."], error.Errors["StoreId"]);
    }

    [Fact]
    public async Task A_rate_limited_answer_says_how_long_to_wait()
    {
        var api = PartnerApi(_ =>
        {
            var response = Problem(429, "rate_limited");
            response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(7));
            return response;
        });

        var error = await Assert.ThrowsAsync<LoyaltyRateLimitedException>(() => api.GetMemberAsync("8000 0000 0009"));

        Assert.Equal(TimeSpan.FromSeconds(7), error.RetryAfter);
    }

    [Fact]
    public async Task Callers_can_still_branch_on_the_code_of_the_base_exception()
    {
        var api = PartnerApi(_ => Problem(422, "insufficient_points"));

        var handled = false;
        try
        {
            await api.GetMemberAsync("8000 0000 0009");
        }
        catch (LoyaltyApiException e) when (e.Code == "insufficient_points")
        {
            handled = e is LoyaltyBusinessRuleException;
        }

        Assert.True(handled);
    }

    [Fact]
    public async Task A_non_problem_error_is_typed_by_status_with_a_fallback_code()
    {
        var api = PartnerApi(_ => new HttpResponseMessage(HttpStatusCode.NotFound) { Content = new StringContent("<html>nope</html>", Encoding.UTF8, "text/html") });

        var error = await Assert.ThrowsAsync<LoyaltyNotFoundException>(() => api.GetMemberAsync("8000 0000 0009"));

        Assert.Equal("http_404", error.Code);
    }

    private static IPartnerApi PartnerApi(Func<HttpRequestMessage, HttpResponseMessage> respond) =>
        LoyaltyClientFactory.CreatePartnerApi(new FakeHandler(respond), new Uri("https://loyalty.test/"), "test-key", NoRetries);

    private static HttpResponseMessage Problem(int status, string code, string extra = "") => new((HttpStatusCode)status)
    {
        Content = new StringContent(
            $$"""{"type":"https://loyalty.dev/problems/x","title":"Something is off","status":{{status}},"detail":"The details.","code":"{{code}}","traceId":"00-abc-01"{{extra}}}""",
            Encoding.UTF8,
            "application/problem+json"),
    };
}

/// <summary>Answers requests with whatever the test says, recording what it was sent.</summary>
internal sealed class FakeHandler(Func<HttpRequestMessage, HttpResponseMessage> respond) : HttpMessageHandler
{
    public List<(HttpMethod Method, string? IdempotencyKey, string? Body)> Requests { get; } = [];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var key = request.Headers.TryGetValues(RetryHandler.IdempotencyKeyHeader, out var keys) ? keys.Single() : null;
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        Requests.Add((request.Method, key, body));
        return respond(request);
    }
}
