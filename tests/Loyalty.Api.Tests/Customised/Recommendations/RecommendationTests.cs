using System.Net;
using System.Net.Http.Json;
using Loyalty.Api.Tests.Infrastructure;
using Loyalty.Api.Tests.Lifecycle;
using Loyalty.Api.Tests.Rewards;
using Loyalty.Contracts.Admin;
using Loyalty.Contracts.Common;
using Loyalty.Contracts.Member;
using Loyalty.Contracts.Partner;
using Loyalty.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using static Loyalty.Api.Tests.Rewards.RewardKit;

namespace Loyalty.Api.Tests.Customised.Recommendations;

[Collection(ApiCollection.Name)]
public sealed class RecommendationTests(ApiFixture fixture)
{
    private const string Refresh = "/api/v1/admin/recommendations/refresh";

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_recommendation_names_the_real_purchases_it_rests_on_before_and_after_the_refresh(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        var id = Unique.Id();
        string beans = "beans-" + id, tea = "tea-" + id;
        var me = await s.JoinWithPointsAsync(0);
        await ProfilingAsync(s, me.Number);
        var now = Seconds(s.Api.Clock.GetUtcNow());
        DateTimeOffset[] beanDays = [now.AddDays(-70), now.AddDays(-40), now.AddDays(-10)];
        foreach (var day in beanDays)
        {
            await BuyAsync(s, me.Number, day, (beans, 12m), ("bread-" + id, 3m));
        }

        await BuyAsync(s, me.Number, now.AddDays(-100), (tea, 4m));
        var beansReward = await s.CreateRewardAsync(NewReward() with { Category = beans });
        var teaReward = await s.CreateRewardAsync(NewReward() with { Category = tea });

        var live = await me.Client.GetJsonAsync<Page<RecommendationResponse>>("/api/v1/me/recommendations");

        Assert.All(live.Items, r => Assert.True(r.Live));
        var first = live.Items[0];
        Assert.Equal((1, beansReward.Id, RecommendationCandidateKind.Reward, RecommendationReasonKind.Habit), (first.Rank, first.Id, first.Kind, first.ReasonKind));
        Assert.Equal(new RecommendationEvidence(beans, 3, beanDays[^1], 30.0), first.BasedOn);
        Assert.Equal($"Because you buy {beans} every month (3 purchases, the last on {beanDays[^1]:d MMM yyyy})", first.Reason);
        var second = live.Items[1];
        Assert.Equal((teaReward.Id, RecommendationReasonKind.Habit), (second.Id, second.ReasonKind));
        Assert.Equal(new RecommendationEvidence(tea, 1, now.AddDays(-100), null), second.BasedOn);

        var refreshed = await s.Admin.PostJsonAsync<RecommendationRefreshResponse>(Refresh, new { });
        Assert.True(refreshed.Members >= 1);
        var stored = await me.Client.GetJsonAsync<Page<RecommendationResponse>>("/api/v1/me/recommendations");
        Assert.Null(stored.NextCursor);
        Assert.All(stored.Items, r => Assert.Equal((false, refreshed.ComputedAt), (r.Live, r.ComputedAt)));
        Assert.Equal(live.Items.Take(2).Select(r => r with { ComputedAt = refreshed.ComputedAt, Live = false }), stored.Items.Take(2));
        var firstPage = await me.Client.GetJsonAsync<Page<RecommendationResponse>>("/api/v1/me/recommendations?limit=1");
        Assert.Equal([stored.Items[0]], firstPage.Items);
        var nextPage = await me.Client.GetJsonAsync<Page<RecommendationResponse>>($"/api/v1/me/recommendations?limit=1&cursor={firstPage.NextCursor}");
        Assert.Equal([stored.Items[1]], nextPage.Items);

        var memberId = await s.IdOfAsync(me.Number);
        var staffView = await s.Admin.GetJsonAsync<Page<RecommendationResponse>>($"/api/v1/admin/members/{memberId}/recommendations");
        Assert.Equal(stored.Items, staffView.Items);

        // A reward withdrawn since the refresh is no longer recommended.
        using (var withdrawn = await s.Admin.PatchAsJsonAsync($"{AdminRewards}/{beansReward.Id}", new { isActive = false }))
        {
            await withdrawn.EnsureStatusAsync(HttpStatusCode.OK);
        }

        var after = await me.Client.GetJsonAsync<Page<RecommendationResponse>>("/api/v1/me/recommendations");
        Assert.DoesNotContain(after.Items, r => r.Id == beansReward.Id);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task What_others_buy_with_the_members_habit_is_recommended_because_of_it(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        var id = Unique.Id();
        string beans = "beans-" + id, milk = "milk-" + id;
        var now = Seconds(s.Api.Clock.GetUtcNow());
        for (var i = 0; i < 4; i++)
        {
            var other = await s.EnrolAsync();
            await BuyAsync(s, other.MemberNumber, now.AddDays(-5 - i), (beans, 10m), (milk, 2m));
        }

        var me = await s.JoinWithPointsAsync(0);
        await ProfilingAsync(s, me.Number);
        await BuyAsync(s, me.Number, now.AddDays(-3), (beans, 10m));
        var frother = await s.CreateRewardAsync(NewReward() with { Category = milk }); // 4 of the 5 baskets with beans hold milk

        await s.Admin.PostJsonAsync<RecommendationRefreshResponse>(Refresh, new { });
        var mine = await me.Client.GetJsonAsync<Page<RecommendationResponse>>("/api/v1/me/recommendations");

        var pick = Assert.Single(mine.Items, r => r.Id == frother.Id);
        Assert.Equal(RecommendationReasonKind.CoPurchase, pick.ReasonKind);
        Assert.Equal(new RecommendationEvidence(beans, 1, now.AddDays(-3), null), pick.BasedOn);
        Assert.EndsWith($"and 80 % of baskets with {beans} also hold {milk}", pick.Reason, StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Basket_lines_are_kept_exported_and_moved_with_the_purchase(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        var id = Unique.Id();
        var me = await s.JoinWithPointsAsync(0);
        var now = Seconds(s.Api.Clock.GetUtcNow());
        var purchase = await BuyAsync(s, me.Number, now.AddHours(-1), ("beans-" + id, 12m), ("bread-" + id, 3m));
        await s.EarnAsync(me.Number, 5m); // a bare amount keeps no line

        await using (var db = s.Api.CreateDbContext())
        {
            var lines = await db.PurchaseLines.AsNoTracking().Where(l => l.PurchaseId == purchase.PurchaseId).OrderBy(l => l.Sequence).ToListAsync();
            Assert.Equal([("beans-" + id, 12m), ("bread-" + id, 3m)], lines.Select(l => (l.Category!, l.Amount)));
            var memberId = await s.IdOfAsync(me.Number);
            Assert.Equal(2, await db.PurchaseLines.CountAsync(l => l.MemberId == memberId));
        }

        var export = await s.Admin.GetJsonAsync<MemberDataExport>(LifecycleKit.Admin(await s.IdOfAsync(me.Number), "export"));
        var exported = export.Sections["purchases"].GetProperty("purchases").EnumerateArray().Single(p => p.GetProperty("id").GetGuid() == purchase.PurchaseId);
        Assert.Equal(["beans-" + id, "bread-" + id], exported.GetProperty("lines").EnumerateArray().Select(l => l.GetProperty("category").GetString()));
        Assert.True(export.Sections.ContainsKey("recommendations"));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Only_members_read_their_own_list_and_only_programme_staff_refresh_or_measure(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        var me = await s.JoinWithPointsAsync(0);
        var memberId = await s.IdOfAsync(me.Number);

        Assert.Equal(HttpStatusCode.Unauthorized, (await s.Partner.GetAsync("/api/v1/me/recommendations")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await me.Client.PostAsync(Refresh, null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await me.Client.GetAsync($"/api/v1/admin/members/{memberId}/recommendations")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await me.Client.GetAsync("/api/v1/admin/recommendations/evaluation")).StatusCode);
        await (await s.Admin.GetAsync($"/api/v1/admin/members/{Guid.NewGuid()}/recommendations")).AssertProblemAsync(HttpStatusCode.NotFound, "member_not_found");
        await (await s.Admin.GetAsync("/api/v1/admin/recommendations/evaluation?k=0")).AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_evaluation_hides_each_members_last_purchase_and_scores_the_rest(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        var id = Unique.Id();
        var now = Seconds(s.Api.Clock.GetUtcNow());
        for (var m = 0; m < 3; m++)
        {
            var member = await s.EnrolAsync();
            await ProfilingAsync(s, member.MemberNumber);
            for (var b = 0; b < 3; b++)
            {
                await BuyAsync(s, member.MemberNumber, now.AddDays(-30 + b), ($"staple-{m}-{id}", 5m));
            }
        }

        var result = await s.Admin.GetJsonAsync<RecommendationEvaluationResponse>("/api/v1/admin/recommendations/evaluation?k=3&sample=50000");

        Assert.Equal(3, result.K);
        Assert.True(result.Members >= 3);
        Assert.InRange(result.HitRate, 0, 1);
        Assert.Equal(Math.Round((double)result.Hits / result.Members, 4), result.HitRate);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Without_profiling_consent_nothing_is_read_from_the_members_own_purchases(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        var beans = "beans-" + Unique.Id();
        var me = await s.JoinWithPointsAsync(0);
        var now = Seconds(s.Api.Clock.GetUtcNow());
        await BuyAsync(s, me.Number, now.AddDays(-40), (beans, 12m));
        await BuyAsync(s, me.Number, now.AddDays(-10), (beans, 12m));
        var reward = await s.CreateRewardAsync(NewReward() with { Category = beans });

        var before = await me.Client.GetJsonAsync<Page<RecommendationResponse>>("/api/v1/me/recommendations");
        await s.Admin.PostJsonAsync<RecommendationRefreshResponse>(Refresh, new { });
        var stored = await me.Client.GetJsonAsync<Page<RecommendationResponse>>("/api/v1/me/recommendations");

        Assert.All(before.Items.Concat(stored.Items), r => Assert.Null(r.BasedOn));
        Assert.All(before.Items.Concat(stored.Items), r => Assert.NotEqual(RecommendationReasonKind.Habit, r.ReasonKind));

        await ProfilingAsync(s, me.Number);
        await s.Admin.PostJsonAsync<RecommendationRefreshResponse>(Refresh, new { });
        var consented = await me.Client.GetJsonAsync<Page<RecommendationResponse>>("/api/v1/me/recommendations");
        Assert.Equal((reward.Id, RecommendationReasonKind.Habit), (consented.Items[0].Id, consented.Items[0].ReasonKind));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_personal_offer_is_recommended_to_its_treatment_group_and_never_to_its_control_group(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        var beans = "beans-" + Unique.Id();
        var now = Seconds(s.Api.Clock.GetUtcNow());
        var treated = await s.JoinWithPointsAsync(0);
        var held = await s.JoinWithPointsAsync(0);
        foreach (var member in new[] { treated, held })
        {
            await ProfilingAsync(s, member.Number);
            await BuyAsync(s, member.Number, now.AddDays(-5), (beans, 12m));
        }

        var offerId = Guid.NewGuid();
        await using (var db = s.Api.CreateDbContext())
        {
            // The offer's own tests publish through the API; here only the assignment matters, so it is written directly.
            var offer = Loyalty.Domain.Customised.Offers.PersonalOffer.Create(
                new Loyalty.Domain.Customised.Offers.OfferTerms(
                    "Double points on " + beans, "", now.AddDays(-1), now.AddDays(10), 2, false, 0m,
                    new Loyalty.Domain.Customised.Offers.OfferBenefit(Loyalty.Domain.Customised.Offers.OfferBenefitKind.Multiplier, null, 2m, beans, null, null)),
                now.AddDays(-1));
            db.PersonalOffers.Add(offer);
            db.OfferAssignments.Add(Loyalty.Domain.Customised.Offers.OfferAssignment.Assign(offer.Id, await s.IdOfAsync(treated.Number), Loyalty.Domain.Customised.Offers.OfferGroup.Treatment, now));
            db.OfferAssignments.Add(Loyalty.Domain.Customised.Offers.OfferAssignment.Assign(offer.Id, await s.IdOfAsync(held.Number), Loyalty.Domain.Customised.Offers.OfferGroup.Control, now));
            offer.Publish(treatment: 1, control: 1, now.AddDays(-1));
            await db.SaveChangesAsync();
            offerId = offer.Id;
        }

        var mine = await treated.Client.GetJsonAsync<Page<RecommendationResponse>>("/api/v1/me/recommendations");
        var theirs = await held.Client.GetJsonAsync<Page<RecommendationResponse>>("/api/v1/me/recommendations");

        var pick = Assert.Single(mine.Items, r => r.Id == offerId);
        Assert.Equal((RecommendationCandidateKind.Offer, RecommendationReasonKind.Habit, beans), (pick.Kind, pick.ReasonKind, pick.Category));
        Assert.DoesNotContain(theirs.Items, r => r.Id == offerId);
    }

    /// <summary>Staff record the member's consent to profiling, as the member could in the app.</summary>
    private static async Task ProfilingAsync(Scenario s, string memberNumber)
    {
        var id = await s.IdOfAsync(memberNumber);
        using var response = await s.Admin.PatchAsJsonAsync(
            $"/api/v1/admin/members/{id}/profile",
            new UpdateMyProfileRequest(Consents: [new ConsentUpdate(ConsentPurpose.Profiling, ContactChannel.None, true)]),
            HttpTestExtensions.Json);
        await response.EnsureStatusAsync(HttpStatusCode.OK);
    }

    private static DateTimeOffset Seconds(DateTimeOffset at) => new(at.Ticks - (at.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero);

    private static Task<PurchaseResponse> BuyAsync(Scenario s, string memberNumber, DateTimeOffset at, params (string Category, decimal Amount)[] lines) =>
        s.Partner.PostJsonAsync<PurchaseResponse>(
            "/api/v1/partner/transactions",
            new RecordPurchaseRequest(memberNumber, s.Store.Id, "R-" + Unique.Id(), lines.Sum(l => l.Amount), "EUR", at, Lines: [.. lines.Select(l => new PurchaseLineRequest(null, l.Category, 1, l.Amount))]),
            idempotent: true);
}
