using System.Net;
using System.Text.Json;
using Loyalty.Api.Tests.Infrastructure;
using Loyalty.Api.Tests.Lifecycle;
using Loyalty.Api.Tests.Redemptions;
using Loyalty.Application.Abstractions;
using Loyalty.Application.Features.Customised.Profiles;
using Loyalty.Contracts.Admin;
using Loyalty.Contracts.Common;
using Loyalty.Contracts.Member;
using Loyalty.Contracts.Partner;
using Loyalty.Domain.Structural.ApiKeys;
using Loyalty.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Loyalty.Api.Tests.Customised.Profiles;

[Collection(ApiCollection.Name)]
public sealed class ProfileTests(ApiFixture fixture)
{
    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_member_sets_interests_preferences_attributes_and_consents_and_reads_them_back(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        var coffee = await s.TopicAsync("Coffee");
        var running = await s.TopicAsync("Running");
        var size = await s.AttributeAsync(AttributeType.Choice, memberEditable: true, "S", "M", "L");
        var (app, joined) = await s.JoinAppAsync();

        var options = await app.GetJsonAsync<ProfileOptionsResponse>($"{ProfileKit.MyProfile}/options");
        Assert.Contains(options.Topics, t => t.Code == coffee.Code);
        Assert.Equal(["S", "M", "L"], options.Attributes.Single(a => a.Code == size.Code).Choices);

        var updated = await app.PatchJsonAsync<MyProfileResponse>(ProfileKit.MyProfile, new UpdateMyProfileRequest(
            Interests: [coffee.Code, running.Code.ToUpperInvariant()],
            Details: new ProfileDetails(s.Store.Id, ContactChannel.Push, "nl-BE", IncomeBand.UpperMiddle),
            Attributes: new Dictionary<string, string?> { [size.Code] = "M" },
            Consents: [ProfileKit.Consent(ConsentPurpose.Marketing, ContactChannel.Email, true), ProfileKit.Consent(ConsentPurpose.Profiling, ContactChannel.None, true)]));

        var read = await app.GetJsonAsync<MyProfileResponse>(ProfileKit.MyProfile);
        Assert.Equal(JsonSerializer.Serialize(updated), JsonSerializer.Serialize(read));
        Assert.Equal(joined.MemberNumber, read.MemberNumber);
        Assert.Equal(new[] { coffee.Code, running.Code }.Order(StringComparer.Ordinal), read.Interests.Select(i => i.Code));
        Assert.Equal(new ProfileDetails(s.Store.Id, ContactChannel.Push, "nl-BE", IncomeBand.UpperMiddle), read.Details);
        Assert.Equal("M", Assert.Single(read.Attributes).Value);
        Assert.Equal(5, read.Consents.Count); // every pair, granted or not
        Assert.True(read.Consents.IsGranted(ConsentPurpose.Marketing, ContactChannel.Email));
        Assert.True(read.Consents.IsGranted(ConsentPurpose.Profiling, ContactChannel.None));
        Assert.False(read.Consents.IsGranted(ConsentPurpose.Marketing, ContactChannel.Sms));

        // Only what is given changes: interests replaced, the rest untouched; a null attribute value removes it.
        var second = await app.PatchJsonAsync<MyProfileResponse>(ProfileKit.MyProfile, new UpdateMyProfileRequest(Interests: [running.Code], Attributes: new Dictionary<string, string?> { [size.Code] = null }));
        Assert.Equal([running.Code], second.Interests.Select(i => i.Code));
        Assert.Equal(read.Details, second.Details);
        Assert.Empty(second.Attributes);
        Assert.True(second.Consents.IsGranted(ConsentPurpose.Marketing, ContactChannel.Email));

        // Staff see the same profile.
        var staff = await s.Admin.GetJsonAsync<AdminMemberProfileResponse>(ProfileKit.StaffProfile(await s.IdOfAsync(joined.MemberNumber)));
        Assert.Equal(second.Details, staff.Details);
        Assert.Equal([running.Code], staff.Interests.Select(i => i.Code));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Every_consent_change_is_kept_with_its_time_and_source_and_only_real_changes_count(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        var clock = s.Api.Clock;
        var (app, joined) = await s.JoinAppAsync();
        var id = await s.IdOfAsync(joined.MemberNumber);
        var email = ProfileKit.Consent(ConsentPurpose.Marketing, ContactChannel.Email, true);

        var t0 = clock.GetUtcNow();
        await app.PatchJsonAsync<MyProfileResponse>(ProfileKit.MyProfile, new UpdateMyProfileRequest(Consents: [email]));
        await app.PatchJsonAsync<MyProfileResponse>(ProfileKit.MyProfile, new UpdateMyProfileRequest(Consents: [email])); // the same again: no change
        DateTimeOffset t1, t2;
        using (clock.Travel(TimeSpan.FromDays(3)))
        {
            t1 = clock.GetUtcNow();
            using var till = await s.Partner.PostAsync($"/api/v1/partner/members/{joined.MemberNumber}/consents", new RecordTillConsentsRequest([new TillConsentChange(ConsentPurpose.Marketing, ContactChannel.Sms, true)]), Guid.NewGuid().ToString());
            await till.EnsureStatusAsync(HttpStatusCode.NoContent);
            Assert.Equal(0, till.Content.Headers.ContentLength ?? 0); // the till learns nothing of the profile
        }

        using (clock.Travel(TimeSpan.FromDays(10)))
        {
            t2 = clock.GetUtcNow();
            await s.Admin.PatchJsonAsync<AdminMemberProfileResponse>(ProfileKit.StaffProfile(id), new UpdateMyProfileRequest(Consents: [email with { Granted = false }]));
        }

        var mine = await app.GetAllAsync<ConsentHistoryEntry>("/api/v1/me/consents/history");
        Assert.Equal(
            [(ContactChannel.Email, false, ConsentSource.Staff), (ContactChannel.Sms, true, ConsentSource.Till), (ContactChannel.Email, true, ConsentSource.App)],
            mine.Select(h => (h.Channel, h.Granted, h.Source)));
        Assert.All(mine, h => Assert.Null(h.Actor)); // who at the club recorded it is for staff
        Assert.InRange(mine[2].ChangedAt, t0, t0 + TimeSpan.FromMinutes(1));
        Assert.InRange(mine[1].ChangedAt, t1, t1 + TimeSpan.FromMinutes(1));
        Assert.InRange(mine[0].ChangedAt, t2, t2 + TimeSpan.FromMinutes(1));

        var staff = await s.Admin.GetAllAsync<ConsentHistoryEntry>($"/api/v1/admin/members/{id}/consents/history");
        Assert.Equal(["admin@test", $"partner:{s.PartnerInfo.Id}", null], staff.Select(h => h.Actor));

        var now = await app.GetJsonAsync<MyProfileResponse>(ProfileKit.MyProfile);
        var state = now.Consents.Single(c => c.Channel == ContactChannel.Email);
        Assert.Equal((false, ConsentSource.Staff, mine[0].ChangedAt), (state.Granted, state.Source, state.ChangedAt));

        // Marketing use follows the current state: SMS yes, e-mail no.
        await using var scope = s.Api.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ILoyaltyDbContext>();
        Assert.Contains(id, await db.MembersWithMarketingConsent(Loyalty.Domain.Customised.Profiles.ContactChannel.Sms).ToListAsync());
        Assert.DoesNotContain(id, await db.MembersWithMarketingConsent(Loyalty.Domain.Customised.Profiles.ContactChannel.Email).ToListAsync());
        Assert.Contains(id, await db.MembersWithMarketingConsent().ToListAsync());
        Assert.DoesNotContain(id, await db.MembersWithProfilingConsent().ToListAsync());
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_member_sees_only_their_own_profile_and_cannot_reach_anyone_elses(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        var topic = await s.TopicAsync("Wine");
        var (alice, aliceJoined) = await s.JoinAppAsync("Alice");
        var (bob, bobJoined) = await s.JoinAppAsync("Bob");
        await alice.PatchJsonAsync<MyProfileResponse>(ProfileKit.MyProfile, new UpdateMyProfileRequest(Interests: [topic.Code], Details: new ProfileDetails(null, null, "fr", IncomeBand.High)));

        var bobs = await bob.GetJsonAsync<MyProfileResponse>(ProfileKit.MyProfile);
        Assert.Equal(bobJoined.MemberNumber, bobs.MemberNumber);
        Assert.Empty(bobs.Interests);
        Assert.Null(bobs.Details.IncomeBand);

        var aliceId = await s.IdOfAsync(aliceJoined.MemberNumber);
        using var staffRoute = await bob.GetAsync(ProfileKit.StaffProfile(aliceId));
        await staffRoute.AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        using var history = await bob.GetAsync($"/api/v1/admin/members/{aliceId}/consents/history");
        await history.AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        using var partnerRoute = await bob.GetAsync($"/api/v1/partner/members/{aliceJoined.MemberNumber}/attributes");
        Assert.Equal(HttpStatusCode.Unauthorized, partnerRoute.StatusCode);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_till_reads_no_profile_and_looks_up_a_card_only_with_its_scope_and_an_exact_match(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        var (app, joined) = await s.JoinAppAsync();
        var id = await s.IdOfAsync(joined.MemberNumber);
        await app.PatchJsonAsync<MyProfileResponse>(ProfileKit.MyProfile, new UpdateMyProfileRequest(Details: new ProfileDetails(null, ContactChannel.Email, "en", IncomeBand.Low)));

        foreach (var url in new[] { ProfileKit.MyProfile, ProfileKit.StaffProfile(id), "/api/v1/me/consents/history", $"/api/v1/admin/members/{id}/consents/history" })
        {
            using var response = await s.Partner.GetAsync(url);
            Assert.True(response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden, $"{url} answered {(int)response.StatusCode} to a partner key");
        }

        using (var found = await s.Partner.PostAsync("/api/v1/partner/members/lookup", new PartnerMemberLookupRequest(joined.Email.ToUpperInvariant(), null), null))
        {
            await found.EnsureStatusAsync(HttpStatusCode.OK);
            var body = JsonDocument.Parse(await found.Content.ReadAsStringAsync()).RootElement;
            Assert.Equal(["memberId", "memberNumber"], body.EnumerateObject().Select(p => p.Name)); // nothing else: no name, no profile
            Assert.Equal((id.ToString(), joined.MemberNumber), (body.GetProperty("memberId").GetString(), body.GetProperty("memberNumber").GetString()));
        }

        using (var partial = await s.Partner.PostAsync("/api/v1/partner/members/lookup", new PartnerMemberLookupRequest(joined.Email[1..], null), null))
        {
            await partial.AssertProblemAsync(HttpStatusCode.NotFound, "member_not_found");
        }

        using (var both = await s.Partner.PostAsync("/api/v1/partner/members/lookup", new PartnerMemberLookupRequest(joined.Email, "+3161234567"), null))
        {
            await both.AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        }

        var readOnly = await s.Admin.PostJsonAsync<ApiKeyCreatedResponse>($"/api/v1/admin/partners/{s.PartnerInfo.Id}/api-keys", new CreateApiKeyRequest("read only", [ApiKeyScopes.MembersRead]));
        using var withoutScope = s.Api.CreateClient().WithApiKey(readOnly.Key);
        using var refused = await withoutScope.PostAsync("/api/v1/partner/members/lookup", new PartnerMemberLookupRequest(joined.Email, null), null);
        await refused.AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_partners_attributes_are_seen_by_that_partner_and_staff_only(DatabaseProvider provider)
    {
        var mine = await Scenario.StartAsync(fixture.For(provider));
        var theirs = await Scenario.StartAsync(fixture.For(provider));
        var member = await mine.EnrolAsync();
        var url = $"/api/v1/partner/members/{member.MemberNumber}/attributes";

        var set = await mine.Partner.PutJsonAsync<PartnerAttributesResponse>(url, new SetPartnerAttributesRequest(new Dictionary<string, string?> { ["shoe_size"] = "43", ["brand"] = "Acme" }), idempotent: true);
        Assert.Equal(["brand", "shoe_size"], set.Items.Select(a => a.Key));

        var seenByOther = await theirs.Partner.GetJsonAsync<PartnerAttributesResponse>(url);
        Assert.Empty(seenByOther.Items);
        await theirs.Partner.PutJsonAsync<PartnerAttributesResponse>(url, new SetPartnerAttributesRequest(new Dictionary<string, string?> { ["shoe_size"] = "44" }), idempotent: true);

        var own = await mine.Partner.GetJsonAsync<PartnerAttributesResponse>(url);
        Assert.Equal([("brand", "Acme"), ("shoe_size", "43")], own.Items.Select(a => (a.Key, a.Value)));
        var other = await theirs.Partner.GetJsonAsync<PartnerAttributesResponse>(url);
        Assert.Equal([("shoe_size", "44")], other.Items.Select(a => (a.Key, a.Value)));

        var staff = await mine.Admin.GetJsonAsync<AdminMemberProfileResponse>(ProfileKit.StaffProfile(member.Id));
        Assert.Equal(3, staff.PartnerAttributes.Count);
        Assert.Equal("44", staff.PartnerAttributes.Single(a => a.PartnerId == theirs.PartnerInfo.Id).Value);

        // Removing is scoped as well: the other partner's "null" touches only its own key.
        await theirs.Partner.PutJsonAsync<PartnerAttributesResponse>(url, new SetPartnerAttributesRequest(new Dictionary<string, string?> { ["brand"] = null, ["shoe_size"] = null }), idempotent: true);
        Assert.Equal(2, (await mine.Partner.GetJsonAsync<PartnerAttributesResponse>(url)).Items.Count);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Staff_enrol_with_consents_look_members_up_by_exact_contact_and_every_edit_is_audited(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        var topic = await s.TopicAsync("Garden");
        var u = Unique.Id();
        var phone = "+31 6 " + u[..6].Select(c => char.IsDigit(c) ? c : '5').Aggregate("", (a, c) => a + c);
        var enrolled = await s.Admin.PostJsonAsync<AdminMemberResponse>("/api/v1/admin/members", new StaffEnrolMemberRequest(
            "Desk", "Enrolled" + u, $"desk{u}@example.com", phone, null, s.Store.Id, [ProfileKit.Consent(ConsentPurpose.Marketing, ContactChannel.Sms, true)]));
        Assert.Equal(EnrolmentChannel.Admin, enrolled.EnrolmentChannel);

        var profile = await s.Admin.GetJsonAsync<AdminMemberProfileResponse>(ProfileKit.StaffProfile(enrolled.Id));
        var sms = profile.Consents.Single(c => c.Channel == ContactChannel.Sms);
        Assert.Equal((true, (ConsentSource?)ConsentSource.Staff), (sms.Granted, sms.Source));

        var byEmail = await s.Admin.PostJsonAsync<MemberMatchesResponse>("/api/v1/admin/members/lookup", new StaffMemberLookupRequest($"DESK{u}@EXAMPLE.COM", null));
        Assert.Equal([enrolled.Id], byEmail.Items.Select(m => m.Id));
        var byPhone = await s.Admin.PostJsonAsync<MemberMatchesResponse>("/api/v1/admin/members/lookup", new StaffMemberLookupRequest(null, phone));
        Assert.Equal([enrolled.Id], byPhone.Items.Select(m => m.Id));
        var partial = await s.Admin.PostJsonAsync<MemberMatchesResponse>("/api/v1/admin/members/lookup", new StaffMemberLookupRequest(null, phone[..^1]));
        Assert.Empty(partial.Items);

        await s.Admin.PatchJsonAsync<AdminMemberProfileResponse>(ProfileKit.StaffProfile(enrolled.Id), new UpdateMyProfileRequest(Interests: [topic.Code]));
        Assert.Equal(["member.enrolled", "member.profile_updated"], await s.AuditActionsAsync(enrolled.Id));
        await using var db = s.Api.CreateDbContext();
        var entry = await db.AuditLog.AsNoTracking().Where(a => a.EntityId == enrolled.Id.ToString() && a.Action == "member.profile_updated").SingleAsync();
        Assert.Equal("admin@test", entry.Actor);
        Assert.DoesNotContain(topic.Code, entry.Before!, StringComparison.Ordinal);
        Assert.Contains(topic.Code, entry.After!, StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Invalid_profile_changes_are_refused_with_the_fields_named(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        var (app, _) = await s.JoinAppAsync();

        using var response = await app.PatchAsync(ProfileKit.MyProfile, new UpdateMyProfileRequest(
            Details: new ProfileDetails(null, ContactChannel.None, "not a language", null),
            Consents: [ProfileKit.Consent(ConsentPurpose.Marketing, ContactChannel.None, true)]));
        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        var fields = problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).ToList();
        Assert.Contains("details.language", fields);
        Assert.Contains("details.preferredChannel", fields);
        Assert.Contains(fields, f => f.StartsWith("consents", StringComparison.Ordinal));

        using var unknown = await app.PatchAsync(ProfileKit.MyProfile, new UpdateMyProfileRequest(Interests: ["no-such-topic-" + Unique.Id()]));
        await unknown.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "unknown_interest_topic");

        var staffOnly = await s.AttributeAsync(AttributeType.Number, memberEditable: false);
        using var notMine = await app.PatchAsync(ProfileKit.MyProfile, new UpdateMyProfileRequest(Attributes: new Dictionary<string, string?> { [staffOnly.Code] = "3" }));
        await notMine.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "unknown_attribute");

        var editable = await s.AttributeAsync(AttributeType.Date, memberEditable: true);
        using var badValue = await app.PatchAsync(ProfileKit.MyProfile, new UpdateMyProfileRequest(Attributes: new Dictionary<string, string?> { [editable.Code] = "31/12/2020" }));
        await badValue.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "invalid_attribute_value");

        using var duplicateTopic = await s.Admin.PostAsync("/api/v1/admin/interest-topics", new CreateInterestTopicRequest((await s.TopicAsync("Dup")).Code, "Again"), null);
        await duplicateTopic.AssertProblemAsync(HttpStatusCode.Conflict, "topic_code_taken");
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_export_holds_every_profile_field_and_erasure_removes_them(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        var topic = await s.TopicAsync("Cycling");
        var attribute = await s.AttributeAsync(AttributeType.Text, memberEditable: true);
        var (app, joined) = await s.JoinAppAsync();
        var id = await s.IdOfAsync(joined.MemberNumber);
        var partner = await s.EnrolAsync();
        var household = await s.Admin.PostJsonAsync<HouseholdResponse>("/api/v1/admin/households", new HouseholdRequest(id, [id, partner.Id]));
        await app.PatchJsonAsync<MyProfileResponse>(ProfileKit.MyProfile, new UpdateMyProfileRequest(
            Interests: [topic.Code],
            Details: new ProfileDetails(s.Store.Id, ContactChannel.Email, "de", IncomeBand.Middle),
            Attributes: new Dictionary<string, string?> { [attribute.Code] = "secret-hobby" },
            Consents: [ProfileKit.Consent(ConsentPurpose.Marketing, ContactChannel.Email, true)]));
        await s.Partner.PutJsonAsync<PartnerAttributesResponse>($"/api/v1/partner/members/{joined.MemberNumber}/attributes", new SetPartnerAttributesRequest(new Dictionary<string, string?> { ["loyal-since"] = "partner-note" }), idempotent: true);
        await s.Admin.PatchJsonAsync<AdminMemberProfileResponse>(ProfileKit.StaffProfile(id), new UpdateMyProfileRequest(Details: new ProfileDetails(s.Store.Id, ContactChannel.Email, "de", IncomeBand.High)));

        var export = await app.GetJsonAsync<MemberDataExport>("/api/v1/me/export");
        var section = export.Sections["customerProfile"];
        Assert.Equal(topic.Code, section.GetProperty("interests")[0].GetProperty("code").GetString());
        Assert.Equal(("de", "High"), (section.GetProperty("preferences").GetProperty("language").GetString(), section.GetProperty("preferences").GetProperty("incomeBand").GetString()));
        Assert.True(section.GetProperty("household").GetProperty("isHead").GetBoolean());
        Assert.Equal("secret-hobby", section.GetProperty("attributes")[0].GetProperty("value").GetString());
        Assert.Equal("partner-note", section.GetProperty("partnerAttributes")[0].GetProperty("value").GetString());
        Assert.True(section.GetProperty("consents")[0].GetProperty("granted").GetBoolean());
        Assert.Equal(1, section.GetProperty("consentHistory").GetArrayLength());

        await s.Admin.PostJsonAsync<MemberLifecycleResponse>(LifecycleKit.Admin(id, "erasure"), new MemberStatusChangeRequest("GDPR request"));

        var after = await s.Admin.GetJsonAsync<MemberDataExport>(LifecycleKit.Admin(id, "export"));
        var erased = after.Sections["customerProfile"];
        foreach (var part in new[] { "interests", "attributes", "partnerAttributes", "consents" })
        {
            Assert.Equal(0, erased.GetProperty(part).GetArrayLength());
        }

        Assert.Equal(JsonValueKind.Null, erased.GetProperty("preferences").ValueKind);
        Assert.Equal(JsonValueKind.Null, erased.GetProperty("household").ValueKind);
        var json = JsonSerializer.Serialize(after);
        foreach (var personal in new[] { "secret-hobby", "partner-note", topic.Code })
        {
            Assert.DoesNotContain(personal, json, StringComparison.Ordinal);
        }

        // The consent history stays (proof of consent), ending with the withdrawal the erasure made.
        Assert.Equal([true, false], erased.GetProperty("consentHistory").EnumerateArray().Select(c => c.GetProperty("granted").GetBoolean()));
        // The household goes on without the erased head; the staff edit's snapshots are gone from the audit log.
        var left = await s.Admin.GetJsonAsync<HouseholdResponse>($"/api/v1/admin/households/{household.Id}");
        Assert.Equal([(partner.Id, true)], left.Members.Select(m => (m.MemberId, m.IsHead)));
        await using var db = s.Api.CreateDbContext();
        Assert.All(
            await db.AuditLog.AsNoTracking().Where(a => a.EntityId == id.ToString() && a.Action == "member.profile_updated").ToListAsync(),
            a => Assert.True(a.Before is null && a.After is null));
        Assert.Empty(await db.MemberProfiles.Where(p => p.MemberId == id).ToListAsync());
    }
}
