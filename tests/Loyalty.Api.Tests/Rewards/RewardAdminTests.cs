using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Loyalty.Api.Tests.Infrastructure;
using Loyalty.Contracts.Admin;
using Loyalty.Contracts.Common;
using Loyalty.Infrastructure.Persistence;
using static Loyalty.Api.Tests.Rewards.RewardKit;

namespace Loyalty.Api.Tests.Rewards;

[Collection(ApiCollection.Name)]
public sealed class RewardAdminTests(ApiFixture fixture)
{
    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Staff_add_a_reward_read_it_back_and_the_creation_is_audited(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        var gold = await s.TierIdAsync("Gold");
        var from = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var request = NewReward(cost: 750, stock: 20, limit: 2, from: from, until: from.AddYears(5), tiers: [gold, gold], validityDays: 14) with { Name = "  Cinema ticket " + Unique.Id() + " " };

        using var response = await s.Admin.PostAsJsonAsync(AdminRewards, request);

        await response.EnsureStatusAsync(HttpStatusCode.Created);
        var reward = (await response.Content.ReadFromJsonAsync<RewardResponse>(HttpTestExtensions.Json))!;
        Assert.Equal($"/api/v1/admin/rewards/{reward.Id}", response.Headers.Location?.OriginalString);
        Assert.Equal(request.Name.Trim(), reward.Name);
        Assert.Equal((750L, 20, 2, 14, true), (reward.PointsCost, reward.Stock, reward.PerMemberLimit, reward.VoucherValidityDays, reward.IsActive));
        Assert.Equal((from, from.AddYears(5)), (reward.AvailableFrom, reward.AvailableUntil));
        Assert.Equal([gold], reward.EligibleTierIds);
        AssertSameReward(reward, await s.Admin.GetJsonAsync<RewardResponse>($"{AdminRewards}/{reward.Id}"));

        var audit = await s.Admin.GetJsonAsync<Page<AuditLogEntryResponse>>($"/api/v1/admin/audit-log?entityType=reward&entityId={reward.Id}");
        var created = Assert.Single(audit.Items);
        Assert.Equal("reward.created", created.Action);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Marketing_staff_manage_rewards_too(DatabaseProvider provider)
    {
        var marketing = fixture.For(provider).CreateClient().WithBearer(TestTokens.Marketing());

        var reward = await marketing.PostJsonAsync<RewardResponse>(AdminRewards, NewReward());
        using var patch = await marketing.PatchAsJsonAsync($"{AdminRewards}/{reward.Id}", new { isActive = false });

        await patch.EnsureStatusAsync(HttpStatusCode.OK);
        Assert.False((await marketing.GetJsonAsync<RewardResponse>($"{AdminRewards}/{reward.Id}")).IsActive);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task An_invalid_reward_is_400_naming_each_field(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        var now = s.Api.Clock.GetUtcNow();
        var request = new CreateRewardRequest("", new string('x', 1001), 0, -1, 0, now, now.AddDays(-1), [Guid.Empty], 0);

        using var response = await s.Admin.PostAsJsonAsync(AdminRewards, request);

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        var fields = problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).ToHashSet();
        Assert.Superset(new HashSet<string> { "name", "description", "pointsCost", "stock", "perMemberLimit", "availableUntil", "eligibleTierIds", "voucherValidityDays" }, fields);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_name_already_taken_in_any_case_is_409_and_an_unknown_tier_is_422(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        var first = await s.CreateRewardAsync(NewReward());

        using var sameName = await s.Admin.PostAsJsonAsync(AdminRewards, NewReward() with { Name = first.Name.ToUpperInvariant() });
        using var unknownTier = await s.Admin.PostAsJsonAsync(AdminRewards, NewReward(tiers: [Guid.NewGuid()]));

        await sameName.AssertProblemAsync(HttpStatusCode.Conflict, "reward_name_taken");
        await unknownTier.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "unknown_tier");
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_patch_changes_only_the_fields_sent_and_null_removes_a_limit(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        var gold = await s.TierIdAsync("Gold");
        var until = s.Api.Clock.GetUtcNow().AddDays(30);
        var reward = await s.CreateRewardAsync(NewReward(cost: 100, stock: 5, limit: 1, until: until, tiers: [gold]));

        var renamed = "Renamed " + Unique.Id();
        using var response = await s.Admin.PatchAsJsonAsync($"{AdminRewards}/{reward.Id}", new { name = renamed, pointsCost = 120, stock = (int?)null, eligibleTierIds = Array.Empty<Guid>() });

        await response.EnsureStatusAsync(HttpStatusCode.OK);
        var changed = (await response.Content.ReadFromJsonAsync<RewardResponse>(HttpTestExtensions.Json))!;
        Assert.Equal((renamed, 120L, (int?)null, (int?)1), (changed.Name, changed.PointsCost, changed.Stock, changed.PerMemberLimit));
        Assert.Empty(changed.EligibleTierIds);
        Assert.Equal(until.ToUnixTimeMilliseconds(), changed.AvailableUntil?.ToUnixTimeMilliseconds());
        Assert.Equal((reward.Description, reward.VoucherValidityDays, reward.IsActive, reward.CreatedAt), (changed.Description, changed.VoucherValidityDays, changed.IsActive, changed.CreatedAt));
        Assert.True(changed.UpdatedAt >= reward.UpdatedAt);

        // Absent fields stay; the limit and the window are removed only by an explicit null.
        using var second = await s.Admin.PatchAsJsonAsync($"{AdminRewards}/{reward.Id}", new { perMemberLimit = (int?)null, availableUntil = (DateTimeOffset?)null, eligibleTierIds = new[] { gold } });
        var again = (await second.Content.ReadFromJsonAsync<RewardResponse>(HttpTestExtensions.Json))!;
        Assert.Equal((renamed, 120L, (int?)null, (int?)null, (DateTimeOffset?)null), (again.Name, again.PointsCost, again.Stock, again.PerMemberLimit, again.AvailableUntil));
        Assert.Equal([gold], again.EligibleTierIds);

        var audit = await s.Admin.GetJsonAsync<Page<AuditLogEntryResponse>>($"/api/v1/admin/audit-log?entityType=reward&entityId={reward.Id}");
        Assert.Equal(["reward.updated", "reward.updated", "reward.created"], audit.Items.Select(a => a.Action));
        var firstUpdate = audit.Items[1];
        Assert.Equal(reward.Name, JsonDocument.Parse(firstUpdate.Before!).RootElement.GetProperty("name").GetString());
        Assert.Equal(renamed, JsonDocument.Parse(firstUpdate.After!).RootElement.GetProperty("name").GetString());
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_patch_is_checked_against_the_whole_reward(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        var now = s.Api.Clock.GetUtcNow();
        var reward = await s.CreateRewardAsync(NewReward(from: now, until: now.AddDays(10)));
        var other = await s.CreateRewardAsync(NewReward());

        using var window = await s.Admin.PatchAsJsonAsync($"{AdminRewards}/{reward.Id}", new { availableFrom = now.AddDays(11) });
        using var name = await s.Admin.PatchAsJsonAsync($"{AdminRewards}/{reward.Id}", new { name = other.Name.ToLowerInvariant() });
        using var invalid = await s.Admin.PatchAsJsonAsync($"{AdminRewards}/{reward.Id}", new { pointsCost = 0, stock = -5, name = "" });
        using var unknown = await s.Admin.PatchAsJsonAsync($"{AdminRewards}/{Guid.NewGuid()}", new { isActive = false });
        using var unknownTier = await s.Admin.PatchAsJsonAsync($"{AdminRewards}/{reward.Id}", new { eligibleTierIds = new[] { Guid.NewGuid() } });

        await window.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "invalid_reward_window");
        await name.AssertProblemAsync(HttpStatusCode.Conflict, "reward_name_taken");
        var problem = await invalid.AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        Assert.Equal(["name", "pointsCost", "stock"], problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order());
        await unknown.AssertProblemAsync(HttpStatusCode.NotFound, "reward_not_found");
        await unknownTier.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "unknown_tier");
        AssertSameReward(reward, await s.Admin.GetJsonAsync<RewardResponse>($"{AdminRewards}/{reward.Id}"));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_list_pages_in_name_order_without_gaps_or_repeats(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        var prefix = "Ordered " + Unique.Id() + " ";
        var mine = new List<RewardResponse>();
        foreach (var (suffix, active) in new[] { ("C", true), ("A", true), ("B", false) })
        {
            mine.Add(await s.CreateRewardAsync(NewReward(active: active) with { Name = prefix + suffix }));
        }

        var seen = new List<RewardResponse>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await s.Admin.GetJsonAsync<Page<RewardResponse>>($"{AdminRewards}?limit=3" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor)));
            Assert.True(page.Items.Count <= 3);
            seen.AddRange(page.Items);
            cursor = page.NextCursor;
            pages++;
        }
        while (cursor is not null && pages < 1000);

        Assert.Null(cursor);
        Assert.Equal(seen.Count, seen.Select(r => r.Id).Distinct().Count());
        // In name order (the database's collation decides between other tests' names; ours differ only in the last letter).
        Assert.Equal([prefix + "A", prefix + "B", prefix + "C"], seen.Where(r => r.Name.StartsWith(prefix, StringComparison.Ordinal)).Select(r => r.Name));

        using var bad = await s.Admin.GetAsync($"{AdminRewards}?cursor=%%%");
        await bad.AssertProblemAsync(HttpStatusCode.BadRequest, "invalid_cursor");
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task An_unknown_reward_is_404(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));

        using var response = await s.Admin.GetAsync($"{AdminRewards}/{Guid.NewGuid()}");

        await response.AssertProblemAsync(HttpStatusCode.NotFound, "reward_not_found");
    }
}
