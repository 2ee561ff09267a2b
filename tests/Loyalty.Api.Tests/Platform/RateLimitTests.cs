using System.Net;
using Loyalty.Api.Tests.Infrastructure;
using Loyalty.Infrastructure.Persistence;

namespace Loyalty.Api.Tests.Platform;

/// <summary>Runs its own API with tiny limits, so the shared hosts stay unlimited.</summary>
public sealed class RateLimitTests : IAsyncLifetime
{
    private LoyaltyApiFactory _api = null!;

    public async Task InitializeAsync() =>
        _api = new LoyaltyApiFactory(await TestDatabase.CreateAsync(DatabaseProvider.Sqlite), new Dictionary<string, string?>
        {
            ["RateLimiting:MemberPermitsPerMinute"] = "3",
            ["RateLimiting:PartnerPermitsPerSecond"] = "2",
            ["RateLimiting:AnonymousPermitsPerMinute"] = "5",
            ["RateLimiting:AdminPermitsPerMinute"] = "3", // Scenario.StartAsync takes exactly 3 as its staff user
        });

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task A_member_over_the_limit_gets_429_with_retry_after_and_others_are_unaffected()
    {
        using var greedy = _api.CreateClient().WithBearer(TestTokens.Member("greedy"));
        using var polite = _api.CreateClient().WithBearer(TestTokens.Member("polite"));
        for (var i = 0; i < 3; i++)
        {
            using var allowed = await greedy.GetAsync("/api/v1/me");
            Assert.Equal(HttpStatusCode.NotFound, allowed.StatusCode); // not enrolled, but not limited either
        }

        using var limited = await greedy.GetAsync("/api/v1/me");
        using var other = await polite.GetAsync("/api/v1/me");

        await limited.AssertProblemAsync(HttpStatusCode.TooManyRequests, "rate_limited");
        Assert.True(int.Parse(limited.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture) >= 1);
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
    }

    [Theory]
    [InlineData("text/html")]
    [InlineData("application/xml")]
    [InlineData("*/*")]
    public async Task A_429_is_problem_json_with_retry_after_whatever_the_accept_header(string accept)
    {
        using var greedy = _api.CreateClient().WithBearer(TestTokens.Member("greedy-" + Guid.NewGuid()));
        greedy.DefaultRequestHeaders.TryAddWithoutValidation("Accept", accept);
        for (var i = 0; i < 3; i++)
        {
            using var allowed = await greedy.GetAsync("/api/v1/me");
            Assert.Equal(HttpStatusCode.NotFound, allowed.StatusCode);
        }

        var logged = _api.Logs.Exceptions.Count;
        using var limited = await greedy.GetAsync("/api/v1/me");

        await limited.AssertProblemAsync(HttpStatusCode.TooManyRequests, "rate_limited");
        Assert.True(limited.Headers.Contains("Retry-After"));
        Assert.Equal(logged, _api.Logs.Exceptions.Count); // a rejection logs no stack trace an anonymous flood could multiply
    }

    [Fact]
    public async Task A_partner_bursting_past_its_limit_gets_429()
    {
        var s = await Scenario.StartAsync(_api);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 20; i++)
        {
            using var response = await s.Partner.GetAsync("/api/v1/partner/members/800000000009");
            statuses.Add(response.StatusCode);
        }

        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
    }

    [Fact]
    public async Task Unauthenticated_callers_are_limited_per_address_and_members_are_not_counted_against_it()
    {
        using var anonymous = _api.CreateClient();
        using var member = _api.CreateClient().WithBearer(TestTokens.Member("counted-separately"));
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 8; i++)
        {
            using var response = await anonymous.GetAsync("/api/v1/partner/members/800000000009");
            statuses.Add(response.StatusCode);
        }

        using var limited = await anonymous.GetAsync("/health/ready");
        using var live = await anonymous.GetAsync("/health/live");
        using var memberResponse = await member.GetAsync("/api/v1/me");

        Assert.Contains(HttpStatusCode.Unauthorized, statuses);
        await limited.AssertProblemAsync(HttpStatusCode.TooManyRequests, "rate_limited"); // readiness reaches the database: limited
        Assert.Equal(HttpStatusCode.OK, live.StatusCode); // liveness never: a 429 would get a healthy instance restarted
        Assert.Equal(HttpStatusCode.NotFound, memberResponse.StatusCode); // authenticated: its own limit, not the anonymous one
    }

    [Fact]
    public async Task A_staff_user_over_the_limit_gets_429_with_retry_after_and_other_staff_are_unaffected()
    {
        using var greedy = _api.CreateClient().WithBearer(TestTokens.Admin("greedy@staff"));
        using var marketing = _api.CreateClient().WithBearer(TestTokens.Marketing("greedy@staff"));
        using var polite = _api.CreateClient().WithBearer(TestTokens.Admin("polite@staff"));
        for (var i = 0; i < 2; i++)
        {
            using var allowed = await greedy.GetAsync("/api/v1/admin/partners");
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }

        // Programme routes count against the same staff user: one limit across the admin API.
        using var programme = await marketing.GetAsync("/api/v1/admin/tiers");
        Assert.Equal(HttpStatusCode.OK, programme.StatusCode);

        using var limited = await greedy.GetAsync("/api/v1/admin/partners");
        using var other = await polite.GetAsync("/api/v1/admin/partners");

        await limited.AssertProblemAsync(HttpStatusCode.TooManyRequests, "rate_limited");
        Assert.True(int.Parse(limited.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture) >= 1);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }
}
