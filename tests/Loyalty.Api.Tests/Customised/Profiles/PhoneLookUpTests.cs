using System.Net;
using System.Text.Json;
using Loyalty.Api.Tests.Infrastructure;
using Loyalty.Contracts.Admin;
using Loyalty.Contracts.Partner;
using Loyalty.Infrastructure.Persistence;

namespace Loyalty.Api.Tests.Customised.Profiles;

[Collection(ApiCollection.Name)]
public sealed class PhoneLookUpTests(ApiFixture fixture)
{
    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Staff_and_the_till_find_a_member_by_phone_however_it_is_spaced_or_prefixed(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        var u = Unique.Id();
        // A number of this test's own: six digits from the unique id after a fixed UK mobile prefix.
        var local = new string([.. u.Where(char.IsAsciiDigit).Concat("123456").Take(6)]);
        var enrolled = await s.Admin.PostJsonAsync<AdminMemberResponse>("/api/v1/admin/members", new StaffEnrolMemberRequest(
            "Phone", "Member" + u, $"phone{u}@example.com", $"+44 7700 {local}", null, s.Store.Id, []));

        foreach (var typed in new[] { $"+447700{local}", $"0044 7700 {local}", $"+44 (0)7700 {local}", $"+44 7700 {local}" })
        {
            var byStaff = await s.Admin.PostJsonAsync<MemberMatchesResponse>("/api/v1/admin/members/lookup", new StaffMemberLookupRequest(null, typed));
            Assert.Equal([enrolled.Id], byStaff.Items.Select(m => m.Id));

            using var byTill = await s.Partner.PostAsync("/api/v1/partner/members/lookup", new PartnerMemberLookupRequest(null, typed), null);
            await byTill.EnsureStatusAsync(HttpStatusCode.OK);
            var body = JsonDocument.Parse(await byTill.Content.ReadAsStringAsync()).RootElement;
            Assert.Equal(enrolled.Id.ToString(), body.GetProperty("memberId").GetString());
        }

        // Still exact: one digit short (or a national spelling, whose country is never guessed) finds no one.
        var partial = await s.Admin.PostJsonAsync<MemberMatchesResponse>("/api/v1/admin/members/lookup", new StaffMemberLookupRequest(null, $"+44 7700 {local[..^1]}"));
        Assert.Empty(partial.Items);
        using var national = await s.Partner.PostAsync("/api/v1/partner/members/lookup", new PartnerMemberLookupRequest(null, $"07700 {local}"), null);
        await national.AssertProblemAsync(HttpStatusCode.NotFound, "member_not_found");
    }
}
