using Loyalty.Api.Tests.Infrastructure;
using Loyalty.Infrastructure.Persistence;

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
}
