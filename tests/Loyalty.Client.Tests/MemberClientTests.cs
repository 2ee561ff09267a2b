using Loyalty.Api.Tests.Financial;
using Loyalty.Api.Tests.Infrastructure;
using Loyalty.Contracts.Common;
using Loyalty.Contracts.Member;
using Loyalty.Contracts.Partner;

namespace Loyalty.Client.Tests;

[Collection(ClientCollection.Name)]
public sealed class MemberClientTests(ClientFixture fixture)
{
    [Fact]
    public async Task A_member_enrols_from_the_app_and_reads_profile_balance_and_paged_history()
    {
        var s = await Scenario.StartAsync(fixture.Factory);
        var id = Unique.Id();
        var api = fixture.MemberApi("app-user-" + id);

        var enrolled = await api.EnrolAsync(new SelfEnrolRequest(" Anna ", "Kowalski", $"anna{id}@example.com", null, new DateOnly(1990, 5, 17)));
        Assert.Equal(12, enrolled.MemberNumber.Length);
        Assert.Equal(("Anna", "Kowalski", MemberStatus.Active, "Bronze"), (enrolled.FirstName, enrolled.LastName, enrolled.Status, enrolled.Tier.Name));

        var profile = await api.GetProfileAsync();
        Assert.Equal(enrolled, profile);

        var empty = await api.GetPointsBalanceAsync();
        Assert.Equal((0L, 0L, 0L), (empty.Available, empty.Pending, empty.LifetimeEarned));
        Assert.Empty((await api.GetPointsHistoryAsync()).Items);

        await s.EarnAsync(enrolled.MemberNumber, 10m);
        await s.EarnAsync(enrolled.MemberNumber, 20m);
        await s.EarnAsync(enrolled.MemberNumber, 30m);

        var balance = await api.GetPointsBalanceAsync();
        Assert.Equal((60L, 60L), (balance.Available, balance.LifetimeEarned));

        var first = await api.GetPointsHistoryAsync(limit: 2);
        Assert.Equal([30L, 20L], first.Items.Select(e => e.Points)); // newest first
        Assert.All(first.Items, e => Assert.Equal((PointsEntryType.Earn, s.PartnerInfo.Name, s.Store.Name), (e.Type, e.PartnerName, e.StoreName)));
        Assert.NotNull(first.NextCursor);

        var second = await api.GetPointsHistoryAsync(limit: 2, cursor: first.NextCursor);
        Assert.Equal([10L], second.Items.Select(e => e.Points));
        Assert.Null(second.NextCursor);

        var all = await api.GetPointsHistoryAsync();
        Assert.Equal(first.Items.Concat(second.Items).Select(e => e with { Breakdown = null }), all.Items.Select(e => e with { Breakdown = null }));
        Assert.All(all.Items, e => Assert.Equal(e.Points, Assert.Single(e.Breakdown!, l => l.Kind == EarnLineKind.Base).Points)); // breakdown per rule
        Assert.Null(all.NextCursor);
    }

    [Fact]
    public async Task A_member_sees_when_their_points_expire()
    {
        var s = await Scenario.StartAsync(fixture.Factory);
        var id = Unique.Id();
        var api = fixture.MemberApi("app-user-" + id);
        var enrolled = await api.EnrolAsync(new SelfEnrolRequest("Ben", "Nowak", $"ben{id}@example.com", null, null));
        PurchaseResponse purchase;
        await using (await PointsTestKit.PolicyAsync(s, p => p.ExpiringAfterDays(90)))
        {
            purchase = await s.EarnAsync(enrolled.MemberNumber, 12m);
        }

        var expiring = await api.GetExpiringPointsAsync();
        var balance = await api.GetPointsBalanceAsync();

        var day = Assert.Single(expiring.Items);
        Assert.Equal((12L, purchase.RecordedAt.AddDays(90)), (day.Points, day.ExpiresAt));
        Assert.Equal(day, balance.NextExpiry);
    }

