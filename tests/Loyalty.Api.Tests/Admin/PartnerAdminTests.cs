using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Loyalty.Api.Tests.Infrastructure;
using Loyalty.Contracts.Admin;
using Loyalty.Contracts.Common;
using Loyalty.Domain.Structural.ApiKeys;
using Loyalty.Infrastructure.Persistence;

namespace Loyalty.Api.Tests.Admin;

[Collection(ApiCollection.Name)]
public sealed class PartnerAdminTests(ApiFixture fixture)
{
    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Creating_a_partner_answers_201_with_its_location_and_it_can_be_read_back(DatabaseProvider provider)
    {
        var admin = AdminClient(provider);
        var name = "Partner " + Unique.Id();

        using var response = await admin.PostAsJsonAsync("/api/v1/admin/partners", new CreatePartnerRequest(name, "ops@new.example"));

        await response.EnsureStatusAsync(HttpStatusCode.Created);
        var created = (await response.Content.ReadFromJsonAsync<PartnerResponse>(HttpTestExtensions.Json))!;
        Assert.Equal(name, created.Name);
        Assert.Equal("ops@new.example", created.ContactEmail);
        Assert.Equal(PartnerStatus.Active, created.Status);
        Assert.Equal($"/api/v1/admin/partners/{created.Id}", response.Headers.Location?.OriginalString);
        var read = await admin.GetJsonAsync<PartnerResponse>(response.Headers.Location!.OriginalString);
        Assert.Equal(created, read);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_second_partner_with_the_same_name_is_refused_with_409(DatabaseProvider provider)
    {
        var admin = AdminClient(provider);
        var name = "Partner " + Unique.Id();
        await admin.PostJsonAsync<PartnerResponse>("/api/v1/admin/partners", new CreatePartnerRequest(name, null));

        using var again = await admin.PostAsJsonAsync("/api/v1/admin/partners", new CreatePartnerRequest(name, "other@partner.example"));

        await again.AssertProblemAsync(HttpStatusCode.Conflict, "partner_name_taken");
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task An_unknown_partner_id_is_404_partner_not_found(DatabaseProvider provider)
    {
        using var response = await AdminClient(provider).GetAsync($"/api/v1/admin/partners/{Guid.NewGuid()}");

        await response.AssertProblemAsync(HttpStatusCode.NotFound, "partner_not_found");
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Partners_are_listed_by_name_page_by_page_without_duplicates_or_gaps(DatabaseProvider provider)
    {
        var admin = AdminClient(provider);
        var prefix = "AAA Paging " + Unique.Id() + " ";
        var mine = new List<PartnerResponse>();
        foreach (var suffix in new[] { "C", "A", "B" })
        {
            mine.Add(await admin.PostJsonAsync<PartnerResponse>("/api/v1/admin/partners", new CreatePartnerRequest(prefix + suffix, null)));
        }

        var seen = new List<PartnerResponse>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var url = "/api/v1/admin/partners?limit=1" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor));
            var page = await admin.GetJsonAsync<Page<PartnerResponse>>(url);
            Assert.True(page.Items.Count <= 1, "limit=1 returns at most one partner per page");
            seen.AddRange(page.Items);
            cursor = page.NextCursor;
            pages++;
        }
        while (cursor is not null && mine.Any(p => !seen.Exists(s => s.Id == p.Id)) && pages < 5_000);

        Assert.Equal(seen.Count, seen.Select(p => p.Id).Distinct().Count()); // no partner on two pages
        var found = seen.Where(p => p.Name.StartsWith(prefix, StringComparison.Ordinal)).Select(p => p.Name).ToList();
        Assert.Equal(new[] { prefix + "A", prefix + "B", prefix + "C" }, found); // all three, in name order
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Patching_a_partner_changes_its_name_contact_and_status(DatabaseProvider provider)
    {
        var admin = AdminClient(provider);
        var partner = await admin.PostJsonAsync<PartnerResponse>("/api/v1/admin/partners", new CreatePartnerRequest("Partner " + Unique.Id(), "old@partner.example"));
        var newName = "Renamed " + Unique.Id();

        using var patch = await admin.PatchAsJsonAsync($"/api/v1/admin/partners/{partner.Id}", new UpdatePartnerRequest(newName, "new@partner.example", PartnerStatus.Suspended), HttpTestExtensions.Json);

        await patch.EnsureStatusAsync(HttpStatusCode.OK);
        var updated = (await patch.Content.ReadFromJsonAsync<PartnerResponse>(HttpTestExtensions.Json))!;
        Assert.Equal((newName, "new@partner.example", PartnerStatus.Suspended), (updated.Name, updated.ContactEmail, updated.Status));
        var read = await admin.GetJsonAsync<PartnerResponse>($"/api/v1/admin/partners/{partner.Id}");
        Assert.Equal((newName, "new@partner.example", PartnerStatus.Suspended), (read.Name, read.ContactEmail, read.Status));
        Assert.Equal(partner.CreatedAt, read.CreatedAt);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Patching_only_the_status_leaves_name_and_contact_alone(DatabaseProvider provider)
    {
        var admin = AdminClient(provider);
        var partner = await admin.PostJsonAsync<PartnerResponse>("/api/v1/admin/partners", new CreatePartnerRequest("Partner " + Unique.Id(), "keep@partner.example"));

        using var patch = await admin.PatchAsJsonAsync($"/api/v1/admin/partners/{partner.Id}", new { status = "suspended" });

        await patch.EnsureStatusAsync(HttpStatusCode.OK);
        var read = await admin.GetJsonAsync<PartnerResponse>($"/api/v1/admin/partners/{partner.Id}");
        Assert.Equal((partner.Name, "keep@partner.example", PartnerStatus.Suspended), (read.Name, read.ContactEmail, read.Status));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task An_empty_partner_name_is_400_validation_failed_naming_the_field(DatabaseProvider provider)
    {
        var admin = AdminClient(provider);

        using var create = await admin.PostAsJsonAsync("/api/v1/admin/partners", new CreatePartnerRequest("", null));
        var problem = await create.AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        Assert.True(problem.GetProperty("errors").TryGetProperty("name", out _), problem.ToString());

        var partner = await admin.PostJsonAsync<PartnerResponse>("/api/v1/admin/partners", new CreatePartnerRequest("Partner " + Unique.Id(), null));
        using var patch = await admin.PatchAsJsonAsync($"/api/v1/admin/partners/{partner.Id}", new { name = "" });
        var patchProblem = await patch.AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        Assert.True(patchProblem.GetProperty("errors").TryGetProperty("name", out _), patchProblem.ToString());
        Assert.Equal(partner.Name, (await admin.GetJsonAsync<PartnerResponse>($"/api/v1/admin/partners/{partner.Id}")).Name);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Stores_are_opened_listed_by_code_and_updated(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        var baseUrl = $"/api/v1/admin/partners/{s.PartnerInfo.Id}/stores";

        using var create = await s.Admin.PostAsJsonAsync(baseUrl, new CreateStoreRequest("Harbour", "A-" + Unique.Id(), "Shelbyville"));
        await create.EnsureStatusAsync(HttpStatusCode.Created);
        var store = (await create.Content.ReadFromJsonAsync<StoreResponse>(HttpTestExtensions.Json))!;
        Assert.Equal((s.PartnerInfo.Id, "Harbour", "Shelbyville", true), (store.PartnerId, store.Name, store.City, store.IsActive));
        Assert.Equal($"{baseUrl}/{store.Id}", create.Headers.Location?.OriginalString);

        var list = await s.Admin.GetAllAsync<StoreResponse>(baseUrl);
        Assert.Equal(new[] { store.Id, s.Store.Id }, list.Select(x => x.Id)); // "A-..." sorts before "S-..."

        using var patch = await s.Admin.PatchAsJsonAsync($"{baseUrl}/{store.Id}", new UpdateStoreRequest("Harbour Front", "Capital City", false));
        await patch.EnsureStatusAsync(HttpStatusCode.OK);
        var updated = (await s.Admin.GetAllAsync<StoreResponse>(baseUrl)).Single(x => x.Id == store.Id);
        Assert.Equal(("Harbour Front", "Capital City", false, store.Code), (updated.Name, updated.City, updated.IsActive, updated.Code));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_closed_store_can_no_longer_record_purchases(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        var member = await s.EnrolAsync();
        using var patch = await s.Admin.PatchAsJsonAsync($"/api/v1/admin/partners/{s.PartnerInfo.Id}/stores/{s.Store.Id}", new { isActive = false });
        await patch.EnsureStatusAsync(HttpStatusCode.OK);

        using var purchase = await s.Partner.PostAsync("/api/v1/partner/transactions", s.Purchase(member.MemberNumber, 10m), Guid.NewGuid().ToString());

        await purchase.AssertProblemAsync(HttpStatusCode.Conflict, "store_inactive");
        Assert.Equal(0, await s.AssertBalanceEqualsLedgerAsync(member.MemberNumber));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_store_code_already_used_by_the_partner_is_409_store_code_taken(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));

        using var response = await s.Admin.PostAsJsonAsync($"/api/v1/admin/partners/{s.PartnerInfo.Id}/stores", new CreateStoreRequest("Copy", s.Store.Code, null));

        await response.AssertProblemAsync(HttpStatusCode.Conflict, "store_code_taken");
        Assert.Single(await s.Admin.GetAllAsync<StoreResponse>($"/api/v1/admin/partners/{s.PartnerInfo.Id}/stores"));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Stores_of_an_unknown_partner_are_404_partner_not_found(DatabaseProvider provider)
    {
        var admin = AdminClient(provider);
        var url = $"/api/v1/admin/partners/{Guid.NewGuid()}/stores";

        using var create = await admin.PostAsJsonAsync(url, new CreateStoreRequest("Nowhere", "N-" + Unique.Id(), null));
        await create.AssertProblemAsync(HttpStatusCode.NotFound, "partner_not_found");
        using var list = await admin.GetAsync(url);
        await list.AssertProblemAsync(HttpStatusCode.NotFound, "partner_not_found");
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_new_api_key_shows_its_secret_once_and_the_list_never_does(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        var url = $"/api/v1/admin/partners/{s.PartnerInfo.Id}/api-keys";

        using var create = await s.Admin.PostAsJsonAsync(url, new CreateApiKeyRequest("reader", [ApiKeyScopes.MembersRead]));
        await create.EnsureStatusAsync(HttpStatusCode.Created);
        var key = (await create.Content.ReadFromJsonAsync<ApiKeyCreatedResponse>(HttpTestExtensions.Json))!;
        Assert.StartsWith($"lk_{key.Prefix}_", key.Key, StringComparison.Ordinal);
        Assert.Equal(new[] { ApiKeyScopes.MembersRead }, key.Scopes);
        Assert.Equal($"{url}/{key.Id}", create.Headers.Location?.OriginalString);

        using var list = await s.Admin.GetAsync(url);
        await list.EnsureStatusAsync(HttpStatusCode.OK);
        var body = await list.Content.ReadAsStringAsync();
        var items = JsonDocument.Parse(body).RootElement.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(2, items.Count); // the scenario's key and this one
        Assert.All(items, item => Assert.False(item.TryGetProperty("key", out _), "a listed key never carries its secret"));
        Assert.DoesNotContain(key.Key, body, StringComparison.Ordinal);
        Assert.DoesNotContain(s.Key.Key, body, StringComparison.Ordinal);
        Assert.Contains(items, item => item.GetProperty("id").GetGuid() == key.Id && item.GetProperty("prefix").GetString() == key.Prefix);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_revoked_key_is_refused_with_401_at_once(DatabaseProvider provider)
    {
        var api = fixture.For(provider);
        var s = await Scenario.StartAsync(api);
        var member = await s.EnrolAsync();
        var key = await s.Admin.PostJsonAsync<ApiKeyCreatedResponse>($"/api/v1/admin/partners/{s.PartnerInfo.Id}/api-keys", new CreateApiKeyRequest("till 2", [ApiKeyScopes.MembersRead]));
        var till = api.CreateClient().WithApiKey(key.Key);
        using (var before = await till.GetAsync($"/api/v1/partner/members/{member.MemberNumber}"))
        {
            await before.EnsureStatusAsync(HttpStatusCode.OK);
        }

        var revoked = await s.Admin.PostJsonAsync<ApiKeyResponse>($"/api/v1/admin/partners/{s.PartnerInfo.Id}/api-keys/{key.Id}/revoke", new { });
        Assert.NotNull(revoked.RevokedAt);

        using var after = await till.GetAsync($"/api/v1/partner/members/{member.MemberNumber}");
        await after.AssertProblemAsync(HttpStatusCode.Unauthorized, "unauthenticated");
        using var other = await s.Partner.GetAsync($"/api/v1/partner/members/{member.MemberNumber}");
        await other.EnsureStatusAsync(HttpStatusCode.OK); // the partner's other key still works
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Revoking_a_key_of_another_partner_is_404(DatabaseProvider provider)
    {
        var api = fixture.For(provider);
        var s = await Scenario.StartAsync(api);
        var other = await Scenario.StartAsync(api);

        using var response = await s.Admin.PostAsJsonAsync($"/api/v1/admin/partners/{s.PartnerInfo.Id}/api-keys/{other.Key.Id}/revoke", new { });

        await response.AssertProblemAsync(HttpStatusCode.NotFound, "api_key_not_found");
        var member = await other.EnrolAsync();
        using var stillWorks = await other.Partner.GetAsync($"/api/v1/partner/members/{member.MemberNumber}");
        await stillWorks.EnsureStatusAsync(HttpStatusCode.OK);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task An_unknown_scope_is_400_validation_failed(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));

        using var response = await s.Admin.PostAsJsonAsync($"/api/v1/admin/partners/{s.PartnerInfo.Id}/api-keys", new CreateApiKeyRequest("bad", [ApiKeyScopes.MembersRead, "points:mint"]));

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        Assert.Contains("points:earn", problem.GetProperty("errors").ToString(), StringComparison.Ordinal); // names the known scopes
        Assert.Single(await s.Admin.GetAllAsync<ApiKeyResponse>($"/api/v1/admin/partners/{s.PartnerInfo.Id}/api-keys"));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_key_without_the_earn_scope_gets_403_on_transactions_and_earns_nothing(DatabaseProvider provider)
    {
        var api = fixture.For(provider);
        var s = await Scenario.StartAsync(api);
        var member = await s.EnrolAsync();
        var key = await s.Admin.PostJsonAsync<ApiKeyCreatedResponse>($"/api/v1/admin/partners/{s.PartnerInfo.Id}/api-keys", new CreateApiKeyRequest("reader", [ApiKeyScopes.MembersRead, ApiKeyScopes.PointsRedeem]));
        var reader = api.CreateClient().WithApiKey(key.Key);

        using var response = await reader.PostAsync("/api/v1/partner/transactions", s.Purchase(member.MemberNumber, 50m), Guid.NewGuid().ToString());

        await response.AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        Assert.Equal(0, await s.AssertBalanceEqualsLedgerAsync(member.MemberNumber));
        using var lookup = await reader.GetAsync($"/api/v1/partner/members/{member.MemberNumber}");
        await lookup.EnsureStatusAsync(HttpStatusCode.OK); // the scopes it has still work
    }

    private HttpClient AdminClient(DatabaseProvider provider) => fixture.For(provider).CreateClient().WithBearer(TestTokens.Admin());
}
