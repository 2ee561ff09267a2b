using Loyalty.Api.Tests.Financial;
using Loyalty.Api.Tests.Infrastructure;
using Loyalty.Contracts.Admin;
using Loyalty.Contracts.Common;
using Loyalty.Contracts.Member;

namespace Loyalty.Client.Tests;

[Collection(ClientCollection.Name)]
public sealed class LifecycleClientTests(ClientFixture fixture)
{
    [Fact]
    public async Task A_member_exports_their_data_and_closes_their_membership_through_the_client()
    {
        var s = await Scenario.StartAsync(fixture.Factory);
        var id = Unique.Id();
        var api = fixture.MemberApi("app-closing-" + id);
        var enrolled = await api.EnrolAsync(new SelfEnrolRequest("Cleo", "Leaving", $"cleo{id}@example.com", null, null));
        await s.EarnAsync(enrolled.MemberNumber, 25m);

        var export = await api.ExportMyDataAsync();
        Assert.Equal(enrolled.MemberNumber, export.MemberNumber);
        Assert.Equal("Cleo", export.Sections["profile"].GetProperty("firstName").GetString());

        await using (await PointsTestKit.PolicyAsync(s, p => p with { PointsOnClose = PointsOnClose.Forfeit }))
        {
            var refused = await Assert.ThrowsAsync<LoyaltyValidationException>(() => api.CloseMembershipAsync(new CloseMyMembershipRequest(false), IdempotencyKeys.New()));
            Assert.Equal("validation_failed", refused.Code);

            var closed = await api.CloseMembershipAsync(new CloseMyMembershipRequest(true), IdempotencyKeys.New());
            Assert.Equal((MemberStatus.Closed, 25L, 0L), (closed.Status, closed.PointsForfeited, closed.AvailablePoints));
        }

        Assert.Equal(MemberStatus.Closed, (await api.GetProfileAsync()).Status);
    }
}