    [Fact]
    public async Task Enrolling_twice_throws_member_already_enrolled()
    {
        var id = Unique.Id();
        var api = fixture.MemberApi("app-user-" + id);
        await api.EnrolAsync(new SelfEnrolRequest("Anna", "Kowalski", $"anna{id}@example.com", null, null));

        var error = await Assert.ThrowsAsync<LoyaltyConflictException>(() =>
            api.EnrolAsync(new SelfEnrolRequest("Anna", "Kowalski", $"other{id}@example.com", null, null)));

        Assert.Equal((409, "member_already_enrolled"), (error.Status, error.Code));
    }

    [Fact]
    public async Task A_member_reads_the_tier_ladder_with_their_own_tier_marked()
    {
        var id = Unique.Id();
        var api = fixture.MemberApi("app-user-" + id);
        await api.EnrolAsync(new SelfEnrolRequest("Anna", "Kowalski", $"ladder{id}@example.com", null, null));

        var ladder = await api.GetTierLadderAsync();

        Assert.Equal("Bronze", Assert.Single(ladder.Tiers, t => t.IsMine).Name);
        Assert.Equal(["Bronze", "Silver", "Gold"], ladder.Tiers.Take(3).Select(t => t.Name));
        Assert.Equal(1_000L, ladder.Tiers[1].Qualify!.PointsEarned);
    }

    [Fact]
    public async Task A_subject_that_never_enrolled_gets_member_not_found()
    {
        var api = fixture.MemberApi("stranger-" + Unique.Id());

        var error = await Assert.ThrowsAsync<LoyaltyNotFoundException>(() => api.GetProfileAsync());

        Assert.Equal((404, "member_not_found"), (error.Status, error.Code));
    }

    [Fact]
    public async Task An_invalid_enrolment_throws_validation_failed_naming_the_fields()
    {
        var api = fixture.MemberApi("app-user-" + Unique.Id());

        var error = await Assert.ThrowsAsync<LoyaltyValidationException>(() =>
            api.EnrolAsync(new SelfEnrolRequest("", "Kowalski", "not-an-email", null, null)));

        Assert.Equal((400, "validation_failed"), (error.Status, error.Code));
        Assert.True(error.Errors.ContainsKey("email"), $"errors: {string.Join(", ", error.Errors.Keys)}");
        Assert.True(error.Errors.ContainsKey("firstName"), $"errors: {string.Join(", ", error.Errors.Keys)}");
    }

    [Fact]
    public async Task A_page_size_out_of_range_throws_invalid_limit()
    {
        var id = Unique.Id();
        var api = fixture.MemberApi("app-user-" + id);
        await api.EnrolAsync(new SelfEnrolRequest("Anna", "Kowalski", $"anna{id}@example.com", null, null));

        var error = await Assert.ThrowsAsync<LoyaltyValidationException>(() => api.GetPointsHistoryAsync(limit: 0));

        Assert.Equal((400, "invalid_limit"), (error.Status, error.Code));
    }

    [Fact]
    public async Task Without_a_token_the_member_api_answers_unauthenticated()
    {
        var api = LoyaltyClientFactory.CreateMemberApi(fixture.Factory.Server.CreateHandler(), fixture.BaseAddress, _ => ValueTask.FromResult(""));

        var error = await Assert.ThrowsAsync<LoyaltyAuthenticationException>(() => api.GetProfileAsync());

        Assert.Equal(401, error.Status);
    }

    [Fact]
    public async Task A_member_client_over_a_caller_supplied_HttpClient_sends_the_token()
    {
        var id = Unique.Id();
        var subject = "app-user-" + id;
        using var http = fixture.Factory.CreateClient();
        var api = LoyaltyClientFactory.CreateMemberApi(http, _ => ValueTask.FromResult(TestTokens.Member(subject)));

        var enrolled = await api.EnrolAsync(new SelfEnrolRequest("Anna", "Kowalski", $"anna{id}@example.com", null, null));

        Assert.Equal(enrolled.MemberNumber, (await api.GetProfileAsync()).MemberNumber);
    }
}
