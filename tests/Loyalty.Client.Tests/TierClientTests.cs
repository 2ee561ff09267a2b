using Loyalty.Api.Tests.Infrastructure;
using Loyalty.Contracts.Common;
using Loyalty.Contracts.Member;

namespace Loyalty.Client.Tests;

[Collection(ClientCollection.Name)]
public sealed class TierClientTests(ClientFixture fixture)
{
    [Fact]
    public async Task A_member_reads_their_tier_progress_and_tier_history()
    {
        var s = await Scenario.StartAsync(fixture.Factory);
        var id = Unique.Id();
        var api = fixture.MemberApi("tier-client-" + id);
        var enrolled = await api.EnrolAsync(new SelfEnrolRequest("Tia", "Tier", $"tia{id}@example.com", null, null));

        await s.EarnAsync(enrolled.MemberNumber, 400m);
        var bronze = await api.GetTierAsync();
        Assert.Equal(("Bronze", 400L, 600L), (bronze.Tier.Name, bronze.Activity.PointsEarned, bronze.Next!.Remaining.PointsEarned));
        Assert.Equal("Earn 600 more points to reach Silver.", bronze.Progress);

        await s.EarnAsync(enrolled.MemberNumber, 600m);
        Assert.Equal("Silver", (await api.GetTierAsync()).Tier.Name);
        var first = await api.GetTierHistoryAsync(limit: 1);
        Assert.Equal((TierChangeReason.Qualified, "Silver"), (Assert.Single(first.Items).Reason, first.Items[0].To.Name));
        var second = await api.GetTierHistoryAsync(limit: 1, cursor: first.NextCursor);
        Assert.Equal(TierChangeReason.Enrolment, Assert.Single(second.Items).Reason);
        Assert.Null(second.NextCursor);
    }
}
