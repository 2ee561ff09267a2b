using System.Net;
using Loyalty.Api.Tests.Infrastructure;
using Loyalty.Infrastructure.Persistence;

namespace Loyalty.Api.Tests.Platform;

/// <summary>Every date a report or list takes is bounded: an extreme date is a 400 that names the bounds, never a 500.</summary>
[Collection(ApiCollection.Name)]
public sealed class DateParameterTests(ApiFixture fixture)
{
    [Theory]
    [InlineData("/api/v1/admin/reports/liability?to=9999-12-31", "to")]
    [InlineData("/api/v1/admin/reports/liability?to=0001-01-01", "to")]
    [InlineData("/api/v1/admin/reports/liability?from=9999-01-01&to=9999-12-31", "from")]
    [InlineData("/api/v1/admin/reports/liability?from=0001-01-01&to=0001-02-01", "from")]
    [InlineData("/api/v1/admin/club-events?endingAfter=9999-12-31T23:59:59Z", "endingAfter")]
    [InlineData("/api/v1/admin/club-events?endingAfter=0001-01-01T00:00:00Z", "endingAfter")]
    [InlineData("/api/v1/admin/settlements?partnerId={partner}&from=9999-12-01T00:00:00Z&to=9999-12-31T23:59:59Z", "from")]
    [InlineData("/api/v1/admin/settlements?partnerId={partner}&from=0001-01-01T00:00:00Z&to=0001-02-01T00:00:00Z", "from")]
    [InlineData("/api/v1/partner/settlement?from=0001-01-01T00:00:00Z&to=0001-02-01T00:00:00Z", "from")]
    public async Task An_extreme_date_is_a_400_that_names_the_bounds(string url, string field)
    {
        foreach (var provider in TestDatabase.Available())
        {
            var s = await Scenario.StartAsync(fixture.For(provider));
            var client = url.Contains("/partner/", StringComparison.Ordinal) ? s.Partner : s.Admin;
            using var response = await client.GetAsync(url.Replace("{partner}", s.PartnerInfo.Id.ToString(), StringComparison.Ordinal));
            var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
            var message = problem.GetProperty("errors").GetProperty(field)[0].GetString();
            Assert.Contains("between 1900-01-01 and 2999-12-31", message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Dates_at_the_bounds_are_answered()
    {
        var s = await Scenario.StartAsync(fixture.For(DatabaseProvider.Sqlite));
        using var latest = await s.Admin.GetAsync("/api/v1/admin/reports/liability?from=2995-01-01&to=2999-12-31");
        Assert.Equal(HttpStatusCode.OK, latest.StatusCode);
        using var earliest = await s.Admin.GetAsync("/api/v1/admin/reports/liability?from=1900-01-01&to=1900-02-01");
        Assert.Equal(HttpStatusCode.OK, earliest.StatusCode);
    }
}
