using System.Net;
using System.Text.Json;
using Loyalty.Api.Tests.Infrastructure;
using Loyalty.Contracts.Admin;
using Loyalty.Contracts.Common;
using Loyalty.Domain.Financial.Ledger;
using Loyalty.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using static Loyalty.Api.Tests.ClubEvents.ClubEventKit;

namespace Loyalty.Api.Tests.ClubEvents;

/// <summary>Real parallel requests against the rules that must hold however many arrive at once.</summary>
[Collection(ApiCollection.Name)]
public sealed class ClubEventRaceTests(ApiFixture fixture)
{
    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Twenty_members_racing_for_the_last_three_places_never_overbook(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        var e = await s.CreateEventAsync(s.NewEvent(capacity: 5, startsIn: TimeSpan.FromDays(2)));
        for (var i = 0; i < 2; i++)
        {
            await (await s.JoinAsync()).RegisterOkAsync(e.Id);
        }

        var racers = new List<EventMember>();
        for (var i = 0; i < 20; i++)
        {
            racers.Add(await s.JoinAsync());
        }

        var results = await RaceAsync(racers, m => m.RegisterAsync(e.Id));

        Assert.All(results, r => Assert.True(r.Status == HttpStatusCode.Created, $"{r.Status}: {r.Body}"));
        var statuses = results.Select(r => JsonDocument.Parse(r.Body).RootElement).ToList();
        Assert.Equal(3, statuses.Count(x => x.GetProperty("status").GetString() == "registered"));
        var positions = statuses.Where(x => x.GetProperty("status").GetString() == "waitlisted").Select(x => x.GetProperty("waitlistPosition").GetInt32()).Order();
        Assert.Equal(Enumerable.Range(1, 17), positions);

        var counts = await s.GetEventAsync(e.Id);
        Assert.Equal((5, 17, 0), (counts.Registered, counts.Waitlisted, counts.PlacesLeft));
        var waitlist = await s.Admin.GetJsonAsync<Page<ClubEventAttendeeResponse>>($"{AdminEvents}/{e.Id}/registrations?status=Waitlisted");
        Assert.Equal(Enumerable.Range(1, 17), waitlist.Items.Select(a => a.WaitlistPosition!.Value));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Cancellations_and_registrations_racing_keep_capacity_and_promote_each_freed_place_once(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        var e = await s.CreateEventAsync(s.NewEvent(capacity: 6, startsIn: TimeSpan.FromDays(2)));
        var holders = new List<EventMember>();
        for (var i = 0; i < 6; i++)
        {
            holders.Add(await s.JoinAsync());
            await holders[i].RegisterOkAsync(e.Id);
        }

        var waiting = new List<EventMember>();
        for (var i = 0; i < 4; i++)
        {
            waiting.Add(await s.JoinAsync());
            await waiting[i].RegisterOkAsync(e.Id);
        }

        var newcomers = new List<EventMember>();
        for (var i = 0; i < 10; i++)
        {
            newcomers.Add(await s.JoinAsync());
        }

        // Three places are given up while ten newcomers register: the waiting list is served first, in order.
        var cancels = holders.Take(3).Select(m => (Func<Task<HttpResponseMessage>>)(() => m.CancelAsync(e.Id)));
        var registers = newcomers.Select(m => (Func<Task<HttpResponseMessage>>)(() => m.RegisterAsync(e.Id)));
        var results = await RaceAsync(cancels.Concat(registers).ToList(), send => send());

        Assert.All(results, r => Assert.True(r.Status is HttpStatusCode.OK or HttpStatusCode.Created, $"{r.Status}: {r.Body}"));
        var counts = await s.GetEventAsync(e.Id);
        Assert.Equal((6, 11, 0), (counts.Registered, counts.Waitlisted, counts.PlacesLeft));
        Assert.Equal([RegistrationStatus.Registered, RegistrationStatus.Registered, RegistrationStatus.Registered, RegistrationStatus.Waitlisted], await StatusesAsync(waiting, e.Id));
        Assert.All(newcomers, m => Assert.Equal(RegistrationStatus.Waitlisted, m.MyViewAsync(e.Id).Result.MyStatus));
        var waitlist = await s.Admin.GetJsonAsync<Page<ClubEventAttendeeResponse>>($"{AdminEvents}/{e.Id}/registrations?status=Waitlisted");
        Assert.Equal(waiting[3].Number, waitlist.Items[0].MemberNumber);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Concurrent_check_ins_by_staff_and_partner_keys_credit_the_points_exactly_once(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        var e = await s.CreateEventAsync(s.NewEvent(points: 75));
        var me = await s.JoinAsync();
        var registration = await me.RegisterOkAsync(e.Id);
        var secondKey = await s.Admin.PostJsonAsync<ApiKeyCreatedResponse>($"/api/v1/admin/partners/{s.PartnerInfo.Id}/api-keys", new CreateApiKeyRequest("door", [Domain.Structural.ApiKeys.ApiKeyScopes.PointsEarn]));
        var door = s.Api.CreateClient().WithApiKey(secondKey.Key);

        var attempts = Enumerable.Range(0, 12).Select(i => (i % 3) switch
        {
            0 => (Func<Task<HttpResponseMessage>>)(() => s.StaffCheckInAsync(e.Id, me.Number)),
            1 => () => s.Partner.PartnerCheckInAsync(e.Id, me.Number, s.Store.Id),
            _ => () => door.PartnerCheckInAsync(e.Id, me.Number, s.Store.Id),
        }).ToList();
        var results = await RaceAsync(attempts, send => send());

        Assert.Single(results, r => r.Status == HttpStatusCode.Created);
        Assert.All(results.Where(r => r.Status != HttpStatusCode.Created), r =>
        {
            Assert.True(r.Status == HttpStatusCode.OK, $"{r.Status}: {r.Body}");
            Assert.True(JsonDocument.Parse(r.Body).RootElement.GetProperty("alreadyCheckedIn").GetBoolean());
        });
        Assert.Equal(75, await s.AssertBalanceEqualsLedgerAsync(me.Number));
        await using var db = s.Api.CreateDbContext();
        Assert.Equal(1, await db.LedgerEntries.CountAsync(x => x.MemberId == me.Id && x.Type == LedgerEntryType.Bonus && x.ReferenceId == registration.RegistrationId));
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
