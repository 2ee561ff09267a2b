using System.Globalization;
using System.Net;
using Loyalty.Api.Tests.Infrastructure;
using Loyalty.Infrastructure.Persistence;

namespace Loyalty.Api.Tests.Platform;

/// <summary>Staff are limited per staff user; its own API with a tiny staff limit, so the shared hosts stay unlimited.</summary>
public sealed class StaffRateLimitTests : IAsyncLifetime
{
    private LoyaltyApiFactory _api = null!;

    public async Task InitializeAsync() =>
        _api = new LoyaltyApiFactory(await TestDatabase.CreateAsync(DatabaseProvider.Sqlite), new Dictionary<string, string?>
        {
            ["RateLimiting:AdminPermitsPerMinute"] = "3",
        });

    public async Task DisposeAsync() => await _api.DisposeAsync();

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
        Assert.True(int.Parse(limited.Headers.GetValues("Retry-After").Single(), CultureInfo.InvariantCulture) >= 1);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }
}
