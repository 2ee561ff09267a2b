using System.Net;
using Loyalty.Api.Tests.Infrastructure;
using Loyalty.Contracts.Common;
using Loyalty.Contracts.Member;
using Loyalty.Infrastructure.Persistence;

namespace Loyalty.Api.Tests.Member;

[Collection(ApiCollection.Name)]
public sealed class MyPointsTests(ApiFixture fixture)
{
    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task My_balance_shows_the_points_a_partner_recorded_for_my_number(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        var (me, profile) = await JoinAsync(s);

        await s.EarnAsync(profile.MemberNumber, 25m);
        var purchase = await s.EarnAsync(profile.MemberNumber, 17.99m);

        var balance = await me.GetJsonAsync<PointsBalanceResponse>("/api/v1/me/points");
        Assert.Equal(42, purchase.AvailablePoints);
        Assert.Equal((42L, 0L, 42L), (balance.Available, balance.Pending, balance.LifetimeEarned));
        Assert.Equal(balance.Available, await s.AssertBalanceEqualsLedgerAsync(profile.MemberNumber));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task My_history_is_newest_first_and_names_the_partner_and_store(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        var (me, profile) = await JoinAsync(s);
        await s.EarnAsync(profile.MemberNumber, 10m, "R-first-" + Unique.Id());
        await s.EarnAsync(profile.MemberNumber, 20m, "R-second-" + Unique.Id());

        var history = await me.GetJsonAsync<Page<PointsHistoryEntry>>("/api/v1/me/points/history");

        Assert.Collection(
            history.Items,
            newest => Assert.Equal((20L, PointsEntryType.Earn), (newest.Points, newest.Type)),
            oldest => Assert.Equal((10L, PointsEntryType.Earn), (oldest.Points, oldest.Type)));
        Assert.True(history.Items[0].Id > history.Items[1].Id);
        Assert.All(history.Items, e => Assert.Equal((s.PartnerInfo.Name, s.Store.Name), (e.PartnerName, e.StoreName)));
        Assert.Contains("R-second-", history.Items[0].Description, StringComparison.Ordinal);
        Assert.Null(history.NextCursor);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task My_history_pages_two_by_two_without_overlap_and_ends_with_a_null_cursor(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        var (me, profile) = await JoinAsync(s);
        for (var amount = 1; amount <= 5; amount++)
        {
            await s.EarnAsync(profile.MemberNumber, amount);
        }

        var pages = new List<Page<PointsHistoryEntry>>();
        string? cursor = null;
        do
        {
            var page = await me.GetJsonAsync<Page<PointsHistoryEntry>>("/api/v1/me/points/history?limit=2" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor)));
            pages.Add(page);
            cursor = page.NextCursor;
        }
        while (cursor is not null && pages.Count < 10);

        Assert.Equal(new[] { 2, 2, 1 }, pages.Select(p => p.Items.Count));
        Assert.Null(pages[^1].NextCursor);
        var entries = pages.SelectMany(p => p.Items).ToList();
        Assert.Equal(5, entries.Select(e => e.Id).Distinct().Count());
        Assert.Equal(new[] { 5L, 4L, 3L, 2L, 1L }, entries.Select(e => e.Points)); // newest first across pages
        var unpaged = await me.GetJsonAsync<Page<PointsHistoryEntry>>("/api/v1/me/points/history");
        Assert.Equal(unpaged.Items.Select(e => e.Id), entries.Select(e => e.Id));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_cursor_the_api_never_issued_or_a_limit_of_zero_is_400(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        var (me, profile) = await JoinAsync(s);
        await s.EarnAsync(profile.MemberNumber, 5m);

        using var badCursor = await me.GetAsync("/api/v1/me/points/history?cursor=not-a-cursor");
        await badCursor.AssertProblemAsync(HttpStatusCode.BadRequest, "invalid_cursor");
        using var notBase64 = await me.GetAsync("/api/v1/me/points/history?cursor=%21%21%21");
        await notBase64.AssertProblemAsync(HttpStatusCode.BadRequest, "invalid_cursor");
        using var zero = await me.GetAsync("/api/v1/me/points/history?limit=0");
        await zero.AssertProblemAsync(HttpStatusCode.BadRequest, "invalid_limit");
        using var tooMany = await me.GetAsync("/api/v1/me/points/history?limit=201");
        await tooMany.AssertProblemAsync(HttpStatusCode.BadRequest, "invalid_limit");
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Another_members_token_only_ever_sees_its_own_points(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        var (alice, aliceProfile) = await JoinAsync(s);
        var (bob, bobProfile) = await JoinAsync(s);
        await s.EarnAsync(aliceProfile.MemberNumber, 25m);
        await s.EarnAsync(bobProfile.MemberNumber, 7m);

        var bobBalance = await bob.GetJsonAsync<PointsBalanceResponse>("/api/v1/me/points");
        Assert.Equal(7, bobBalance.Available);
        // Query strings naming Alice change nothing: the token's subject is the only key.
        var probed = await bob.GetJsonAsync<PointsBalanceResponse>($"/api/v1/me/points?memberNumber={aliceProfile.MemberNumber}&memberId={aliceProfile.MemberNumber}");
        Assert.Equal(7, probed.Available);
        Assert.Equal(bobProfile.MemberNumber, (await bob.GetJsonAsync<MemberProfileResponse>($"/api/v1/me?memberNumber={aliceProfile.MemberNumber}")).MemberNumber);
        var bobHistory = await bob.GetJsonAsync<Page<PointsHistoryEntry>>("/api/v1/me/points/history");
        Assert.Equal(7, Assert.Single(bobHistory.Items).Points);

        Assert.Equal(25, (await alice.GetJsonAsync<PointsBalanceResponse>("/api/v1/me/points")).Available);
        using var aliceRoute = await bob.GetAsync($"/api/v1/me/{aliceProfile.MemberNumber}/points");
        Assert.Equal(HttpStatusCode.NotFound, aliceRoute.StatusCode); // there is no member-number route under /me
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_partner_api_key_or_no_token_on_the_member_api_is_401(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        var anonymous = s.Api.CreateClient();

        foreach (var url in new[] { "/api/v1/me", "/api/v1/me/points", "/api/v1/me/points/history" })
        {
            using var withKey = await s.Partner.GetAsync(url);
            await withKey.AssertProblemAsync(HttpStatusCode.Unauthorized, "unauthenticated");
            using var withoutToken = await anonymous.GetAsync(url);
            await withoutToken.AssertProblemAsync(HttpStatusCode.Unauthorized, "unauthenticated");
        }

        using var enrol = await s.Partner.PostAsync("/api/v1/me", new SelfEnrolRequest("Key", "Holder", $"key{Unique.Id()}@example.com", null, null), null);
        await enrol.AssertProblemAsync(HttpStatusCode.Unauthorized, "unauthenticated");
    }

    private static async Task<(HttpClient Client, MemberProfileResponse Profile)> JoinAsync(Scenario s)
    {
        var id = Unique.Id();
        var client = s.MemberClient("app-" + id);
        var profile = await client.PostJsonAsync<MemberProfileResponse>("/api/v1/me", new SelfEnrolRequest("App", "User" + id, $"app{id}@example.com", null, null));
        return (client, profile);
    }
}
