using System.Net;
using Loyalty.Api.Tests.Infrastructure;
using Loyalty.Contracts.Admin;
using Loyalty.Contracts.Common;
using Loyalty.Contracts.Partner;
using Loyalty.Domain.Financial.Ledger;
using Loyalty.Domain.Social.Members;
using Loyalty.Domain.Structural.ApiKeys;
using Loyalty.Domain.Structural.Outbox;
using Loyalty.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using static Loyalty.Api.Tests.ClubEvents.ClubEventKit;

namespace Loyalty.Api.Tests.ClubEvents;

[Collection(ApiCollection.Name)]
public sealed class ClubEventCheckInTests(ApiFixture fixture)
{
    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_hosting_partner_checks_a_member_in_and_the_points_are_credited_once(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        var e = await s.CreateEventAsync(s.NewEvent(points: 40));
        var me = await s.JoinAsync();
        var registration = await me.RegisterOkAsync(e.Id);

        using var first = await s.Partner.PartnerCheckInAsync(e.Id, me.Number, s.Store.Id);
        var checkIn = await first.ReadCheckInAsync(HttpStatusCode.Created);

        Assert.Equal((registration.RegistrationId, e.Id, me.Number, CheckInChannel.Partner, 40L, false), (checkIn.RegistrationId, checkIn.EventId, checkIn.MemberNumber, checkIn.Channel, checkIn.PointsAwarded, checkIn.AlreadyCheckedIn));
        using var byStaff = await s.StaffCheckInAsync(e.Id, me.Number);
        var again = await byStaff.ReadCheckInAsync(HttpStatusCode.OK);
        Assert.Equal((true, CheckInChannel.Partner, checkIn.CheckedInAt, 40L), (again.AlreadyCheckedIn, again.Channel, again.CheckedInAt, again.PointsAwarded));

        Assert.Equal(40, await s.AssertBalanceEqualsLedgerAsync(me.Number));
        await using var db = s.Api.CreateDbContext();
        var bonus = await db.LedgerEntries.AsNoTracking().SingleAsync(x => x.MemberId == me.Id && x.Type == LedgerEntryType.Bonus);
        Assert.Equal((40L, (Guid?)registration.RegistrationId, (Guid?)s.PartnerInfo.Id, (Guid?)s.Store.Id), (bonus.Points, bonus.ReferenceId, bonus.PartnerId, bonus.StoreId));
        var message = Assert.Single(await s.OutboxPayloadsAsync(me.Id, EventTypes.ClubEventCheckedIn));
        Assert.Contains(registration.RegistrationId.ToString(), message, StringComparison.Ordinal);

        var mine = await me.Client.GetJsonAsync<Page<Contracts.Member.ClubEventRegistrationResponse>>($"{MyEvents}/registrations");
        Assert.Equal((RegistrationStatus.CheckedIn, 40L), (mine.Items.Single(r => r.EventId == e.Id).Status, mine.Items.Single(r => r.EventId == e.Id).PointsAwarded));
        using var cancelAfter = await me.CancelAsync(e.Id);
        await cancelAfter.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "registration_checked_in");
        var counts = await s.GetEventAsync(e.Id);
        Assert.Equal((0, 1, 9), (counts.Registered, counts.CheckedIn, counts.PlacesLeft));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Staff_check_in_an_event_without_points_and_nothing_is_credited(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        var e = await s.CreateEventAsync(s.NewEvent(points: 0, hosted: false));
        var me = await s.JoinAsync();
        await me.RegisterOkAsync(e.Id);

        using var response = await s.StaffCheckInAsync(e.Id, me.Number);
        var checkIn = await response.ReadCheckInAsync(HttpStatusCode.Created);

        Assert.Equal((CheckInChannel.Staff, 0L), (checkIn.Channel, checkIn.PointsAwarded));
        Assert.Equal(0, await s.AssertBalanceEqualsLedgerAsync(me.Number));
        using var partnerTry = await s.Partner.PartnerCheckInAsync(e.Id, me.Number, s.Store.Id);
        await partnerTry.AssertProblemAsync(HttpStatusCode.NotFound, "club_event_not_found");
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Walk_ins_waiting_members_and_check_ins_outside_the_window_are_refused(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        var e = await s.CreateEventAsync(s.NewEvent(capacity: 1));
        var registered = await s.JoinAsync();
        var waiting = await s.JoinAsync();
        var walkIn = await s.JoinAsync();
        await registered.RegisterOkAsync(e.Id);
        await waiting.RegisterOkAsync(e.Id);

        using (var notRegistered = await s.StaffCheckInAsync(e.Id, walkIn.Number))
        {
            await notRegistered.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "not_registered");
        }

        using (var onTheList = await s.Partner.PartnerCheckInAsync(e.Id, waiting.Number, s.Store.Id))
        {
            await onTheList.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "registration_waitlisted");
        }

        using (var unknownNumber = await s.StaffCheckInAsync(e.Id, "123"))
        {
            await unknownNumber.AssertProblemAsync(HttpStatusCode.BadRequest, "invalid_member_number");
        }

