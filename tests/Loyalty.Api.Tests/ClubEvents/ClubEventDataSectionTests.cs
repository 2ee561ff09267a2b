using System.Text.Json;
using Loyalty.Api.Tests.Infrastructure;
using Loyalty.Application.Common;
using Loyalty.Application.Features.Social.Lifecycle;
using Loyalty.Contracts.Common;
using Loyalty.Infrastructure.Persistence;
using Microsoft.Extensions.DependencyInjection;

namespace Loyalty.Api.Tests.ClubEvents;

[Collection(ApiCollection.Name)]
public sealed class ClubEventDataSectionTests(ApiFixture fixture)
{
    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_member_data_export_holds_their_registrations_and_check_ins_only(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        var attended = await s.CreateEventAsync(s.NewEvent(points: 10));
        var skipped = await s.CreateEventAsync(s.NewEvent(startsIn: TimeSpan.FromDays(5)));
        var me = await s.JoinAsync();
        var other = await s.JoinAsync();
        await me.RegisterOkAsync(attended.Id);
        await me.RegisterOkAsync(skipped.Id);
        await me.CancelOkAsync(skipped.Id);
        await other.RegisterOkAsync(skipped.Id);
        (await s.StaffCheckInAsync(attended.Id, me.Number)).Dispose();

        await using var scope = s.Api.Services.CreateAsyncScope();
        var section = Assert.Single(scope.ServiceProvider.GetServices<IMemberDataSection>(), x => x.Name == "clubEvents");
        var export = JsonDocument.Parse(Json.Serialize(await section.ExportAsync(me.Id, CancellationToken.None))).RootElement;

        var rows = export.EnumerateArray().ToList();
        Assert.Equal(2, rows.Count);
        var checkedIn = rows.Single(r => r.GetProperty("eventId").GetGuid() == attended.Id);
        Assert.Equal(("checkedIn", "staff", 10), (checkedIn.GetProperty("status").GetString(), checkedIn.GetProperty("checkInChannel").GetString(), checkedIn.GetProperty("pointsAwarded").GetInt32()));
        Assert.Equal("cancelled", rows.Single(r => r.GetProperty("eventId").GetGuid() == skipped.Id).GetProperty("status").GetString());

        await section.EraseAsync(me.Id, CancellationToken.None);
        Assert.Equal(2, JsonDocument.Parse(Json.Serialize(await section.ExportAsync(me.Id, CancellationToken.None))).RootElement.GetArrayLength());
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Erasure_gives_up_the_members_upcoming_places_to_the_waiting_list_and_keeps_past_attendance(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        var attended = await s.CreateEventAsync(s.NewEvent(points: 10));
        var upcoming = await s.CreateEventAsync(s.NewEvent(capacity: 1, startsIn: TimeSpan.FromDays(5)));
        var me = await s.JoinAsync();
        var waiting = await s.JoinAsync();
        await me.RegisterOkAsync(attended.Id);
        (await s.StaffCheckInAsync(attended.Id, me.Number)).Dispose();
        await me.RegisterOkAsync(upcoming.Id);
        await waiting.RegisterOkAsync(upcoming.Id);

        await using (var scope = s.Api.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Loyalty.Application.Abstractions.ILoyaltyDbContext>();
            var gate = scope.ServiceProvider.GetRequiredService<Loyalty.Application.Abstractions.IWriteGate>();
            await using var transaction = await WriteTransaction.BeginAsync(db, gate, CancellationToken.None);
            var section = Assert.Single(scope.ServiceProvider.GetServices<IMemberDataSection>(), x => x.Name == "clubEvents");
            await section.EraseAsync(me.Id, CancellationToken.None);
            await transaction.CommitAsync(CancellationToken.None);
        }

        Assert.Equal(RegistrationStatus.Registered, (await waiting.MyViewAsync(upcoming.Id)).MyStatus);
        var counts = await s.GetEventAsync(attended.Id);
        Assert.Equal(1, counts.CheckedIn);
        Assert.Equal(10, await s.AssertBalanceEqualsLedgerAsync(me.Number));
    }
}
