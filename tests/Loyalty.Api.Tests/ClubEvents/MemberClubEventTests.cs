using System.Net;
using Loyalty.Api.Tests.Infrastructure;
using Loyalty.Contracts.Common;
using Loyalty.Contracts.Member;
using Loyalty.Domain.Social.Members;
using Loyalty.Domain.Structural.Outbox;
using Loyalty.Infrastructure.Persistence;
using static Loyalty.Api.Tests.ClubEvents.ClubEventKit;

namespace Loyalty.Api.Tests.ClubEvents;

[Collection(ApiCollection.Name)]
public sealed class MemberClubEventTests(ApiFixture fixture)
{
    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Members_register_until_full_then_join_the_waiting_list_in_order(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        var e = await s.CreateEventAsync(s.NewEvent(capacity: 2, startsIn: TimeSpan.FromDays(3)));
        var members = new List<EventMember>();
        var registrations = new List<ClubEventRegistrationResponse>();
        for (var i = 0; i < 4; i++)
        {
            members.Add(await s.JoinAsync());
            registrations.Add(await members[i].RegisterOkAsync(e.Id));
        }

        Assert.Equal([RegistrationStatus.Registered, RegistrationStatus.Registered, RegistrationStatus.Waitlisted, RegistrationStatus.Waitlisted], registrations.Select(r => r.Status));
        Assert.Equal([null, null, 1, 2], registrations.Select(r => r.WaitlistPosition));

        var again = await members[0].RegisterOkAsync(e.Id, HttpStatusCode.OK);
        Assert.Equal((registrations[0].RegistrationId, RegistrationStatus.Registered), (again.RegistrationId, again.Status));
        var againWaiting = await members[3].RegisterOkAsync(e.Id, HttpStatusCode.OK);
        Assert.Equal(2, againWaiting.WaitlistPosition);

        var view = await members[2].MyViewAsync(e.Id);
        Assert.Equal((0, RegistrationStatus.Waitlisted, 1, false), (view.PlacesLeft, view.MyStatus, view.MyWaitlistPosition, view.CanRegister));
        var admin = await s.GetEventAsync(e.Id);
        Assert.Equal((2, 2, 0), (admin.Registered, admin.Waitlisted, admin.PlacesLeft));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Giving_up_a_place_hands_it_to_the_first_member_waiting_and_tells_them(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        var e = await s.CreateEventAsync(s.NewEvent(capacity: 1, startsIn: TimeSpan.FromDays(3)));
        var first = await s.JoinAsync();
        var second = await s.JoinAsync();
        var third = await s.JoinAsync();
        foreach (var m in new[] { first, second, third })
        {
            await m.RegisterOkAsync(e.Id);
        }

        var cancelled = await first.CancelOkAsync(e.Id);

        Assert.Equal(RegistrationStatus.Cancelled, cancelled.Status);
        Assert.Equal((RegistrationStatus.Registered, (int?)null), ((await second.MyViewAsync(e.Id)).MyStatus, (await second.MyViewAsync(e.Id)).MyWaitlistPosition));
        Assert.Equal((RegistrationStatus.Waitlisted, (int?)1), ((await third.MyViewAsync(e.Id)).MyStatus, (await third.MyViewAsync(e.Id)).MyWaitlistPosition));
        var promoted = Assert.Single(await s.OutboxPayloadsAsync(second.Id, EventTypes.ClubEventWaitlistPromoted));
        Assert.Contains(second.Number, promoted, StringComparison.Ordinal);
        Assert.Empty(await s.OutboxPayloadsAsync(third.Id, EventTypes.ClubEventWaitlistPromoted));
        var counts = await s.GetEventAsync(e.Id);
        Assert.Equal((1, 1, 0), (counts.Registered, counts.Waitlisted, counts.PlacesLeft));

        // Leaving the waiting list frees nobody's place; coming back puts the member at the back of the queue.
        var fourth = await s.JoinAsync();
        await fourth.RegisterOkAsync(e.Id);
        await third.CancelOkAsync(e.Id);
        Assert.Equal(1, (await fourth.MyViewAsync(e.Id)).MyWaitlistPosition);
        var rejoined = await first.RegisterOkAsync(e.Id);
        Assert.Equal((cancelled.RegistrationId, RegistrationStatus.Waitlisted, (int?)2), (rejoined.RegistrationId, rejoined.Status, rejoined.WaitlistPosition));

        using var twice = await third.CancelAsync(e.Id);
        await twice.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "registration_cancelled");
        using var never = await (await s.JoinAsync()).CancelAsync(e.Id);
        await never.AssertProblemAsync(HttpStatusCode.NotFound, "registration_not_found");
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Browsing_shows_upcoming_eligible_events_soonest_first_with_my_status(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        var me = await s.JoinAsync();
        var otherTier = await s.OtherTierAsync(me.TierId);
        var later = await s.CreateEventAsync(s.NewEvent(startsIn: TimeSpan.FromDays(400)));
        var sooner = await s.CreateEventAsync(s.NewEvent(startsIn: TimeSpan.FromDays(399), tiers: [me.TierId, otherTier]));
        var notForMe = await s.CreateEventAsync(s.NewEvent(startsIn: TimeSpan.FromDays(399), tiers: [otherTier]));
        var cancelled = await s.CreateEventAsync(s.NewEvent(startsIn: TimeSpan.FromDays(399)));
        await s.Admin.PostJsonAsync<Contracts.Admin.ClubEventResponse>($"{AdminEvents}/{cancelled.Id}/cancel", new Contracts.Admin.CancelClubEventRequest("No"));
        await me.RegisterOkAsync(later.Id);

        var all = new List<ClubEventOfferResponse>();
        string? cursor = null;
        do
        {
            var page = await me.Client.GetJsonAsync<Page<ClubEventOfferResponse>>($"{MyEvents}?limit=2" + (cursor is null ? "" : "&cursor=" + cursor));
            Assert.InRange(page.Items.Count, 0, 2);
            all.AddRange(page.Items);
            cursor = page.NextCursor;
        }
        while (cursor is not null);

        var ids = all.Select(o => o.Id).ToList();
        Assert.True(ids.IndexOf(sooner.Id) >= 0 && ids.IndexOf(sooner.Id) < ids.IndexOf(later.Id), "soonest first");
        Assert.DoesNotContain(notForMe.Id, ids);
        Assert.DoesNotContain(cancelled.Id, ids);
        Assert.Equal(all.OrderBy(o => o.StartsAt).Select(o => o.StartsAt), all.Select(o => o.StartsAt));
        var mine = all.Single(o => o.Id == later.Id);
        Assert.Equal((RegistrationStatus.Registered, false, 9), (mine.MyStatus, mine.CanRegister, mine.PlacesLeft));
        var open = all.Single(o => o.Id == sooner.Id);
        Assert.Equal(((RegistrationStatus?)null, true, 10, 40L), (open.MyStatus, open.CanRegister, open.PlacesLeft, open.PointsForAttending));

        using var hidden = await me.Client.GetAsync($"{MyEvents}/{notForMe.Id}");
        await hidden.AssertProblemAsync(HttpStatusCode.NotFound, "club_event_not_found");
        using var notEligible = await me.RegisterAsync(notForMe.Id);
        await notEligible.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "club_event_not_eligible");
        using var unknown = await me.RegisterAsync(Guid.NewGuid());
        await unknown.AssertProblemAsync(HttpStatusCode.NotFound, "club_event_not_found");
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Registration_and_cancellation_windows_are_enforced(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        var now = s.Api.Clock.GetUtcNow();
        var request = s.NewEvent(capacity: 5, startsIn: TimeSpan.FromDays(10), opens: now.AddDays(1), closes: now.AddDays(5), cancelBy: now.AddDays(7));
        var e = await s.CreateEventAsync(request);
        var early = await s.JoinAsync();
        var me = await s.JoinAsync();

        using (var tooEarly = await early.RegisterAsync(e.Id))
        {
            await tooEarly.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "registration_not_open");
        }

        Assert.False((await early.MyViewAsync(e.Id)).CanRegister);
        using (s.Api.Clock.Travel(TimeSpan.FromDays(1)))
        {
            await me.RegisterOkAsync(e.Id);
        }

        using (s.Api.Clock.Travel(TimeSpan.FromDays(5)))
        {
            using var tooLate = await early.RegisterAsync(e.Id);
            await tooLate.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "registration_closed");
        }

