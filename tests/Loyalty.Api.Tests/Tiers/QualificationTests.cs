using System.Net;
using System.Text.Json;
using Loyalty.Api.Tests.Infrastructure;
using Loyalty.Api.Tests.Webhooks;
using Loyalty.Application.Features.Social.Tiers;
using Loyalty.Contracts.Admin;
using Loyalty.Contracts.Common;
using Loyalty.Contracts.Member;
using Loyalty.Contracts.Partner;
using Loyalty.Domain.Social.Tiers;
using Loyalty.Infrastructure.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using DowngradeMode = Loyalty.Contracts.Common.DowngradeMode;
using QualificationWindowKind = Loyalty.Contracts.Common.QualificationWindowKind;
using TierChangeReason = Loyalty.Domain.Social.Tiers.TierChangeReason;
using WireReason = Loyalty.Contracts.Common.TierChangeReason;

namespace Loyalty.Api.Tests.Tiers;

/// <summary>
/// Tier qualification against the seeded scheme (Bronze 0; Silver 1,000 points; Gold 5,000; default programme:
/// rolling 12 months, 30 days' grace, one tier down) and 1 point per EUR.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class QualificationTests(ApiFixture fixture)
{
    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_member_moves_up_on_the_purchase_that_crosses_the_threshold_not_before(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        var (me, profile) = await JoinAsync(s);

        await s.EarnAsync(profile.MemberNumber, 999m);
        var before = await me.GetJsonAsync<MemberTierResponse>("/api/v1/me/tier");
        Assert.Equal(("Bronze", 999L), (before.Tier.Name, before.Activity.PointsEarned));
        Assert.Equal(1, before.Next!.Remaining.PointsEarned);
        Assert.False(before.Next.Qualified);
        Assert.Null(before.Retention);
        Assert.Equal("Earn 1 more point to reach Silver.", before.Progress);
        Assert.Equal(WireReason.Enrolment, Assert.Single((await me.GetJsonAsync<Page<TierHistoryEntry>>("/api/v1/me/tier/history")).Items).Reason);

        var crossing = await s.EarnAsync(profile.MemberNumber, 1m); // exactly at the threshold counts
        var after = await me.GetJsonAsync<MemberTierResponse>("/api/v1/me/tier");
        Assert.Equal("Silver", after.Tier.Name);
        Assert.Equal(1.25m, after.Benefits.EarnMultiplier);
        Assert.Equal(crossing.RecordedAt, after.Since);
        Assert.Equal(crossing.RecordedAt.AddMonths(12), after.ReviewAt);
        Assert.Null(after.GraceUntil);
        // Keeping Silver counts from the day it was reached (the window at the review): only the crossing purchase so far.
        Assert.Equal((false, 999L), (after.Retention!.Met, after.Retention.Remaining.PointsEarned));
        Assert.Equal("Gold", after.Next!.Tier.Name);
        Assert.Equal(4000, after.Next.Remaining.PointsEarned);
        Assert.Equal($"Earn 4000 more points to reach Gold; keep Silver by earning 999 more points by {after.ReviewAt!.Value.UtcDateTime:yyyy-MM-dd}.", after.Progress);

        var change = (await me.GetJsonAsync<Page<TierHistoryEntry>>("/api/v1/me/tier/history")).Items[0];
        Assert.Equal(("Bronze", "Silver", WireReason.Qualified, 1000L, 2), (change.From!.Name, change.To.Name, change.Reason, change.PointsEarned, change.Visits));
        var message = Assert.Single(await OutboxAsync(s.Api, profile.MemberNumber));
        var payload = JsonDocument.Parse(message).RootElement;
        Assert.Equal(profile.MemberNumber, payload.GetProperty("memberNumber").GetString());
        Assert.Equal(("Bronze", 0, "Silver", 1), (payload.GetProperty("from").GetProperty("name").GetString(), payload.GetProperty("from").GetProperty("rank").GetInt32(), payload.GetProperty("to").GetProperty("name").GetString(), payload.GetProperty("to").GetProperty("rank").GetInt32()));
        Assert.Equal("qualified", payload.GetProperty("reason").GetString());
        Assert.Equal(1000, payload.GetProperty("activity").GetProperty("pointsEarned").GetInt64());

        await s.EarnAsync(profile.MemberNumber, 10m); // no second change for a member already there
        Assert.Equal(2, (await me.GetJsonAsync<Page<TierHistoryEntry>>("/api/v1/me/tier/history")).Items.Count);
        await s.AssertBalanceEqualsLedgerAsync(profile.MemberNumber);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Points_from_a_purchase_returned_in_full_do_not_qualify(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        var (me, profile) = await JoinAsync(s);
        var big = await s.EarnAsync(profile.MemberNumber, 600m);
        using (var response = await s.Partner.PostAsync($"/api/v1/partner/transactions/{big.ExternalId}/returns", new RecordReturnRequest("RET-" + Unique.Id(), null, null), "ret-" + Unique.Id()))
        {
            await response.EnsureStatusAsync(HttpStatusCode.OK, HttpStatusCode.Created);
        }

        await s.EarnAsync(profile.MemberNumber, 500m);
        var tier = await me.GetJsonAsync<MemberTierResponse>("/api/v1/me/tier");
        Assert.Equal(("Bronze", 500L, 1), (tier.Tier.Name, tier.Activity.PointsEarned, tier.Activity.Visits));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Two_purchases_racing_over_the_threshold_make_one_tier_change(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        var member = await s.EnrolAsync();
        await s.EarnAsync(member.MemberNumber, 990m);

        var racing = Enumerable.Range(0, 4).Select(_ => s.EarnAsync(member.MemberNumber, 20m)).ToList();
        await Task.WhenAll(racing);

        await using var db = s.Api.CreateDbContext();
        var row = await db.Members.AsNoTracking().SingleAsync(m => m.MemberNumber == member.MemberNumber);
        var silver = await db.Tiers.AsNoTracking().SingleAsync(t => t.Name == "Silver");
        Assert.Equal(silver.Id, row.TierId);
        Assert.Single(await db.TierChanges.Where(c => c.MemberId == row.Id && c.Reason == TierChangeReason.Qualified).ToListAsync());
        Assert.Single(await OutboxAsync(s.Api, member.MemberNumber));
        await s.AssertBalanceEqualsLedgerAsync(member.MemberNumber);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_review_keeps_a_tier_that_was_earned_again_and_reviews_it_a_year_later(DatabaseProvider provider)
    {
        var api = fixture.For(provider);
        var s = await Scenario.StartAsync(api);
        var (me, profile) = await JoinAsync(s);
        var reached = await s.EarnAsync(profile.MemberNumber, 1000m);
        using (api.Clock.Travel(TimeSpan.FromDays(200)))
        {
            await s.EarnAsync(profile.MemberNumber, 1000m);
        }

        using (api.Clock.Travel(TimeSpan.FromDays(366)))
        {
            await ReviewAsync(api);
            var tier = await me.GetJsonAsync<MemberTierResponse>("/api/v1/me/tier");
            Assert.Equal("Silver", tier.Tier.Name);
            Assert.Equal(reached.RecordedAt, tier.Since);
            Assert.Equal(reached.RecordedAt.AddMonths(24), tier.ReviewAt);
            Assert.Null(tier.GraceUntil);
            Assert.Equal([WireReason.Qualified, WireReason.Enrolment], (await me.GetJsonAsync<Page<TierHistoryEntry>>("/api/v1/me/tier/history")).Items.Select(e => e.Reason));
        }
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_member_who_falls_short_gets_grace_from_the_review_date_and_moves_down_one_tier_when_it_ends(DatabaseProvider provider)
    {
        var api = fixture.For(provider);
        var s = await Scenario.StartAsync(api);
        var (me, profile) = await JoinAsync(s);
        var reached = await QualifyWithOldPurchaseAsync(s, profile.MemberNumber);
        var review = reached.AddMonths(12);

        using (api.Clock.Travel(TimeSpan.FromDays(366)))
        {
            await s.EarnAsync(profile.MemberNumber, 300m); // after the review date: counts in grace (375 points at Silver's 1.25)
            await ReviewAsync(api);
            var tier = await me.GetJsonAsync<MemberTierResponse>("/api/v1/me/tier");
            Assert.Equal("Silver", tier.Tier.Name);
            Assert.Equal(review.AddDays(30), tier.GraceUntil);
            Assert.False(tier.Retention!.Met);
            Assert.Equal(625, tier.Retention.Remaining.PointsEarned);
            Assert.Equal(review.AddDays(30), tier.Retention.By);
            Assert.EndsWith($"keep Silver by earning 625 more points by {review.AddDays(30).AddTicks(-1).UtcDateTime:yyyy-MM-dd}.", tier.Progress, StringComparison.Ordinal);
            await ReviewAsync(api); // still in grace: nothing more happens
            Assert.Equal(review.AddDays(30), (await me.GetJsonAsync<MemberTierResponse>("/api/v1/me/tier")).GraceUntil);
        }

        using (api.Clock.Travel(TimeSpan.FromDays(365 + 32)))
        {
            await ReviewAsync(api);
            var tier = await me.GetJsonAsync<MemberTierResponse>("/api/v1/me/tier");
            Assert.Equal("Bronze", tier.Tier.Name);
            Assert.Null(tier.ReviewAt);
            Assert.Null(tier.GraceUntil);
            Assert.Null(tier.Retention);
            var history = (await me.GetJsonAsync<Page<TierHistoryEntry>>("/api/v1/me/tier/history")).Items;
            Assert.Equal([WireReason.Downgraded, WireReason.Qualified, WireReason.Enrolment], history.Select(e => e.Reason));
            Assert.Equal(("Silver", "Bronze", WireReason.Downgraded, 375L, 1), (history[0].From!.Name, history[0].To.Name, history[0].Reason, history[0].PointsEarned, history[0].Visits));
            Assert.Equal(300m, history[0].Spend);
            var events = await OutboxAsync(api, profile.MemberNumber);
            Assert.Equal(2, events.Count);
            var payload = JsonDocument.Parse(events[^1]).RootElement;
            Assert.Equal(("downgraded", "Silver", "Bronze"), (payload.GetProperty("reason").GetString(), payload.GetProperty("from").GetProperty("name").GetString(), payload.GetProperty("to").GetProperty("name").GetString()));
            Assert.Equal(375, payload.GetProperty("activity").GetProperty("pointsEarned").GetInt64());
            Assert.Equal(300m, payload.GetProperty("activity").GetProperty("spend").GetDecimal());
        }
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Catching_up_during_grace_keeps_the_tier_at_once(DatabaseProvider provider)
    {
        var api = fixture.For(provider);
        var s = await Scenario.StartAsync(api);
        var (me, profile) = await JoinAsync(s);
        var reached = await QualifyWithOldPurchaseAsync(s, profile.MemberNumber);

        using (api.Clock.Travel(TimeSpan.FromDays(370)))
        {
            await ReviewAsync(api);
            Assert.NotNull((await me.GetJsonAsync<MemberTierResponse>("/api/v1/me/tier")).GraceUntil);
            await s.EarnAsync(profile.MemberNumber, 1000m);
            var tier = await me.GetJsonAsync<MemberTierResponse>("/api/v1/me/tier");
            Assert.Equal(("Silver", (DateTimeOffset?)null, (DateTimeOffset?)reached.AddMonths(24)), (tier.Tier.Name, tier.GraceUntil, tier.ReviewAt));
        }

        using (api.Clock.Travel(TimeSpan.FromDays(410)))
        {
            await ReviewAsync(api);
            Assert.Equal("Silver", (await me.GetJsonAsync<MemberTierResponse>("/api/v1/me/tier")).Tier.Name);
        }
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Two_review_runs_at_once_move_each_member_down_once(DatabaseProvider provider)
    {
        var api = fixture.For(provider);
        var s = await Scenario.StartAsync(api);
        var members = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var member = await s.EnrolAsync();
            await QualifyWithOldPurchaseAsync(s, member.MemberNumber);
            members.Add(member.MemberNumber);
        }

        using (api.Clock.Travel(TimeSpan.FromDays(366)))
        {
            await ReviewAsync(api); // grace starts
        }

        using (api.Clock.Travel(TimeSpan.FromDays(400)))
        {
            await Task.WhenAll(ReviewAsync(api, membersPerBatch: 1), ReviewAsync(api, membersPerBatch: 2));
            await ReviewAsync(api);
        }

        await using var db = api.CreateDbContext();
        var bronze = await db.Tiers.AsNoTracking().SingleAsync(t => t.Name == "Bronze");
        foreach (var number in members)
        {
            var member = await db.Members.AsNoTracking().SingleAsync(m => m.MemberNumber == number);
            Assert.Equal(bronze.Id, member.TierId);
            Assert.Single(await db.TierChanges.Where(c => c.MemberId == member.Id && c.Reason == TierChangeReason.Downgraded).ToListAsync());
            Assert.Equal(2, (await OutboxAsync(api, number)).Count); // up once, down once
        }
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Staff_see_a_members_tier_and_history_and_nobody_else_does(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        var (alice, aliceProfile) = await JoinAsync(s);
        var (bob, _) = await JoinAsync(s);
        await s.EarnAsync(aliceProfile.MemberNumber, 1200m);
        Guid aliceId;
        await using (var db = s.Api.CreateDbContext())
        {
            aliceId = await db.Members.Where(m => m.MemberNumber == aliceProfile.MemberNumber).Select(m => m.Id).SingleAsync();
        }

        var staffView = await s.Admin.GetJsonAsync<AdminMemberTierResponse>($"/api/v1/admin/members/{aliceId}/tier");
        Assert.Equal(("Silver", aliceProfile.MemberNumber), (staffView.Tier.Tier.Name, staffView.MemberNumber));
        Assert.Equal([WireReason.Qualified, WireReason.Enrolment], staffView.History.Items.Select(e => e.Reason));

        // Bob's token shows Bob, whatever the query string says.
        var bobsTier = await bob.GetJsonAsync<MemberTierResponse>($"/api/v1/me/tier?memberId={aliceId}");
        Assert.Equal(("Bronze", 0L), (bobsTier.Tier.Name, bobsTier.Activity.PointsEarned));
        Assert.Equal(WireReason.Enrolment, Assert.Single((await bob.GetJsonAsync<Page<TierHistoryEntry>>($"/api/v1/me/tier/history?memberId={aliceId}")).Items).Reason);

        using (var asMember = await alice.GetAsync($"/api/v1/admin/members/{aliceId}/tier"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, asMember.StatusCode);
        }

        using (var asPartner = await s.Partner.GetAsync($"/api/v1/admin/members/{aliceId}/tier"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, asPartner.StatusCode);
        }

        using (var asPartner = await s.Partner.PostAsync("/api/v1/admin/tier-scheme/preview", CurrentScheme(), null))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, asPartner.StatusCode);
        }

        using (var asMember = await alice.PostAsync("/api/v1/admin/tier-scheme/preview", CurrentScheme(), null))
        {
            Assert.Equal(HttpStatusCode.Forbidden, asMember.StatusCode);
        }

        using (var unknown = await s.Admin.GetAsync($"/api/v1/admin/members/{Guid.NewGuid()}/tier"))
        {
            await unknown.AssertProblemAsync(HttpStatusCode.NotFound, "member_not_found");
        }

        using (var notEnrolled = await s.MemberClient("nobody-" + Unique.Id()).GetAsync("/api/v1/me/tier"))
        {
            Assert.Equal(HttpStatusCode.NotFound, notEnrolled.StatusCode);
        }

        using var badCursor = await alice.GetAsync("/api/v1/me/tier/history?cursor=nope");
        await badCursor.AssertProblemAsync(HttpStatusCode.BadRequest, "invalid_cursor");
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_preview_counts_who_would_move_up_down_or_stay(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        var tiers = await s.Admin.GetAllAsync<TierResponse>("/api/v1/admin/tiers");
        var easierSilver = CurrentScheme(tiers, silverPoints: 500);
        var first = await s.Admin.PostJsonAsync<TierSchemePreviewResponse>("/api/v1/admin/tier-scheme/preview", easierSilver);
        Assert.Equal(first.MembersEvaluated, first.MovingUp + first.MovingDown + first.Unchanged);
        Assert.Equal(first.MembersEvaluated, first.Tiers.Sum(t => t.Now));
        Assert.Equal(first.MembersEvaluated, first.Tiers.Sum(t => t.After));

        var member = await s.EnrolAsync();
        await s.EarnAsync(member.MemberNumber, 600m);
        var second = await s.Admin.PostJsonAsync<TierSchemePreviewResponse>("/api/v1/admin/tier-scheme/preview", easierSilver);
        Assert.Equal(first.MembersEvaluated + 1, second.MembersEvaluated);
        Assert.Equal(first.MovingUp + 1, second.MovingUp);
        Assert.Equal(first.MovingDown, second.MovingDown);
        Assert.Equal(first.Tiers.Single(t => t.Name == "Silver").After + 1, second.Tiers.Single(t => t.Name == "Silver").After);

        // Retiring Gold moves every Gold member down; nothing is saved.
        await using var db = s.Api.CreateDbContext();
        var tierCount = await db.Tiers.CountAsync();
        var gold = await s.EnrolAsync();
        await s.EarnAsync(gold.MemberNumber, 5000m);
        var withoutGold = CurrentScheme(tiers) with { Tiers = [.. CurrentScheme(tiers).Tiers.Where(t => t.Name != "Gold")] };
        var retired = await s.Admin.PostJsonAsync<TierSchemePreviewResponse>("/api/v1/admin/tier-scheme/preview", withoutGold);
        var goldCount = retired.Tiers.Single(t => t.Name == "Gold");
        Assert.True(goldCount.Retired);
        Assert.Equal(0, goldCount.After);
        Assert.True(goldCount.Now >= 1);
        Assert.True(retired.MovingDown >= goldCount.Now);
        Assert.Equal(tierCount, await db.Tiers.CountAsync());
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_malformed_scheme_is_400_and_an_inconsistent_one_422(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        var weekly = JsonSerializer.Serialize(CurrentScheme(), HttpTestExtensions.Json).Replace("\"rollingMonths\"", "\"weekly\"", StringComparison.Ordinal);
        using (var badKind = await s.Admin.PostAsync("/api/v1/admin/tier-scheme/preview", new StringContent(weekly, System.Text.Encoding.UTF8, "application/json")))
        {
            var problem = await badKind.AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
            Assert.Contains("rollingMonths, calendarYear, sinceLastChange", problem.GetProperty("errors").GetProperty("windowKind")[0].GetString(), StringComparison.Ordinal);
        }

        using (var noTiers = await s.Admin.PostAsync("/api/v1/admin/tier-scheme/preview", CurrentScheme() with { Tiers = [] }, null))
        {
            await noTiers.AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        }

        var scheme = CurrentScheme();
        var sameRank = scheme with { Tiers = [.. scheme.Tiers.Select(t => t.Name == "Gold" ? t with { Rank = 1 } : t)] };
        using (var duplicate = await s.Admin.PostAsync("/api/v1/admin/tier-scheme/preview", sameRank, null))
        {
            await duplicate.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "duplicate_rank");
        }

        using var overlapping = await s.Admin.PostAsync("/api/v1/admin/tier-scheme/preview", CurrentScheme(null, silverPoints: 6000), null);
        await overlapping.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "overlapping_thresholds");
    }

    /// <summary>Reaches Silver now with a purchase dated 11 months back: it qualifies now but is outside the first retention window.</summary>
    private static async Task<DateTimeOffset> QualifyWithOldPurchaseAsync(Scenario s, string memberNumber)
    {
        var old = s.Api.Clock.GetUtcNow().AddMonths(-11);
        var purchase = await s.Partner.PostJsonAsync<PurchaseResponse>(
            "/api/v1/partner/transactions", s.Purchase(memberNumber, 1000m) with { PurchasedAt = old }, idempotent: true);
        await using var db = s.Api.CreateDbContext();
        var member = await db.Members.AsNoTracking().SingleAsync(m => m.MemberNumber == memberNumber);
        Assert.Equal(purchase.RecordedAt, member.TierSince);
        return purchase.RecordedAt;
    }

    private static TierSchemeRequest CurrentScheme(IReadOnlyList<TierResponse>? tiers = null, long silverPoints = 1000) => new(
        null,
        QualificationWindowKind.RollingMonths,
        12,
        30,
        DowngradeMode.OneTier,
        "EUR",
        [
            new TierDefinitionDto(tiers?.Single(t => t.Name == "Bronze").Id, "Bronze", 0, null, null, new TierBenefitsDto(1m)),
            new TierDefinitionDto(tiers?.Single(t => t.Name == "Silver").Id, "Silver", 1, new TierThresholdsDto(silverPoints), null, new TierBenefitsDto(1.25m)),
            new TierDefinitionDto(tiers?.Single(t => t.Name == "Gold").Id, "Gold", 2, new TierThresholdsDto(5000), null, new TierBenefitsDto(1.5m)),
        ]);

    internal static async Task<int> ReviewAsync(LoyaltyApiFactory api, int membersPerBatch = ReviewTiersCommand.DefaultMembersPerBatch)
    {
        await using var scope = api.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(new ReviewTiersCommand(membersPerBatch));
    }

    private static async Task<List<string>> OutboxAsync(LoyaltyApiFactory api, string memberNumber)
    {
        await using var db = api.CreateDbContext();
        var memberId = await db.Members.Where(m => m.MemberNumber == memberNumber).Select(m => m.Id).SingleAsync();
        var payloads = (await db.OutboxMessages.AsNoTracking().Where(o => o.MemberId == memberId && o.Type == "tier.changed").ToListAsync())
            .OrderBy(o => o.OccurredAt).Select(o => o.Payload).ToList();
        Assert.All(payloads, p => EventContractTests.ReadStrictly("tier.changed", p)); // the review job builds them in SQL
        return payloads;
    }

    private static async Task<(HttpClient Client, MemberProfileResponse Profile)> JoinAsync(Scenario s)
    {
        var id = Unique.Id();
        var client = s.MemberClient("tier-" + id);
        var profile = await client.PostJsonAsync<MemberProfileResponse>("/api/v1/me", new SelfEnrolRequest("Tier", "User" + id, $"tier{id}@example.com", null, null));
        return (client, profile);
    }
}
