using Loyalty.Api.Tests.Infrastructure;
using Loyalty.Contracts.Common;
using Loyalty.Contracts.Member;

namespace Loyalty.Client.Tests;

[Collection(ClientCollection.Name)]
public sealed class ReferralClientTests(ClientFixture fixture)
{
    [Fact]
    public async Task A_member_reads_their_code_a_friend_joins_with_it_and_a_wrong_code_is_a_typed_422()
    {
        var s = await Scenario.StartAsync(fixture.Factory);
        var id = Unique.Id();
        var anna = fixture.MemberApi("anna-" + id);
        await anna.EnrolAsync(new SelfEnrolRequest("Anna", "Kowalski", $"anna{id}@example.com", null, null));
        var mine = await anna.GetReferralsAsync();
        Assert.Equal(8, mine.Code.Length);
        Assert.Empty(mine.Referrals.Items);

        var partner = fixture.PartnerApi(s.Key.Key);
        var bob = await partner.EnrolMemberAsync(s.NewMember() with { FirstName = "Bob", ReferralCode = mine.FormattedCode }, Guid.NewGuid().ToString());
        var page = await anna.GetReferralsAsync(limit: 1);
        Assert.Equal((bob.DisplayName, ReferralStatus.Pending), (Assert.Single(page.Referrals.Items).DisplayName, page.Referrals.Items[0].Status));

        var eve = fixture.MemberApi("eve-" + id);
        var error = await Assert.ThrowsAsync<LoyaltyBusinessRuleException>(() =>
            eve.EnrolAsync(new SelfEnrolRequest("Eve", "Typo", $"eve{id}@example.com", null, null, "0000-0000")));
        Assert.Equal((422, "unknown_referral_code"), (error.Status, error.Code));
    }
}