        using (var missingEvent = await s.StaffCheckInAsync(Guid.NewGuid(), registered.Number))
        {
            await missingEvent.AssertProblemAsync(HttpStatusCode.NotFound, "club_event_not_found");
        }

        using (s.Api.Clock.Travel(TimeSpan.FromMinutes(30) + TimeSpan.FromHours(2) + ClubEventWindow.ClosesAfterEnd))
        {
            using var late = await s.StaffCheckInAsync(e.Id, registered.Number);
            await late.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "check_in_closed");
        }

        var future = await s.CreateEventAsync(s.NewEvent(startsIn: TimeSpan.FromHours(3)));
        await walkIn.RegisterOkAsync(future.Id);
        using (var early = await s.StaffCheckInAsync(future.Id, walkIn.Number))
        {
            await early.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "check_in_not_open");
        }

        await s.SetStatusAsync(registered, Loyalty.Domain.Social.Members.MemberStatus.Suspended);
        using (var suspended = await s.StaffCheckInAsync(e.Id, registered.Number))
        {
            await suspended.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "member_suspended");
        }

        Assert.Equal(0, await s.AssertBalanceEqualsLedgerAsync(registered.Number));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Another_partners_key_cannot_check_in_at_an_event_it_does_not_host(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        var attacker = await Scenario.StartAsync(s.Api);
        var e = await s.CreateEventAsync(s.NewEvent());
        var me = await s.JoinAsync();
        await me.RegisterOkAsync(e.Id);

        using (var foreign = await attacker.Partner.PartnerCheckInAsync(e.Id, me.Number, attacker.Store.Id))
        {
            await foreign.AssertProblemAsync(HttpStatusCode.NotFound, "club_event_not_found");
        }

        using (var foreignWithVictimsStore = await attacker.Partner.PartnerCheckInAsync(e.Id, me.Number, s.Store.Id))
        {
            await foreignWithVictimsStore.AssertProblemAsync(HttpStatusCode.NotFound, "club_event_not_found");
        }

        using (var hostWithForeignStore = await s.Partner.PartnerCheckInAsync(e.Id, me.Number, attacker.Store.Id))
        {
            await hostWithForeignStore.AssertProblemAsync(HttpStatusCode.NotFound, "store_not_found");
        }

        var secondStore = await s.Admin.PostJsonAsync<StoreResponse>($"/api/v1/admin/partners/{s.PartnerInfo.Id}/stores", new CreateStoreRequest("Harbour", "S-" + Unique.Id(), "Springfield"));
        using (var wrongStore = await s.Partner.PartnerCheckInAsync(e.Id, me.Number, secondStore.Id))
        {
            await wrongStore.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "club_event_wrong_store");
        }

        var readOnly = await s.Admin.PostJsonAsync<ApiKeyCreatedResponse>($"/api/v1/admin/partners/{s.PartnerInfo.Id}/api-keys", new CreateApiKeyRequest("reader", [ApiKeyScopes.MembersRead]));
        using (var noScope = await s.Api.CreateClient().WithApiKey(readOnly.Key).PartnerCheckInAsync(e.Id, me.Number, s.Store.Id))
        {
            Assert.Equal(HttpStatusCode.Forbidden, noScope.StatusCode);
        }

        using (var noKey = await s.Partner.PartnerCheckInAsync(e.Id, me.Number, s.Store.Id, idempotencyKey: null))
        {
            await noKey.AssertProblemAsync(HttpStatusCode.BadRequest, "idempotency_key_required");
        }

        var attackersList = await attacker.Partner.GetJsonAsync<Page<PartnerClubEventResponse>>(PartnerEvents);
        Assert.DoesNotContain(attackersList.Items, x => x.Id == e.Id);
        var hostsList = await s.Partner.GetJsonAsync<Page<PartnerClubEventResponse>>(PartnerEvents);
        Assert.Equal(1, hostsList.Items.Single(x => x.Id == e.Id).Registered);

        Assert.Equal(0, await s.AssertBalanceEqualsLedgerAsync(me.Number));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_retried_partner_check_in_replays_the_first_answer(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        var e = await s.CreateEventAsync(s.NewEvent(points: 15));
        var me = await s.JoinAsync();
        await me.RegisterOkAsync(e.Id);
        var key = Guid.NewGuid().ToString();

        using var first = await s.Partner.PartnerCheckInAsync(e.Id, me.Number, s.Store.Id, key);
        using var retry = await s.Partner.PartnerCheckInAsync(e.Id, me.Number, s.Store.Id, key);

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Created), (first.StatusCode, retry.StatusCode));
        Assert.True(retry.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(15, await s.AssertBalanceEqualsLedgerAsync(me.Number));
    }
}

/// <summary>The check-in window's tail, as the domain defines it.</summary>
internal static class ClubEventWindow
{
    public static readonly TimeSpan ClosesAfterEnd = Domain.Social.ClubEvents.ClubEvent.CheckInClosesAfterEnd;
}
