using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Loyalty.Api.Tests.ClubEvents;
using Loyalty.Api.Tests.Customised.Offers;
using Loyalty.Api.Tests.Customised.Profiles;
using Loyalty.Api.Tests.Infrastructure;
using Loyalty.Application.Abstractions;
using Loyalty.Application.Common;
using Loyalty.Application.Features.Customised.Notifications;
using Loyalty.Contracts.Admin;
using Loyalty.Contracts.Common;
using Loyalty.Contracts.Events;
using Loyalty.Contracts.Member;
using Loyalty.Domain.Customised.Offers;
using Loyalty.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Loyalty.Api.Tests.Customised.Offers.OfferTestKit;

namespace Loyalty.Api.Tests.Customised.Notifications;

[Collection(ApiCollection.Name)]
public sealed class InterestNotificationTests(ApiFixture fixture)
{
    private const string Settings = "/api/v1/admin/notification-settings";

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_new_club_event_notifies_interested_consenting_members_once_by_their_chosen_channel(DatabaseProvider provider)
    {
        var api = fixture.For(provider);
        var s = await Scenario.StartAsync(api);
        var coffee = await s.TopicAsync("Coffee");
        var tea = await s.TopicAsync("Tea");

        // Preferred e-mail, consented on it: e-mail.
        var ann = await MemberAsync(s, [coffee.Code], ContactChannel.Email, ContactChannel.Push, ContactChannel.Email);
        // Prefers e-mail but only consented to push and SMS: push, the first consented of push, e-mail, SMS.
        var ben = await MemberAsync(s, [coffee.Code], ContactChannel.Email, ContactChannel.Sms, ContactChannel.Push);
        // No preference, SMS only: SMS.
        var cat = await MemberAsync(s, [coffee.Code, tea.Code], null, ContactChannel.Sms);
        // Interested, but no marketing consent at all: never notified.
        var dan = await MemberAsync(s, [coffee.Code], ContactChannel.Push);
        // Consenting, but not interested in coffee: not notified.
        var eve = await MemberAsync(s, [tea.Code], null, ContactChannel.Push);
        // Interested and consenting, but suspended: only active members are notified.
        var fay = await MemberAsync(s, [coffee.Code], null, ContactChannel.Push);
        using (var suspend = await s.Admin.PostAsync($"/api/v1/admin/members/{fay.Id}/suspend", new MemberStatusChangeRequest("fraud check"), null))
        {
            await suspend.EnsureStatusAsync(HttpStatusCode.OK);
        }

        var created = await s.CreateEventAsync(s.NewEvent(startsIn: TimeSpan.FromDays(3)) with { Interests = [coffee.Code.ToUpperInvariant()] });
        Assert.Equal([coffee.Code], created.Interests);
        Assert.Equal([coffee.Code], (await s.GetEventAsync(created.Id)).Interests);

        var sent = await RequestedAsync(api, created.Id);
        Assert.Equal(
            new[] { (ann.MemberNumber, ContactChannel.Email), (ben.MemberNumber, ContactChannel.Push), (cat.MemberNumber, ContactChannel.Sms) }.Order(),
            sent.Select(e => (e.MemberNumber, e.Channel)).Order());
        Assert.All(sent, e =>
        {
            Assert.Equal(new NotificationContentReference(NotificationContentKind.ClubEvent, created.Id), e.Content);
            Assert.Equal("matches your interest: Coffee", e.Reason);
            Assert.Equal(created.Title, e.Title);
        });
        Assert.Equal(ann.Id, sent.Single(e => e.MemberNumber == ann.MemberNumber).MemberId);
        foreach (var silent in new[] { dan, eve, fay })
        {
            Assert.DoesNotContain(sent, e => e.MemberNumber == silent.MemberNumber);
        }

        // Replacing the event (new topics too) tells only members not told yet: each member hears of it once.
        await s.Admin.PutJsonAsync<ClubEventResponse>($"{ClubEventKit.AdminEvents}/{created.Id}", s.NewEvent(startsIn: TimeSpan.FromDays(3)) with { Interests = [coffee.Code, tea.Code] });
        var after = await RequestedAsync(api, created.Id);
        Assert.Equal(4, after.Count);
        var eves = Assert.Single(after, e => e.MemberNumber == eve.MemberNumber);
        Assert.Equal("matches your interest: Tea", eves.Reason);

        // The member's data export lists what they were sent.
        var export = await ann.App.GetJsonAsync<MemberDataExport>("/api/v1/me/export");
        var row = Assert.Single(export.Sections["notifications"].EnumerateArray());
        Assert.Equal(("email", "clubEvent", created.Id.ToString()), (row.GetProperty("channel").GetString(), row.GetProperty("contentKind").GetString(), row.GetProperty("contentId").GetString()));

        // Erasure deletes them (the reason names the member's interest).
        await s.Admin.PostJsonAsync<MemberLifecycleResponse>($"/api/v1/admin/members/{ann.Id}/erasure", new MemberStatusChangeRequest("GDPR request"));
        await using var db = api.CreateDbContext();
        Assert.False(await db.MemberNotifications.AnyAsync(n => n.MemberId == ann.Id));
        Assert.True(await db.MemberNotifications.AnyAsync(n => n.MemberId == ben.Id));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_frequency_cap_holds_over_a_rolling_window_and_staff_can_change_it(DatabaseProvider provider)
    {
        var api = fixture.For(provider);
        var s = await Scenario.StartAsync(api);
        var running = await s.TopicAsync("Running");
        var ann = await MemberAsync(s, [running.Code], null, ContactChannel.Push);
        try
        {
            var changed = await s.Admin.PutJsonAsync<NotificationSettingsResponse>(Settings, new NotificationSettingsRequest(2, 7));
            Assert.Equal((2, 7), (changed.MaxPerWindow, changed.WindowDays));
            Assert.Equal(changed, await s.Admin.GetJsonAsync<NotificationSettingsResponse>(Settings));
            var audit = await s.Admin.GetJsonAsync<Page<AuditLogEntryResponse>>("/api/v1/admin/audit-log?entityType=notification_settings");
            Assert.Equal("notification_settings.changed", audit.Items[0].Action);
            using (var bad = await s.Admin.PutAsync(Settings, JsonContent(new NotificationSettingsRequest(-1, 0))))
            {
                await bad.AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
            }

            using (var member = await ann.App.GetAsync(Settings))
            {
                Assert.Contains(member.StatusCode, new[] { HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden });
            }

            var first = await RewardAsync(s, running.Code);
            var second = await RewardAsync(s, running.Code);
            var third = await RewardAsync(s, running.Code);
            Assert.Single(await RequestedAsync(api, first.Id));
            Assert.Single(await RequestedAsync(api, second.Id));
            Assert.Empty(await RequestedAsync(api, third.Id)); // at the cap: nothing

            // Eight days on, the first two are out of the window: the member may be told again.
            using (api.Clock.Travel(TimeSpan.FromDays(8)))
            {
                var later = await RewardAsync(s, running.Code);
                var sent = Assert.Single(await RequestedAsync(api, later.Id));
                Assert.Equal(new NotificationContentReference(NotificationContentKind.Reward, later.Id), sent.Content);
            }

            // An inactive reward tells nobody.
            var inactive = await s.Admin.PostJsonAsync<RewardResponse>("/api/v1/admin/rewards", NewReward(running.Code) with { IsActive = false });
            Assert.Empty(await RequestedAsync(api, inactive.Id));
        }
        finally
        {
            await s.Admin.PutJsonAsync<NotificationSettingsResponse>(Settings, new NotificationSettingsRequest(3, 7));
        }
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Two_publishes_racing_for_a_members_last_place_under_the_cap_notify_them_once(DatabaseProvider provider)
    {
        var api = fixture.For(provider);
        var s = await Scenario.StartAsync(api);
        var cycling = await s.TopicAsync("Cycling");
        var ann = await MemberAsync(s, [cycling.Code], null, ContactChannel.Push);
        // Inactive, so creating them tells nobody: the race below publishes them.
        var first = await s.Admin.PostJsonAsync<RewardResponse>("/api/v1/admin/rewards", NewReward(cycling.Code) with { IsActive = false });
        var second = await s.Admin.PostJsonAsync<RewardResponse>("/api/v1/admin/rewards", NewReward(cycling.Code) with { IsActive = false });
        var cap = new NotificationCap(1, 7); // one place left

        // A has told Ann and not committed yet when B publishes: B must wait for A and then find Ann at the cap.
        var a = await OpenPublish.StartAsync(api, first.Id, cap);
        Task<int> b;
        try
        {
            Assert.Equal(1, a.Notified);
            b = Task.Run(async () =>
            {
                await using var publish = await OpenPublish.StartAsync(api, second.Id, cap);
                await publish.CommitAsync();
                return publish.Notified;
            });
            await UntilWaitingAsync(api, b);
            Assert.False(b.IsCompleted, "B's publish did not wait for A's: both counted Ann under the cap");
            await a.CommitAsync();
        }
        finally
        {
            await a.DisposeAsync(); // on SQLite, lets B through the write gate
        }

        Assert.Equal(0, await b);
        await using var db = api.CreateDbContext();
        var told = Assert.Single(await db.MemberNotifications.Where(n => n.MemberId == ann.Id).ToListAsync());
        Assert.Equal((first.Id, 1L), (told.ContentId, told.Sequence));
        Assert.Single(await RequestedAsync(api, first.Id));
        Assert.Empty(await RequestedAsync(api, second.Id));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_published_offer_notifies_its_interested_treatment_members_and_never_its_control_group(DatabaseProvider provider)
    {
        var api = fixture.For(provider);
        var s = await Scenario.StartAsync(api);
        var wine = await s.TopicAsync("Wine");
        var members = new List<NotifiedMember>();
        for (var i = 0; i < 10; i++)
        {
            members.Add(await MemberAsync(s, [wine.Code], null, ContactChannel.Push));
        }

        var uninterested = await MemberAsync(s, [], null, ContactChannel.Push);
        var request = Bonus(s, [.. members.Select(m => m.AsAppMember), uninterested.AsAppMember], controlShare: 0.4m) with { Interests = [wine.Code] };
        var draft = await s.Admin.PostJsonAsync<PersonalOfferResponse>("/api/v1/admin/offers", request);
        Assert.Equal([wine.Code], draft.Interests);
        Assert.Empty(await RequestedAsync(api, draft.Id)); // a draft tells nobody
        var offer = await s.Admin.PostJsonAsync<PersonalOfferResponse>($"/api/v1/admin/offers/{draft.Id}/publish", new { });
        Assert.Equal([wine.Code], offer.Interests);

        var groups = await GroupsAsync(s, offer.Id);
        var sent = await RequestedAsync(api, offer.Id);
        var treated = members.Where(m => groups[m.Id] == OfferGroup.Treatment).Select(m => m.MemberNumber).Order().ToList();
        Assert.Equal(treated, sent.Select(e => e.MemberNumber).Order());
        Assert.NotEmpty(treated);
        Assert.All(sent, e => Assert.Equal(new NotificationContentReference(NotificationContentKind.Offer, offer.Id), e.Content));
        Assert.DoesNotContain(sent, e => groups[members.Concat([uninterested]).Single(m => m.MemberNumber == e.MemberNumber).Id] == OfferGroup.Control);
        Assert.DoesNotContain(sent, e => e.MemberNumber == uninterested.MemberNumber);

        await using var db = api.CreateDbContext();
        var rows = await db.MemberNotifications.Where(n => n.ContentId == offer.Id).ToListAsync();
        Assert.Equal(sent.Count, rows.Count);
        Assert.All(rows, r => Assert.Equal(Domain.Customised.Notifications.NotificationContentKind.Offer, r.ContentKind));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Interest_topics_on_content_must_be_active_topics(DatabaseProvider provider)
    {
        var api = fixture.For(provider);
        var s = await Scenario.StartAsync(api);
        var unknown = "no-such-topic-" + Unique.Id();
        using var reward = await s.Admin.PostAsync("/api/v1/admin/rewards", NewReward(unknown), null);
        await reward.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "unknown_interest_topic");
        using var clubEvent = await s.Admin.PostAsync(ClubEventKit.AdminEvents, s.NewEvent() with { Interests = [unknown] }, null);
        await clubEvent.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "unknown_interest_topic");
        var ann = await AppMemberAsync(s);
        using var offer = await s.Admin.PostAsync("/api/v1/admin/offers", Bonus(s, [ann]) with { Interests = [unknown] }, null);
        await offer.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "unknown_interest_topic");

        // A reward's topics can be replaced and removed with the merge patch.
        var topic = await s.TopicAsync("Books");
        var created = await s.Admin.PostJsonAsync<RewardResponse>("/api/v1/admin/rewards", NewReward(topic.Code) with { IsActive = false });
        Assert.Equal([topic.Code], created.Interests);
        var cleared = await s.Admin.PatchJsonAsync<RewardResponse>($"/api/v1/admin/rewards/{created.Id}", new UpdateRewardRequest { Interests = [] });
        Assert.Empty(cleared.Interests);
        Assert.Empty((await s.Admin.GetJsonAsync<RewardResponse>($"/api/v1/admin/rewards/{created.Id}")).Interests);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_demo_programme_shows_one_interest_notification(DatabaseProvider provider)
    {
        var api = fixture.For(provider);
        await using var db = api.CreateDbContext();
        var cupping = await db.ClubEvents.Where(e => e.Title == "Coffee cupping evening").Select(e => e.Id).SingleAsync();
        var ada = await db.Members.Where(m => m.Email == "ada@members.demo.example").Select(m => m.MemberNumber).SingleAsync();

        // Ada likes coffee and accepts e-mail; Alan likes coffee too but accepts no marketing.
        var sent = Assert.Single(await RequestedAsync(api, cupping));
        Assert.Equal((ada, ContactChannel.Email, "matches your interest: Coffee"), (sent.MemberNumber, sent.Channel, sent.Reason));
    }

    /// <summary>An app member with these interests, preferred channel and marketing consents, set through the profile API.</summary>
    private static async Task<NotifiedMember> MemberAsync(Scenario s, IReadOnlyList<string> interests, ContactChannel? preferred, params ContactChannel[] consents)
    {
        var member = await AppMemberAsync(s, marketingConsent: false);
        await member.App.PatchJsonAsync<MyProfileResponse>(
            ProfileKit.MyProfile,
            new UpdateMyProfileRequest(
                Interests: interests,
                Details: new ProfileDetails(null, preferred, null, null),
                Consents: [.. consents.Select(c => new ConsentUpdate(ConsentPurpose.Marketing, c, true))]));
        return new NotifiedMember(member);
    }

    private static CreateRewardRequest NewReward(string topic) =>
        new("Reward " + Unique.Id(), "For fans", 100, null, null, null, null, null, 30, Interests: [topic]);

    private static Task<RewardResponse> RewardAsync(Scenario s, string topic) =>
        s.Admin.PostJsonAsync<RewardResponse>("/api/v1/admin/rewards", NewReward(topic));

    private static StringContent JsonContent(object body) =>
        new(JsonSerializer.Serialize(body, HttpTestExtensions.Json), System.Text.Encoding.UTF8, "application/json");

    /// <summary>The member.notification_requested events written for one piece of content, read as the SDK reads them.</summary>
    private static async Task<List<MemberNotificationRequestedV1>> RequestedAsync(LoyaltyApiFactory api, Guid contentId)
    {
        await using var db = api.CreateDbContext();
        var id = contentId.ToString();
        var payloads = await db.OutboxMessages.Where(m => m.Type == MemberNotificationRequestedV1.EventType && m.Payload.Contains(id)).Select(m => m.Payload).ToListAsync();
        return [.. payloads.Select(p => (MemberNotificationRequestedV1)LoyaltyEvents.Deserialize(MemberNotificationRequestedV1.EventType, JsonDocument.Parse(p).RootElement)!)];
    }

    /// <summary>
    /// Waits until <paramref name="publish"/> is held up: on PostgreSQL its statement waits for a lock; SQLite's write
    /// gate queues it in process before it reads anything, so a moment's wait shows it still queued.
    /// </summary>
    private static async Task UntilWaitingAsync(LoyaltyApiFactory api, Task publish)
    {
        if (api.Provider != DatabaseProvider.PostgreSql)
        {
            await Task.WhenAny(publish, Task.Delay(TimeSpan.FromMilliseconds(200)));
            return;
        }

        var waiting = Stopwatch.StartNew();
        await using var db = api.CreateDbContext();
        while (!publish.IsCompleted && waiting.Elapsed < TimeSpan.FromSeconds(10))
        {
            var blocked = await db.Database
                .SqlQueryRaw<int>("""SELECT CAST(COUNT(*) AS integer) AS "Value" FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'""")
                .SingleAsync();
            if (blocked > 0)
            {
                return;
            }

            await Task.Delay(20);
        }
    }

    /// <summary>A publish's fan-out in a write transaction of its own (as the unit of work runs it), open until committed.</summary>
    private sealed class OpenPublish : IAsyncDisposable
    {
        private readonly AsyncServiceScope _scope;
        private readonly WriteTransaction _transaction;

        private OpenPublish(AsyncServiceScope scope, WriteTransaction transaction, int notified)
        {
            _scope = scope;
            _transaction = transaction;
            Notified = notified;
        }

        public int Notified { get; }

        public static async Task<OpenPublish> StartAsync(LoyaltyApiFactory api, Guid rewardId, NotificationCap cap)
        {
            var scope = api.Services.CreateAsyncScope();
            var services = scope.ServiceProvider;
            WriteTransaction? transaction = null;
            try
            {
                transaction = await WriteTransaction.BeginAsync(services.GetRequiredService<ILoyaltyDbContext>(), services.GetRequiredService<IWriteGate>(), default);
                var notified = await services.GetRequiredService<IInterestNotificationFanOut>()
                    .FanOutAsync(Domain.Customised.Notifications.NotificationContentKind.Reward, rewardId, "Race", cap, api.Clock.GetUtcNow(), default);
                return new OpenPublish(scope, transaction, notified);
            }
            catch
            {
                if (transaction is not null)
                {
                    await transaction.DisposeAsync();
                }

                await scope.DisposeAsync();
                throw;
            }
        }

        public Task CommitAsync() => _transaction.CommitAsync(default);

        public async ValueTask DisposeAsync()
        {
            await _transaction.DisposeAsync();
            await _scope.DisposeAsync();
        }
    }

    private sealed record NotifiedMember(AppMember AsAppMember)
    {
        public Guid Id => AsAppMember.Id;

        public string MemberNumber => AsAppMember.MemberNumber;

        public HttpClient App => AsAppMember.App;
    }
}
