using System.Net;
using System.Text.Json;
using Loyalty.Api.Tests.Infrastructure;
using Loyalty.Contracts.Admin;
using Loyalty.Contracts.Common;
using Loyalty.Contracts.Events;
using Loyalty.Contracts.Partner;
using Loyalty.Domain.Customised.Profiles;
using Loyalty.Infrastructure.Jobs;
using Loyalty.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ConsentSource = Loyalty.Domain.Customised.Profiles.ConsentSource;
using WireChannel = Loyalty.Contracts.Common.ContactChannel;
using WirePurpose = Loyalty.Contracts.Common.ConsentPurpose;

namespace Loyalty.Api.Tests.Customised.Segments;

[Collection(ApiCollection.Name)]
public sealed class SegmentTests(ApiFixture fixture)
{
    private const string Segments = "/api/v1/admin/segments";

    /// <summary>Members who bought at this scenario's store: keeps each test to its own members in the shared database.</summary>
    private static SegmentRuleDto AtStore(Scenario s) => new(SegmentRuleKind.Store, StoreIds: [s.Store.Id]);

    private static SegmentRuleDto SpentAtLeast(decimal amount, int days = 30) =>
        new(SegmentRuleKind.Spend, WindowDays: days, Currency: "EUR", Min: amount);

    private static SegmentRuleDto AllOf(params SegmentRuleDto[] rules) => new(SegmentRuleKind.All, Rules: rules);

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Preview_counts_what_a_refresh_finds_and_refreshes_record_entries_exits_history_and_events(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        var marketing = s.Api.CreateClient().WithBearer(TestTokens.Marketing());
        var big1 = await s.EnrolAsync();
        var big2 = await s.EnrolAsync();
        var small = await s.EnrolAsync();
        await s.EarnAsync(big1.MemberNumber, 80m);
        await s.EarnAsync(big2.MemberNumber, 30m);
        await s.EarnAsync(big2.MemberNumber, 30m);
        await s.EarnAsync(small.MemberNumber, 20m);
        var definition = AllOf(AtStore(s), SpentAtLeast(50m));

        var preview = await marketing.PostJsonAsync<SegmentPreviewResponse>($"{Segments}/preview", new SegmentPreviewRequest(definition));
        Assert.Equal(2, preview.Count);
        Assert.Equal(new[] { big1.MemberNumber, big2.MemberNumber }.Order(), preview.Sample.Select(m => m.MemberNumber));

        var segment = await marketing.PostJsonAsync<SegmentResponse>(Segments, new SegmentRequest("Big spenders " + Unique.Id(), "Spent 50 EUR in 30 days", definition));
        Assert.Equal((0, (DateTimeOffset?)null), (segment.MemberCount, segment.LastRefreshedAt));
        Assert.Equal(SegmentRuleKind.Spend, segment.Definition.Rules![1].Kind);

        var first = await marketing.PostJsonAsync<SegmentRefreshResponse>($"{Segments}/{segment.Id}/refresh", new { });
        Assert.Equal((2, 0, preview.Count), (first.Entered, first.Left, first.MemberCount));
        var again = await marketing.PostJsonAsync<SegmentRefreshResponse>($"{Segments}/{segment.Id}/refresh", new { });
        Assert.Equal((0, 0, 2), (again.Entered, again.Left, again.MemberCount));
        var members = await marketing.GetAllAsync<SegmentMemberResponse>($"{Segments}/{segment.Id}/members");
        Assert.Equal(preview.Sample.Select(m => m.MemberNumber), members.Select(m => m.MemberNumber));

        // A month on, nobody has spent 50 EUR in the last 30 days: both leave; the small spender buys and enters.
        using (s.Api.Clock.Travel(TimeSpan.FromDays(31)))
        {
            await s.EarnAsync(small.MemberNumber, 60m);
            var later = await marketing.PostJsonAsync<SegmentPreviewResponse>($"{Segments}/preview", new SegmentPreviewRequest(definition));
            var moved = await marketing.PostJsonAsync<SegmentRefreshResponse>($"{Segments}/{segment.Id}/refresh", new { });
            Assert.Equal((1, 2, 1), (moved.Entered, moved.Left, moved.MemberCount));
            Assert.Equal(later.Count, moved.MemberCount);
            var fetched = await marketing.GetJsonAsync<SegmentResponse>($"{Segments}/{segment.Id}");
            Assert.Equal((1, moved.RefreshedAt), (fetched.MemberCount, fetched.LastRefreshedAt));
        }

        var history = await marketing.GetAllAsync<SegmentMembershipChangeResponse>($"{Segments}/{segment.Id}/history");
        Assert.Equal(5, history.Count);
        Assert.Equal(history.Select(h => h.Id).OrderDescending(), history.Select(h => h.Id));
        Assert.Equal(
            new[] { (big1.MemberNumber, SegmentChange.Entered), (big1.MemberNumber, SegmentChange.Left), (big2.MemberNumber, SegmentChange.Entered), (big2.MemberNumber, SegmentChange.Left), (small.MemberNumber, SegmentChange.Entered) }
                .OrderBy(h => h.MemberNumber, StringComparer.Ordinal).ThenBy(h => h.Item2),
            history.OrderBy(h => h.MemberNumber, StringComparer.Ordinal).ThenBy(h => h.Id).Select(h => (h.MemberNumber, h.Change)));
        var oneMember = await marketing.GetAllAsync<SegmentMembershipChangeResponse>($"{Segments}/{segment.Id}/history?memberId={big1.Id}");
        Assert.Equal([SegmentChange.Left, SegmentChange.Entered], oneMember.Select(h => h.Change));

        await using var db = s.Api.CreateDbContext();
        var idText = segment.Id.ToString();
        var events = await db.OutboxMessages.AsNoTracking()
            .Where(o => (o.Type == SegmentEnteredV1.EventType || o.Type == SegmentLeftV1.EventType) && o.Payload.Contains(idText))
            .ToListAsync();
        var entered = events.Where(e => e.Type == SegmentEnteredV1.EventType)
            .Select(e => (SegmentEnteredV1)LoyaltyEvents.Deserialize(e.Type, JsonDocument.Parse(e.Payload).RootElement)!).ToList();
        var left = events.Where(e => e.Type == SegmentLeftV1.EventType)
            .Select(e => (SegmentLeftV1)LoyaltyEvents.Deserialize(e.Type, JsonDocument.Parse(e.Payload).RootElement)!).ToList();
        Assert.Equal(new[] { big1.MemberNumber, big2.MemberNumber, small.MemberNumber }.Order(), entered.Select(e => e.MemberNumber).Order());
        Assert.Equal(new[] { big1.MemberNumber, big2.MemberNumber }.Order(), left.Select(e => e.MemberNumber).Order());
        Assert.All(entered, e => Assert.Equal((segment.Id, segment.Name), (e.SegmentId, e.SegmentName)));
        Assert.All(left, e => Assert.True(e.LeftAt > first.RefreshedAt));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Conditions_on_tier_points_visits_recency_tenure_city_interests_consents_and_households_select_the_right_members(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        var a = await s.EnrolAsync();
        var b = await s.EnrolAsync();
        var c = await s.EnrolAsync();
        await s.EarnAsync(a.MemberNumber, 10m);
        await s.EarnAsync(a.MemberNumber, 10m);
        await s.EarnAsync(b.MemberNumber, 500m);
        await s.EarnAsync(c.MemberNumber, 5m);
        var available = new Dictionary<string, long>();
        foreach (var m in new[] { a, b, c })
        {
            available[m.MemberNumber] = (await s.Partner.GetJsonAsync<MemberLookupResponse>($"/api/v1/partner/members/{m.MemberNumber}")).AvailablePoints;
        }
        var topic = InterestTopic.Create("seg" + Unique.Id()[..8], "Coffee", s.Api.Clock.GetUtcNow());
        await using (var db = s.Api.CreateDbContext())
        {
            var now = s.Api.Clock.GetUtcNow();
            db.InterestTopics.Add(topic);
            db.MemberInterests.Add(MemberInterest.Add(a.Id, topic.Id, now));
            db.MemberConsents.Add(MemberConsent.Record(b.Id, Domain.Customised.Profiles.ConsentPurpose.Marketing, Domain.Customised.Profiles.ContactChannel.Sms, true, ConsentSource.Staff, now));
            var household = Household.Found(c.Id, now);
            db.Households.Add(household);
            var profile = MemberProfile.Start(c.Id, now);
            db.MemberProfiles.Add(profile);
            db.Entry(profile).Property(nameof(MemberProfile.HouseholdId)).CurrentValue = household.Id;
            await db.SaveChangesAsync();
        }

        // Each rule next to "bought at this scenario's store", so only these three members can match.
        async Task<IEnumerable<string>> Matching(SegmentRuleDto rule)
        {
            var preview = await s.Admin.PostJsonAsync<SegmentPreviewResponse>($"{Segments}/preview", new SegmentPreviewRequest(AllOf(AtStore(s), rule)));
            Assert.Equal(preview.Count, preview.Sample.Count);
            return preview.Sample.Select(m => m.MemberNumber);
        }

        static string[] Only(params EnrolledMemberResponse[] members) => [.. members.Select(m => m.MemberNumber).Order(StringComparer.Ordinal)];

        Assert.Equal(Only(a, b, c), await Matching(new SegmentRuleDto(SegmentRuleKind.Tier, TierIds: [a.Tier.Id])));
        Assert.Equal(
            available.Where(e => e.Value >= 100).Select(e => e.Key).Order(StringComparer.Ordinal),
            await Matching(new SegmentRuleDto(SegmentRuleKind.PointsBalance, Min: 100)));
        Assert.Equal(Only(a), await Matching(new SegmentRuleDto(SegmentRuleKind.Visits, WindowDays: 7, Min: 2)));
        Assert.Equal(Only(b), await Matching(SpentAtLeast(100)));
        Assert.Equal(Only(b, c), await Matching(new SegmentRuleDto(SegmentRuleKind.None, Rules: [new SegmentRuleDto(SegmentRuleKind.Interest, Topics: [topic.Code])])));
        Assert.Equal(Only(a, b, c), await Matching(new SegmentRuleDto(SegmentRuleKind.TenureDays, Max: 0)));
        Assert.Equal(Only(a, b, c), await Matching(new SegmentRuleDto(SegmentRuleKind.City, Cities: ["springfield"])));
        Assert.Empty(await Matching(new SegmentRuleDto(SegmentRuleKind.City, Cities: ["Shelbyville"])));
        Assert.Equal(Only(a), await Matching(new SegmentRuleDto(SegmentRuleKind.Interest, Topics: [topic.Code])));
        Assert.Equal(Only(b), await Matching(new SegmentRuleDto(SegmentRuleKind.Consent, Purpose: WirePurpose.Marketing, Channel: WireChannel.Sms)));
        Assert.Empty(await Matching(new SegmentRuleDto(SegmentRuleKind.Consent, Purpose: WirePurpose.Marketing, Channel: WireChannel.Email)));
        Assert.Equal(Only(c), await Matching(new SegmentRuleDto(SegmentRuleKind.Household, IsHead: true)));
        Assert.Empty(await Matching(new SegmentRuleDto(SegmentRuleKind.Household, IsHead: false)));
        Assert.Equal(Only(a, b), await Matching(new SegmentRuleDto(SegmentRuleKind.Any, Rules: [new SegmentRuleDto(SegmentRuleKind.Interest, Topics: [topic.Code]), SpentAtLeast(100)])));

        using (s.Api.Clock.Travel(TimeSpan.FromDays(10)))
        {
            await s.EarnAsync(c.MemberNumber, 5m);
            Assert.Equal(Only(a, b, c), await Matching(new SegmentRuleDto(SegmentRuleKind.TenureDays, Min: 10, Max: 10)));
            Assert.Equal(Only(a, b), await Matching(new SegmentRuleDto(SegmentRuleKind.DaysSinceLastPurchase, Min: 10)));
            Assert.Equal(Only(c), await Matching(new SegmentRuleDto(SegmentRuleKind.DaysSinceLastPurchase, Max: 0)));
            Assert.Equal(Only(c), await Matching(new SegmentRuleDto(SegmentRuleKind.Visits, WindowDays: 7, Min: 1)));
        }
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_member_without_marketing_consent_on_the_channel_is_never_in_the_export(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        var consenting = await s.EnrolAsync();
        var refused = await s.EnrolAsync();
        var otherChannel = await s.EnrolAsync();
        var silent = await s.EnrolAsync();
        foreach (var m in new[] { consenting, refused, otherChannel, silent })
        {
            await s.EarnAsync(m.MemberNumber, 10m);
        }

        await using (var db = s.Api.CreateDbContext())
        {
            var now = s.Api.Clock.GetUtcNow();
            db.MemberConsents.Add(MemberConsent.Record(consenting.Id, Domain.Customised.Profiles.ConsentPurpose.Marketing, Domain.Customised.Profiles.ContactChannel.Email, true, ConsentSource.App, now));
            db.MemberConsents.Add(MemberConsent.Record(refused.Id, Domain.Customised.Profiles.ConsentPurpose.Marketing, Domain.Customised.Profiles.ContactChannel.Email, false, ConsentSource.App, now));
            db.MemberConsents.Add(MemberConsent.Record(otherChannel.Id, Domain.Customised.Profiles.ConsentPurpose.Marketing, Domain.Customised.Profiles.ContactChannel.Push, true, ConsentSource.App, now));
            db.MemberConsents.Add(MemberConsent.Record(otherChannel.Id, Domain.Customised.Profiles.ConsentPurpose.Profiling, Domain.Customised.Profiles.ContactChannel.None, true, ConsentSource.App, now));
            await db.SaveChangesAsync();
        }

        var segment = await s.Admin.PostJsonAsync<SegmentResponse>(Segments, new SegmentRequest("Shoppers " + Unique.Id(), null, AtStore(s)));
        var refreshed = await s.Admin.PostJsonAsync<SegmentRefreshResponse>($"{Segments}/{segment.Id}/refresh", new { });
        Assert.Equal(4, refreshed.MemberCount);

        var email = await ExportAsync(s, segment.Id, "email");
        Assert.Equal("memberNumber,firstName,lastName,email", email[0]);
        Assert.Equal([consenting.MemberNumber], email.Skip(1).Select(l => l.Split(',')[0]));
        Assert.EndsWith("@example.com", email[1], StringComparison.Ordinal);
        Assert.Single(await ExportAsync(s, segment.Id, "sms")); // nobody consented to SMS: the header alone

        // Consent withdrawn after the refresh: the next export leaves the member out at once.
        await using (var db = s.Api.CreateDbContext())
        {
            var consent = await db.MemberConsents.SingleAsync(c => c.MemberId == consenting.Id);
            consent.Change(false, ConsentSource.App, s.Api.Clock.GetUtcNow());
            await db.SaveChangesAsync();
        }

        Assert.Single(await ExportAsync(s, segment.Id, "email"));
        using var badChannel = await s.Admin.GetAsync($"{Segments}/{segment.Id}/export?channel=fax");
        await badChannel.AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
    }

    private static async Task<string[]> ExportAsync(Scenario s, Guid segmentId, string channel)
    {
        using var response = await s.Admin.GetAsync($"{Segments}/{segmentId}/export?channel={channel}");
        await response.EnsureStatusAsync(HttpStatusCode.OK);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        return text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Bad_definitions_are_refused_with_the_path_of_each_field(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));

        async Task<JsonElement> Refused(SegmentRuleDto definition, string name = "Bad")
        {
            using var response = await s.Admin.PostAsync(Segments, new SegmentRequest(name, null, definition), null);
            var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
            return problem.GetProperty("errors");
        }

        var errors = await Refused(AllOf(AtStore(s), new SegmentRuleDto(SegmentRuleKind.Spend, WindowDays: 0, Min: 10, Max: 5)));
        Assert.True(errors.TryGetProperty("definition.rules[1].windowDays", out _));
        Assert.True(errors.TryGetProperty("definition.rules[1].currency", out _));
        Assert.True(errors.TryGetProperty("definition.rules[1].max", out _));
        Assert.True((await Refused(new SegmentRuleDto(SegmentRuleKind.Tier, TierIds: [Guid.NewGuid()]))).TryGetProperty("definition.tierIds[0]", out _));
        Assert.True((await Refused(new SegmentRuleDto(SegmentRuleKind.Tier, StoreIds: [s.Store.Id], TierIds: []))).TryGetProperty("definition.storeIds", out _));
        Assert.True((await Refused(new SegmentRuleDto(SegmentRuleKind.Score, Score: "value", Min: 1))).TryGetProperty("definition.score", out _));
        Assert.True((await Refused(new SegmentRuleDto(SegmentRuleKind.Consent, Purpose: WirePurpose.Marketing))).TryGetProperty("definition.channel", out _));
        Assert.True((await Refused(new SegmentRuleDto(SegmentRuleKind.Any, Rules: []))).TryGetProperty("definition.rules", out _));
        Assert.True((await Refused(AtStore(s), name: "")).TryGetProperty("name", out _));
        var deep = AtStore(s);
        for (var i = 0; i < 6; i++)
        {
            deep = AllOf(deep);
        }

        Assert.True((await Refused(deep)).EnumerateObject().Any());
        using var preview = await s.Admin.PostAsync($"{Segments}/preview", new SegmentPreviewRequest(new SegmentRuleDto(SegmentRuleKind.Store, StoreIds: [Guid.NewGuid()])), null);
        await preview.AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        using var missing = await s.Admin.GetAsync($"{Segments}/{Guid.NewGuid()}");
        await missing.AssertProblemAsync(HttpStatusCode.NotFound, "segment_not_found");
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Only_admin_and_marketing_staff_reach_segments_and_an_archived_segment_stops_changing(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        var member = await s.EnrolAsync();
        await s.EarnAsync(member.MemberNumber, 10m);
        var segment = await s.Admin.PostJsonAsync<SegmentResponse>(Segments, new SegmentRequest("Mine " + Unique.Id(), null, AtStore(s)));

        var anonymous = s.Api.CreateClient();
        var memberClient = s.MemberClient("member-" + Unique.Id());
        var routes = new[]
        {
            (HttpMethod.Get, Segments),
            (HttpMethod.Get, $"{Segments}/{segment.Id}"),
            (HttpMethod.Post, $"{Segments}/preview"),
            (HttpMethod.Post, $"{Segments}/{segment.Id}/refresh"),
            (HttpMethod.Get, $"{Segments}/{segment.Id}/members"),
            (HttpMethod.Get, $"{Segments}/{segment.Id}/history"),
            (HttpMethod.Get, $"{Segments}/{segment.Id}/export?channel=email"),
            (HttpMethod.Delete, $"{Segments}/{segment.Id}"),
        };
        foreach (var (method, url) in routes)
        {
            object? body = method == HttpMethod.Post ? new SegmentPreviewRequest(AtStore(s)) : null;
            using var none = await anonymous.SendJsonAsync(method, url, body, null);
            Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
            using var asMember = await memberClient.SendJsonAsync(method, url, body, null);
            Assert.Equal(HttpStatusCode.Forbidden, asMember.StatusCode);
            using var asPartner = await s.Partner.SendJsonAsync(method, url, body, null);
            Assert.Contains(asPartner.StatusCode, new[] { HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden });
        }

        var marketing = s.Api.CreateClient().WithBearer(TestTokens.Marketing());
        Assert.Equal(1, (await marketing.PostJsonAsync<SegmentRefreshResponse>($"{Segments}/{segment.Id}/refresh", new { })).MemberCount);
        using var archive = await marketing.DeleteAsync($"{Segments}/{segment.Id}");
        await archive.EnsureStatusAsync(HttpStatusCode.OK);
        using var refresh = await marketing.PostAsync($"{Segments}/{segment.Id}/refresh", new { }, null);
        await refresh.AssertProblemAsync(HttpStatusCode.Conflict, "segment_archived");
        using var put = await marketing.PutAsync($"{Segments}/{segment.Id}", JsonContent(new SegmentRequest("Renamed", null, AtStore(s))));
        await put.AssertProblemAsync(HttpStatusCode.Conflict, "segment_archived");
        var listed = await marketing.GetAllAsync<SegmentResponse>($"{Segments}?includeArchived=true");
        Assert.Contains(listed, x => x.Id == segment.Id && x.ArchivedAt is not null);
        Assert.DoesNotContain(await marketing.GetAllAsync<SegmentResponse>(Segments), x => x.Id == segment.Id);
        Assert.Single(await marketing.GetAllAsync<SegmentMemberResponse>($"{Segments}/{segment.Id}/members"));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_scheduled_job_refreshes_segments_never_refreshed(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        var member = await s.EnrolAsync();
        await s.EarnAsync(member.MemberNumber, 10m);
        var segment = await s.Admin.PostJsonAsync<SegmentResponse>(Segments, new SegmentRequest("Scheduled " + Unique.Id(), null, AtStore(s)));

        Assert.True(await s.Api.Services.GetRequiredService<SegmentRefreshJob>().RunOnceAsync(CancellationToken.None) >= 1);

        var fetched = await s.Admin.GetJsonAsync<SegmentResponse>($"{Segments}/{segment.Id}");
        Assert.Equal(1, fetched.MemberCount);
        Assert.NotNull(fetched.LastRefreshedAt);
    }

    private static System.Net.Http.Json.JsonContent JsonContent<T>(T body) => System.Net.Http.Json.JsonContent.Create(body, options: HttpTestExtensions.Json);
}
