using System.Net;
using System.Net.Http.Json;
using Loyalty.Api.Tests.Infrastructure;
using Loyalty.Contracts.Admin;
using Loyalty.Contracts.Common;
using Loyalty.Domain.Structural.Outbox;
using Loyalty.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using static Loyalty.Api.Tests.ClubEvents.ClubEventKit;

namespace Loyalty.Api.Tests.ClubEvents;

[Collection(ApiCollection.Name)]
public sealed class ClubEventAdminTests(ApiFixture fixture)
{
    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Marketing_creates_changes_and_lists_an_event_and_every_change_is_audited(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        var marketing = s.Api.CreateClient().WithBearer(TestTokens.Marketing());
        var member = await s.JoinAsync();
        var request = s.NewEvent(capacity: 3, tiers: [member.TierId]);

        var created = await marketing.PostJsonAsync<ClubEventResponse>(AdminEvents, request);

        Assert.Equal((request.Title, ClubEventStatus.Scheduled, 3, 3, 0, 0), (created.Title, created.Status, created.Capacity, created.PlacesLeft, created.Registered, created.Waitlisted));
        Assert.Equal([member.TierId], created.EligibleTierIds);
        Assert.Equal(request.StartsAt, created.StartsAt);
        Assert.Equal((s.PartnerInfo.Id, s.Store.Id), (created.PartnerId, created.StoreId));

        await member.RegisterOkAsync(created.Id);
        using var put = await marketing.PutAsJsonAsync($"{AdminEvents}/{created.Id}", request with { Title = "Renamed " + Unique.Id(), Capacity = 5, OnlineUrl = null }, HttpTestExtensions.Json);
        await put.EnsureStatusAsync(HttpStatusCode.OK);
        var fetched = await s.GetEventAsync(created.Id);
        Assert.Equal((5, 1, 4), (fetched.Capacity, fetched.Registered, fetched.PlacesLeft));
        Assert.StartsWith("Renamed", fetched.Title, StringComparison.Ordinal);

        var listed = await FindInListAsync(s, created.Id, request.StartsAt.AddMinutes(-1));
        Assert.Equal(1, listed.Registered);

        await using var db = s.Api.CreateDbContext();
        var actions = await db.AuditLog.AsNoTracking().Where(a => a.EntityId == created.Id.ToString()).Select(a => a.Action).ToListAsync();
        Assert.Equal(["club_event.created", "club_event.updated"], actions.Order());
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Bad_events_are_refused_with_clear_codes(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        var other = await Scenario.StartAsync(s.Api);
        var good = s.NewEvent();

        using var noTitle = await s.Admin.PostAsync(AdminEvents, good with { Title = "" }, null);
        var problem = await noTitle.AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        Assert.True(problem.GetProperty("errors").TryGetProperty("title", out _));
        using var backwards = await s.Admin.PostAsync(AdminEvents, good with { EndsAt = good.StartsAt.AddHours(-1) }, null);
        await backwards.AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        using var zero = await s.Admin.PostAsync(AdminEvents, good with { Capacity = 0 }, null);
        await zero.AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        using var bothPlaces = await s.Admin.PostAsync(AdminEvents, good with { OnlineUrl = "https://meet.example/club" }, null);
        await bothPlaces.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "invalid_club_event");
        using var lateWindow = await s.Admin.PostAsync(AdminEvents, good with { RegistrationClosesAt = good.StartsAt.AddMinutes(1) }, null);
        await lateWindow.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "invalid_club_event");
        using var unknownTier = await s.Admin.PostAsync(AdminEvents, good with { EligibleTierIds = [Guid.NewGuid()] }, null);
        await unknownTier.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "unknown_tier");
        using var foreignStore = await s.Admin.PostAsync(AdminEvents, good with { StoreId = other.Store.Id }, null);
        await foreignStore.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "unknown_store");
        using var unknownPartner = await s.Admin.PostAsync(AdminEvents, good with { PartnerId = Guid.NewGuid(), StoreId = null }, null);
        await unknownPartner.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "unknown_partner");
        using var missing = await s.Admin.GetAsync($"{AdminEvents}/{Guid.NewGuid()}");
        await missing.AssertProblemAsync(HttpStatusCode.NotFound, "club_event_not_found");
        using var badCursor = await s.Admin.GetAsync($"{AdminEvents}?cursor=nonsense");
        await badCursor.AssertProblemAsync(HttpStatusCode.BadRequest, "invalid_cursor");
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Capacity_cannot_drop_below_the_places_taken_and_raising_it_promotes_the_waiting_list_in_order(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        var request = s.NewEvent(capacity: 2);
        var e = await s.CreateEventAsync(request);
        var members = new List<EventMember>();
        for (var i = 0; i < 5; i++)
        {
            members.Add(await s.JoinAsync());
            await members[i].RegisterOkAsync(e.Id);
        }

        using var tooSmall = await s.Admin.PutAsJsonAsync($"{AdminEvents}/{e.Id}", request with { Capacity = 1 }, HttpTestExtensions.Json);
        await tooSmall.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "capacity_below_registrations");

        using var bigger = await s.Admin.PutAsJsonAsync($"{AdminEvents}/{e.Id}", request with { Capacity = 4 }, HttpTestExtensions.Json);
        await bigger.EnsureStatusAsync(HttpStatusCode.OK);

        Assert.Equal([RegistrationStatus.Registered, RegistrationStatus.Registered, RegistrationStatus.Registered, RegistrationStatus.Registered, RegistrationStatus.Waitlisted], await StatusesAsync(members, e.Id));
        Assert.Equal(1, (await members[4].MyViewAsync(e.Id)).MyWaitlistPosition);
        Assert.Single(await s.OutboxPayloadsAsync(members[2].Id, EventTypes.ClubEventWaitlistPromoted));
        Assert.Single(await s.OutboxPayloadsAsync(members[3].Id, EventTypes.ClubEventWaitlistPromoted));
        Assert.Empty(await s.OutboxPayloadsAsync(members[4].Id, EventTypes.ClubEventWaitlistPromoted));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Cancelling_an_event_cancels_every_registration_and_notifies_each_member(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        var e = await s.CreateEventAsync(s.NewEvent(capacity: 1));
        var registered = await s.JoinAsync();
        var waiting = await s.JoinAsync();
        await registered.RegisterOkAsync(e.Id);
        await waiting.RegisterOkAsync(e.Id);

        var cancelled = await s.Admin.PostJsonAsync<ClubEventResponse>($"{AdminEvents}/{e.Id}/cancel", new CancelClubEventRequest("Venue flooded"));

        Assert.Equal((ClubEventStatus.Cancelled, "Venue flooded", 0, 0), (cancelled.Status, cancelled.CancellationReason, cancelled.Registered, cancelled.Waitlisted));
        foreach (var m in new[] { registered, waiting })
        {
            var mine = await m.Client.GetJsonAsync<Page<Contracts.Member.ClubEventRegistrationResponse>>($"{MyEvents}/registrations");
            var registration = Assert.Single(mine.Items, r => r.EventId == e.Id);
            Assert.Equal((RegistrationStatus.Cancelled, ClubEventStatus.Cancelled), (registration.Status, registration.EventStatus));
            var message = Assert.Single(await s.OutboxPayloadsAsync(m.Id, EventTypes.ClubEventCancelled));
            Assert.Contains("Venue flooded", message, StringComparison.Ordinal);
        }

        Assert.Empty(await s.OutboxPayloadsAsync(waiting.Id, EventTypes.ClubEventWaitlistPromoted));
        using var again = await s.Admin.PostAsync($"{AdminEvents}/{e.Id}/cancel", new CancelClubEventRequest("again"), null);
        await again.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "club_event_cancelled");
        using var register = await (await s.JoinAsync()).RegisterAsync(e.Id);
        await register.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "club_event_cancelled");
        using var checkIn = await s.StaffCheckInAsync(e.Id, registered.Number);
        await checkIn.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "club_event_cancelled");
        using var change = await s.Admin.PutAsJsonAsync($"{AdminEvents}/{e.Id}", s.NewEvent(), HttpTestExtensions.Json);
        await change.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "club_event_cancelled");
        using var noReason = await s.Admin.PostAsync($"{AdminEvents}/{e.Id}/cancel", new CancelClubEventRequest(""), null);
        await noReason.AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Staff_see_registrations_in_joining_order_and_the_waiting_list_with_positions(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        var e = await s.CreateEventAsync(s.NewEvent(capacity: 1));
        var members = new List<EventMember>();
        for (var i = 0; i < 4; i++)
        {
            members.Add(await s.JoinAsync());
            await members[i].RegisterOkAsync(e.Id);
        }

        await members[1].CancelOkAsync(e.Id);

        var all = await s.Admin.GetJsonAsync<Page<ClubEventAttendeeResponse>>($"{AdminEvents}/{e.Id}/registrations");
        Assert.Equal(members.Select(m => m.Number), all.Items.Select(a => a.MemberNumber));
        Assert.Equal([RegistrationStatus.Registered, RegistrationStatus.Cancelled, RegistrationStatus.Waitlisted, RegistrationStatus.Waitlisted], all.Items.Select(a => a.Status));

        var first = await s.Admin.GetJsonAsync<Page<ClubEventAttendeeResponse>>($"{AdminEvents}/{e.Id}/registrations?status=waitlisted&limit=1");
        var second = await s.Admin.GetJsonAsync<Page<ClubEventAttendeeResponse>>($"{AdminEvents}/{e.Id}/registrations?status=Waitlisted&limit=1&cursor={first.NextCursor}");
        Assert.Equal((members[2].Number, 1), (first.Items[0].MemberNumber, first.Items[0].WaitlistPosition!.Value));
        Assert.Equal((members[3].Number, 2), (second.Items[0].MemberNumber, second.Items[0].WaitlistPosition!.Value));
        Assert.Null(second.NextCursor);

        using var badStatus = await s.Admin.GetAsync($"{AdminEvents}/{e.Id}/registrations?status=Maybe");
        await badStatus.AssertProblemAsync(HttpStatusCode.BadRequest, "invalid_status");
        using var number = await s.Admin.GetAsync($"{AdminEvents}/{e.Id}/registrations?status=1"); // names only, as the document lists them
        await number.AssertProblemAsync(HttpStatusCode.BadRequest, "invalid_status");
        using var missing = await s.Admin.GetAsync($"{AdminEvents}/{Guid.NewGuid()}/registrations");
        await missing.AssertProblemAsync(HttpStatusCode.NotFound, "club_event_not_found");
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Members_and_partners_cannot_reach_the_organisers_endpoints(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        var e = await s.CreateEventAsync(s.NewEvent());
        var member = await s.JoinAsync();

        using var asMember = await member.Client.PostAsync($"{AdminEvents}/{e.Id}/check-ins", new StaffCheckInRequest(member.Number), null);
        Assert.Equal(HttpStatusCode.Forbidden, asMember.StatusCode);
        using var asPartner = await s.Partner.GetAsync($"{AdminEvents}/{e.Id}/registrations");
        Assert.True(asPartner.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden, $"got {asPartner.StatusCode}");
        using var anonymous = await s.Api.CreateClient().GetAsync($"{AdminEvents}/{e.Id}");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    private static async Task<ClubEventResponse> FindInListAsync(Scenario s, Guid id, DateTimeOffset endingAfter)
    {
        string? cursor = null;
        do
        {
            var page = await s.Admin.GetJsonAsync<Page<ClubEventResponse>>($"{AdminEvents}?limit=200&endingAfter={Uri.EscapeDataString(endingAfter.ToString("O"))}" + (cursor is null ? "" : "&cursor=" + cursor));
            Assert.All(page.Items, e => Assert.True(e.EndsAt > endingAfter));
            if (page.Items.FirstOrDefault(e => e.Id == id) is { } found)
            {
                return found;
            }

            cursor = page.NextCursor;
        }
        while (cursor is not null);
        throw new Xunit.Sdk.XunitException("The event is not in the list.");
    }

    private static async Task<List<RegistrationStatus>> StatusesAsync(IEnumerable<EventMember> members, Guid eventId)
    {
        var statuses = new List<RegistrationStatus>();
        foreach (var m in members)
        {
            statuses.Add((await m.MyViewAsync(eventId)).MyStatus!.Value);
        }

        return statuses;
    }
}