        using (s.Api.Clock.Travel(TimeSpan.FromDays(7)))
        {
            using var cancelLate = await me.CancelAsync(e.Id);
            await cancelLate.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "cancellation_closed");
        }

        using (s.Api.Clock.Travel(TimeSpan.FromDays(11)))
        {
            using var over = await early.RegisterAsync(e.Id);
            await over.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "club_event_ended");
            using var gone = await early.Client.GetAsync($"{MyEvents}/{e.Id}");
            await gone.AssertProblemAsync(HttpStatusCode.NotFound, "club_event_not_found");
            Assert.Equal(RegistrationStatus.Registered, (await me.MyViewAsync(e.Id)).MyStatus);
        }

        using (s.Api.Clock.Travel(TimeSpan.FromDays(6)))
        {
            Assert.Equal(RegistrationStatus.Registered, (await me.MyViewAsync(e.Id)).MyStatus);
        }
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_suspended_or_unenrolled_caller_cannot_register(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        var e = await s.CreateEventAsync(s.NewEvent());
        var suspended = await s.JoinAsync();
        await s.SetStatusAsync(suspended, Loyalty.Domain.Social.Members.MemberStatus.Suspended);

        using var refused = await suspended.RegisterAsync(e.Id);
        await refused.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "member_suspended");
        Assert.False((await suspended.MyViewAsync(e.Id)).CanRegister);

        using var stranger = await s.MemberClient("nobody-" + Unique.Id()).PostAsync($"{MyEvents}/{e.Id}/registration", null);
        await stranger.AssertProblemAsync(HttpStatusCode.NotFound, "member_not_found");
        using var anonymous = await s.Api.CreateClient().GetAsync(MyEvents);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task My_registrations_list_every_status_latest_event_first_and_never_another_members(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        var me = await s.JoinAsync();
        var someoneElse = await s.JoinAsync();
        var first = await s.CreateEventAsync(s.NewEvent(startsIn: TimeSpan.FromDays(2)));
        var second = await s.CreateEventAsync(s.NewEvent(startsIn: TimeSpan.FromDays(4)));
        var theirs = await s.CreateEventAsync(s.NewEvent(startsIn: TimeSpan.FromDays(3)));
        await me.RegisterOkAsync(first.Id);
        await me.RegisterOkAsync(second.Id);
        await me.CancelOkAsync(first.Id);
        await someoneElse.RegisterOkAsync(theirs.Id);

        var page1 = await me.Client.GetJsonAsync<Page<ClubEventRegistrationResponse>>($"{MyEvents}/registrations?limit=1");
        var page2 = await me.Client.GetJsonAsync<Page<ClubEventRegistrationResponse>>($"{MyEvents}/registrations?limit=1&cursor={page1.NextCursor}");

        Assert.Equal((second.Id, RegistrationStatus.Registered), (page1.Items[0].EventId, page1.Items[0].Status));
        Assert.Equal((first.Id, RegistrationStatus.Cancelled), (page2.Items[0].EventId, page2.Items[0].Status));
        Assert.Null(page2.NextCursor);

        using var notMine = await someoneElse.CancelAsync(first.Id);
        await notMine.AssertProblemAsync(HttpStatusCode.NotFound, "registration_not_found");
    }
}
