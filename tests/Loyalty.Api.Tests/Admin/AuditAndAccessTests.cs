using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Loyalty.Api.Tests.Infrastructure;
using Loyalty.Contracts.Admin;
using Loyalty.Contracts.Common;
using Loyalty.Infrastructure.Persistence;

namespace Loyalty.Api.Tests.Admin;

[Collection(ApiCollection.Name)]
public sealed class AuditAndAccessTests(ApiFixture fixture)
{
    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Creating_and_updating_a_partner_leaves_two_audit_entries_newest_first_naming_the_admin(DatabaseProvider provider)
    {
        var actor = $"admin-{Unique.Id()}@test";
        var admin = fixture.For(provider).CreateClient().WithBearer(TestTokens.Admin(actor));
        var name = "Partner " + Unique.Id();
        var partner = await admin.PostJsonAsync<PartnerResponse>("/api/v1/admin/partners", new CreatePartnerRequest(name, "audit@partner.example"));
        using (var patch = await admin.PatchAsJsonAsync($"/api/v1/admin/partners/{partner.Id}", new UpdatePartnerRequest(name + " Renamed", null, null)))
        {
            await patch.EnsureStatusAsync(HttpStatusCode.OK);
        }

        var log = await admin.GetJsonAsync<Page<AuditLogEntryResponse>>($"/api/v1/admin/audit-log?entityType=partner&entityId={partner.Id}");

        Assert.Collection(
            log.Items,
            updated =>
            {
                Assert.Equal(("partner.updated", "partner", partner.Id.ToString(), actor), (updated.Action, updated.EntityType, updated.EntityId, updated.Actor));
                var before = JsonDocument.Parse(updated.Before!).RootElement;
                var after = JsonDocument.Parse(updated.After!).RootElement;
                Assert.Equal(name, before.GetProperty("name").GetString());
                Assert.Equal(name + " Renamed", after.GetProperty("name").GetString());
                Assert.Equal("audit@partner.example", after.GetProperty("contactEmail").GetString());
            },
            created =>
            {
                Assert.Equal(("partner.created", "partner", partner.Id.ToString(), actor), (created.Action, created.EntityType, created.EntityId, created.Actor));
                Assert.Null(created.Before);
                var after = JsonDocument.Parse(created.After!).RootElement;
                Assert.Equal(name, after.GetProperty("name").GetString());
                Assert.Equal(partner.Id, after.GetProperty("id").GetGuid());
            });
        Assert.True(log.Items[0].Id > log.Items[1].Id);
        Assert.True(log.Items[0].OccurredAt >= log.Items[1].OccurredAt);
        Assert.Null(log.NextCursor);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_audit_log_pages_newest_first_without_overlap(DatabaseProvider provider)
    {
        var admin = fixture.For(provider).CreateClient().WithBearer(TestTokens.Admin());
        var partner = await admin.PostJsonAsync<PartnerResponse>("/api/v1/admin/partners", new CreatePartnerRequest("Partner " + Unique.Id(), null));
        foreach (var status in new[] { "suspended", "active" })
        {
            using var patch = await admin.PatchAsJsonAsync($"/api/v1/admin/partners/{partner.Id}", new { status });
            await patch.EnsureStatusAsync(HttpStatusCode.OK);
        }

        var url = $"/api/v1/admin/audit-log?entityType=partner&entityId={partner.Id}&limit=2";
        var first = await admin.GetJsonAsync<Page<AuditLogEntryResponse>>(url);
        var second = await admin.GetJsonAsync<Page<AuditLogEntryResponse>>(url + "&cursor=" + Uri.EscapeDataString(first.NextCursor!));

        var all = first.Items.Concat(second.Items).ToList();
        Assert.Equal(new[] { "partner.updated", "partner.updated", "partner.created" }, all.Select(e => e.Action));
        Assert.Equal(all.Select(e => e.Id).OrderDescending(), all.Select(e => e.Id));
        Assert.Null(second.NextCursor);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_member_token_on_admin_endpoints_is_403(DatabaseProvider provider)
    {
        var member = fixture.For(provider).CreateClient().WithBearer(TestTokens.Member("member-" + Unique.Id()));

        foreach (var url in new[] { "/api/v1/admin/partners", "/api/v1/admin/members", "/api/v1/admin/audit-log", "/api/v1/admin/tiers", "/api/v1/admin/earning-rules" })
        {
            using var response = await member.GetAsync(url);
            await response.AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        }

        var name = "Partner " + Unique.Id();
        using var create = await member.PostAsJsonAsync("/api/v1/admin/partners", new CreatePartnerRequest(name, null));
        await create.AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        var admin = fixture.For(provider).CreateClient().WithBearer(TestTokens.Admin());
        var page = await admin.GetJsonAsync<Page<AdminMemberResponse>>("/api/v1/admin/members?limit=1"); // sanity: the admin gets through
        Assert.NotNull(page.Items);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Admin_endpoints_without_a_token_or_with_a_partner_key_are_401(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        var anonymous = fixture.For(provider).CreateClient();

        foreach (var url in new[] { "/api/v1/admin/partners", "/api/v1/admin/tiers", $"/api/v1/admin/partners/{s.PartnerInfo.Id}/api-keys" })
        {
            using var response = await anonymous.GetAsync(url);
            await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "unauthenticated");
            using var withKey = await s.Partner.GetAsync(url);
            await withKey.AssertProblemAsync(HttpStatusCode.Unauthorized, "unauthenticated");
        }

        using var create = await anonymous.PostAsJsonAsync("/api/v1/admin/partners", new CreatePartnerRequest("Partner " + Unique.Id(), null));
        await create.AssertProblemAsync(HttpStatusCode.Unauthorized, "unauthenticated");
    }
}
