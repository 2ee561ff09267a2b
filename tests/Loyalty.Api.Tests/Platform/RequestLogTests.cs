using System.Net;
using Loyalty.Api.Tests.Infrastructure;
using Loyalty.Infrastructure.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Loyalty.Api.Tests.Platform;

[Collection(ApiCollection.Name)]
public sealed class RequestLogTests(ApiFixture fixture)
{
    [Fact]
    public async Task Each_request_is_one_log_line_with_route_status_and_caller_but_no_personal_data()
    {
        var api = fixture.For(DatabaseProvider.Sqlite);
        var s = await Scenario.StartAsync(api);
        var member = await s.EnrolAsync();
        var caller = "partner:" + s.PartnerInfo.Id;
        bool Lookup(string line) => line.Contains(caller, StringComparison.Ordinal) && line.Contains("GET /api/v1/partner/members/", StringComparison.Ordinal);
        var before = api.Logs.RequestLines.Count(Lookup);

        using var response = await s.Partner.GetAsync($"/api/v1/partner/members/{member.MemberNumber}");

        response.EnsureSuccessStatusCode();
        var line = Assert.Single(api.Logs.RequestLines.Where(Lookup).Skip(before));
        Assert.Contains("/api/v1/partner/members/{memberNumber} 200", line, StringComparison.Ordinal);
        Assert.Contains(" trace ", line, StringComparison.Ordinal);
        Assert.DoesNotContain(member.MemberNumber, line, StringComparison.Ordinal);
        Assert.DoesNotContain("\n", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_successful_probe_writes_no_line_but_a_failing_probe_and_an_api_request_do()
    {
        var readiness = new SwitchableCheck();
        await using var api = new LoyaltyApiFactory(await TestDatabase.CreateAsync(DatabaseProvider.Sqlite))
        {
            TestServices = services => services.AddHealthChecks().AddCheck("switchable", readiness, tags: ["ready"]),
        };
        using var client = api.CreateClient();
        int Lines(string start) => api.Logs.RequestLines.Count(l => l.StartsWith(start, StringComparison.Ordinal));

        using (var live = await client.GetAsync("/health/live"))
        using (var ready = await client.GetAsync("/health/ready"))
        {
            Assert.Equal(HttpStatusCode.OK, live.StatusCode);
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        }

        readiness.Healthy = false;
        using (var notReady = await client.GetAsync("/health/ready"))
        using (var unauthenticated = await client.GetAsync("/api/v1/me/points"))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, notReady.StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, unauthenticated.StatusCode);
        }

        Assert.Equal(0, Lines("GET /health/live "));
        Assert.Equal(1, Lines("GET /health/ready "));
        Assert.Equal(1, Lines("GET /health/ready 503 "));
        Assert.Equal(1, Lines("GET /api/v1/me/points 401 "));
    }

    private sealed class SwitchableCheck : IHealthCheck
    {
        public bool Healthy { get; set; } = true;

        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
            Task.FromResult(Healthy ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("Switched off by the test."));
    }
}
