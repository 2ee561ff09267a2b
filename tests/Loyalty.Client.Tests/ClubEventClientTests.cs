using Loyalty.Api.Tests.Infrastructure;
using Loyalty.Contracts.Admin;
using Loyalty.Contracts.Common;
using Loyalty.Contracts.Member;
using Loyalty.Contracts.Partner;

namespace Loyalty.Client.Tests;

[Collection(ClientCollection.Name)]
public sealed class ClubEventClientTests(ClientFixture fixture)
{
    [Fact]
    public async Task A_member_registers_in_the_app_and_the_hosting_partner_checks_them_in_once()
    {
        var s = await Scenario.StartAsync(fixture.Factory);
        var start = s.Api.Clock.GetUtcNow().AddMinutes(30);
        var created = await s.Admin.PostJsonAsync<ClubEventResponse>("/api/v1/admin/club-events", new ClubEventRequest(
            "Client event " + Unique.Id(), "Tasting", start, start.AddHours(2), "Roastery", "1 Bean Street", null, s.PartnerInfo.Id, s.Store.Id, 1, 25, null, null, null, null));
        var id = Unique.Id();
        var app = fixture.MemberApi("club-client-" + id);
        var me = await app.EnrolAsync(new SelfEnrolRequest("Anna", "Kowalski", $"club{id}@example.com", null, null));

        Assert.Contains((await app.GetClubEventsAsync(limit: 200)).Items, e => e.Id == created.Id);
        var registration = await app.RegisterForClubEventAsync(created.Id);
        Assert.Equal(RegistrationStatus.Registered, registration.Status);
        Assert.Equal(registration, await app.RegisterForClubEventAsync(created.Id));
        Assert.Equal(RegistrationStatus.Registered, (await app.GetClubEventAsync(created.Id)).MyStatus);

        var door = fixture.PartnerApi(s.Key.Key);
        Assert.Contains((await door.GetClubEventsAsync()).Items, e => e.Id == created.Id);
        var checkIn = await door.CheckInAtClubEventAsync(created.Id, new PartnerCheckInRequest(me.MemberNumber, s.Store.Id), IdempotencyKeys.New());
        var again = await door.CheckInAtClubEventAsync(created.Id, new PartnerCheckInRequest(me.MemberNumber, s.Store.Id), IdempotencyKeys.New());
        Assert.Equal((false, true, 25L), (checkIn.AlreadyCheckedIn, again.AlreadyCheckedIn, again.PointsAwarded));
        Assert.Equal(25, (await app.GetPointsBalanceAsync()).Available);

        Assert.Equal(RegistrationStatus.CheckedIn, Assert.Single((await app.GetClubEventRegistrationsAsync()).Items).Status);
        var refused = await Assert.ThrowsAsync<LoyaltyBusinessRuleException>(() => app.CancelClubEventRegistrationAsync(created.Id));
        Assert.Equal((422, "registration_checked_in"), (refused.Status, refused.Code));
    }
}
