using System.Net;
using System.Text.Json;
using Loyalty.Api.Tests.Infrastructure;
using Loyalty.Contracts.Admin;
using Loyalty.Contracts.Member;
using Loyalty.Contracts.Partner;
using Loyalty.Domain.Financial.Ledger;
using Loyalty.Domain.Structural.Outbox;
using Loyalty.Infrastructure.Jobs;
using Loyalty.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Loyalty.Api.Tests.Redemptions;

[Collection(ApiCollection.Name)]
public sealed class TwoPhaseRedemptionTests(ApiFixture fixture)
{
    private const string Redemptions = PointsFlows.Redemptions;

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task An_authorisation_holds_the_points_and_a_full_capture_spends_them(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        var (me, profile) = await s.JoinAppAsync();
        await s.EarnAsync(profile.MemberNumber, 100m);
        var policy = await s.Admin.GetJsonAsync<PointsPolicyResponse>("/api/v1/admin/points-policy");

        var authorised = await s.AuthoriseAsync(profile.MemberNumber, 40);

        Assert.Equal((RedemptionStatus.Authorised, 40L, 40L, 0L, 60L), (authorised.Status, authorised.Points, authorised.HeldPoints, authorised.CapturedPoints, authorised.AvailablePoints));
        Assert.Equal(TimeSpan.FromMinutes(policy.RedemptionHoldMinutes), authorised.ExpiresAt - authorised.CreatedAt);
        Assert.Null(authorised.CompletedAt);
        var held = await me.GetJsonAsync<PointsBalanceResponse>("/api/v1/me/points");
        Assert.Equal((60L, 40L), (held.Available, held.Held));
        Assert.Equal(60, await s.AssertBalanceEqualsLedgerAsync(profile.MemberNumber));

        var captured = await s.CaptureAsync(authorised.RedemptionId);

        Assert.Equal((RedemptionStatus.Captured, 40L, 0L, 60L), (captured.Status, captured.CapturedPoints, captured.HeldPoints, captured.AvailablePoints));
        Assert.NotNull(captured.CompletedAt);
        Assert.Equal(captured, await s.Partner.GetJsonAsync<RedemptionResponse>($"{Redemptions}/{authorised.RedemptionId}"));
        var after = await me.GetJsonAsync<PointsBalanceResponse>("/api/v1/me/points");
        Assert.Equal((60L, 0L), (after.Available, after.Held));
        Assert.Equal(
            [(LedgerEntryType.Earn, 100L), (LedgerEntryType.Hold, -40L), (LedgerEntryType.Release, 40L), (LedgerEntryType.Redeem, -40L)],
            (await s.LedgerAsync(profile.MemberNumber)).Select(e => (e.Type, e.Points)));
        Assert.Equal(0, (await s.AccountAsync(profile.MemberNumber)).Held);
        Assert.Equal(60, await s.AssertBalanceEqualsLedgerAsync(profile.MemberNumber));

        await using var db = s.Api.CreateDbContext();
        var payloads = await db.OutboxMessages.Where(m => m.Type == EventTypes.PointsRedeemed && m.PartnerId == s.PartnerInfo.Id).Select(m => m.Payload).ToListAsync();
        var redeemed = JsonDocument.Parse(Assert.Single(payloads)).RootElement; // written on capture, not on authorisation
        Assert.Equal((authorised.RedemptionId, 40L), (redeemed.GetProperty("redemptionId").GetGuid(), redeemed.GetProperty("points").GetInt64()));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_partial_capture_spends_part_and_the_rest_goes_back_to_its_lots_with_their_expiry(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        await using var policy = await s.PolicyAsync(p => p with { Expiry = new ExpiryPolicyDto(ExpiryKind.AfterPeriod, 12, PeriodUnit.Months), PendingDays = 0 });
        var member = await s.EnrolAsync();
        await s.EarnAsync(member.MemberNumber, 30m);
        using (s.Api.Clock.Travel(TimeSpan.FromDays(40)))
        {
            await s.EarnAsync(member.MemberNumber, 50m); // a younger lot, expiring 40 days later
        }

        var before = await s.LotsAsync(member.MemberNumber);
        Assert.NotEqual(before[0].ExpiresAt, before[1].ExpiresAt);
        var authorised = await s.AuthoriseAsync(member.MemberNumber, 50); // 30 from the old lot, 20 from the young one

        var captured = await s.CaptureAsync(authorised.RedemptionId, 30);

        Assert.Equal((RedemptionStatus.Captured, 50L, 30L, 50L), (captured.Status, captured.Points, captured.CapturedPoints, captured.AvailablePoints));
        var after = await s.LotsAsync(member.MemberNumber);
        Assert.Equal(before.Select(l => (l.Id, l.ExpiresAt)), after.Select(l => (l.Id, l.ExpiresAt))); // no new lots, dates kept
        Assert.Equal([0L, 50L], after.Select(l => l.Remaining)); // the oldest points were spent, the young lot is whole again
        Assert.Equal(50, await s.AssertBalanceEqualsLedgerAsync(member.MemberNumber));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Capturing_more_than_was_authorised_is_refused_and_the_hold_stays(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        var member = await s.EnrolAsync();
        await s.EarnAsync(member.MemberNumber, 100m);
        var authorised = await s.AuthoriseAsync(member.MemberNumber, 40);

        using var tooMuch = await s.Partner.PostAsync($"{Redemptions}/{authorised.RedemptionId}/capture", new CaptureRedemptionRequest(41), Guid.NewGuid().ToString());
        using var zero = await s.Partner.PostAsync($"{Redemptions}/{authorised.RedemptionId}/capture", new CaptureRedemptionRequest(0), Guid.NewGuid().ToString());

        await tooMuch.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "capture_exceeds_authorisation");
        var problem = await zero.AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        Assert.True(problem.GetProperty("errors").TryGetProperty("points", out _));
        var still = await s.Partner.GetJsonAsync<RedemptionResponse>($"{Redemptions}/{authorised.RedemptionId}");
        Assert.Equal((RedemptionStatus.Authorised, 40L), (still.Status, still.HeldPoints));
        Assert.Equal(60, await s.AssertBalanceEqualsLedgerAsync(member.MemberNumber));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_cancel_gives_every_held_point_back_and_nothing_can_follow_it(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        var member = await s.EnrolAsync();
        await s.EarnAsync(member.MemberNumber, 100m);
        var authorised = await s.AuthoriseAsync(member.MemberNumber, 70);
        var key = Guid.NewGuid().ToString();

        using var cancel = await s.Partner.PostAsync($"{Redemptions}/{authorised.RedemptionId}/cancel", new { }, key);
        using var replay = await s.Partner.PostAsync($"{Redemptions}/{authorised.RedemptionId}/cancel", new { }, key);
        using var capture = await s.Partner.PostAsync($"{Redemptions}/{authorised.RedemptionId}/capture", new { }, Guid.NewGuid().ToString());
        using var again = await s.Partner.PostAsync($"{Redemptions}/{authorised.RedemptionId}/cancel", new { }, Guid.NewGuid().ToString());

        await cancel.EnsureStatusAsync(HttpStatusCode.OK);
        var cancelled = JsonSerializer.Deserialize<RedemptionResponse>(await cancel.Content.ReadAsStringAsync(), HttpTestExtensions.Json)!;
        Assert.Equal((RedemptionStatus.Cancelled, 0L, 0L, 100L), (cancelled.Status, cancelled.HeldPoints, cancelled.CapturedPoints, cancelled.AvailablePoints));
        Assert.Equal("true", replay.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(await cancel.Content.ReadAsStringAsync(), await replay.Content.ReadAsStringAsync());
        await capture.AssertProblemAsync(HttpStatusCode.Conflict, "redemption_not_authorised");
        await again.AssertProblemAsync(HttpStatusCode.Conflict, "redemption_already_cancelled");
        Assert.Equal(1, (await s.LedgerAsync(member.MemberNumber)).Count(e => e.Type == LedgerEntryType.Release));
        Assert.Equal(100, await s.AssertBalanceEqualsLedgerAsync(member.MemberNumber));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_capture_replays_with_its_key_and_a_new_key_on_a_captured_redemption_is_a_409(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        var member = await s.EnrolAsync();
        await s.EarnAsync(member.MemberNumber, 100m);
        var authorised = await s.AuthoriseAsync(member.MemberNumber, 25);
        var key = Guid.NewGuid().ToString();

        using var first = await s.Partner.PostAsync($"{Redemptions}/{authorised.RedemptionId}/capture", new CaptureRedemptionRequest(null), key);
        using var replay = await s.Partner.PostAsync($"{Redemptions}/{authorised.RedemptionId}/capture", new CaptureRedemptionRequest(null), key);
        using var newKey = await s.Partner.PostAsync($"{Redemptions}/{authorised.RedemptionId}/capture", new CaptureRedemptionRequest(null), Guid.NewGuid().ToString());
        using var cancel = await s.Partner.PostAsync($"{Redemptions}/{authorised.RedemptionId}/cancel", new { }, Guid.NewGuid().ToString());

        await first.EnsureStatusAsync(HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await replay.Content.ReadAsStringAsync());
        await newKey.AssertProblemAsync(HttpStatusCode.Conflict, "redemption_already_captured");
        await cancel.AssertProblemAsync(HttpStatusCode.Conflict, "redemption_already_captured");
        Assert.Equal(1, (await s.LedgerAsync(member.MemberNumber)).Count(e => e.Type == LedgerEntryType.Redeem));
        Assert.Equal(75, await s.AssertBalanceEqualsLedgerAsync(member.MemberNumber));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_capture_needs_no_body(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        var member = await s.EnrolAsync();
        await s.EarnAsync(member.MemberNumber, 10m);
        var authorised = await s.AuthoriseAsync(member.MemberNumber, 10);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{Redemptions}/{authorised.RedemptionId}/capture");
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());

        using var response = await s.Partner.SendAsync(request);

        await response.EnsureStatusAsync(HttpStatusCode.OK);
        Assert.Equal(0, await s.AssertBalanceEqualsLedgerAsync(member.MemberNumber));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task An_authorisation_left_alone_lapses_and_the_job_gives_its_points_back_once(DatabaseProvider provider)
    {
        var api = fixture.For(provider);
        var s = await Scenario.StartAsync(api);
        var member = await s.EnrolAsync();
        await s.EarnAsync(member.MemberNumber, 100m);
        var authorised = await s.AuthoriseAsync(member.MemberNumber, 60);
        var job = api.Services.GetRequiredService<RedemptionHoldExpiryJob>();
        Assert.Equal(0, await ReleasesAfterJobAsync(s, authorised.RedemptionId, job)); // not due yet

        using (api.Clock.Travel(authorised.ExpiresAt - api.Clock.GetUtcNow() + TimeSpan.FromSeconds(1)))
        {
            var lapsed = await s.Partner.GetJsonAsync<RedemptionResponse>($"{Redemptions}/{authorised.RedemptionId}");
            Assert.Equal((RedemptionStatus.Expired, 60L), (lapsed.Status, lapsed.HeldPoints)); // expired at once, released by the job
            using var capture = await s.Partner.PostAsync($"{Redemptions}/{authorised.RedemptionId}/capture", new { }, Guid.NewGuid().ToString());
            await capture.AssertProblemAsync(HttpStatusCode.Conflict, "redemption_expired");
            using var cancel = await s.Partner.PostAsync($"{Redemptions}/{authorised.RedemptionId}/cancel", new { }, Guid.NewGuid().ToString());
            await cancel.AssertProblemAsync(HttpStatusCode.Conflict, "redemption_expired");

            Assert.Equal(1, await ReleasesAfterJobAsync(s, authorised.RedemptionId, job));
            Assert.Equal(1, await ReleasesAfterJobAsync(s, authorised.RedemptionId, job)); // a second run finds nothing to do

            var released = await s.Partner.GetJsonAsync<RedemptionResponse>($"{Redemptions}/{authorised.RedemptionId}");
            Assert.Equal((RedemptionStatus.Expired, 0L, 100L), (released.Status, released.HeldPoints, released.AvailablePoints));
            Assert.NotNull(released.CompletedAt);
        }

        Assert.Equal(0, (await s.AccountAsync(member.MemberNumber)).Held);
        Assert.Equal(100, await s.AssertBalanceEqualsLedgerAsync(member.MemberNumber));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Two_job_runs_at_once_release_a_lapsed_hold_only_once(DatabaseProvider provider)
    {
        var api = fixture.For(provider);
        var s = await Scenario.StartAsync(api);
        var member = await s.EnrolAsync();
        await s.EarnAsync(member.MemberNumber, 100m);
        var holds = new List<RedemptionResponse>();
        for (var i = 0; i < 5; i++)
        {
            holds.Add(await s.AuthoriseAsync(member.MemberNumber, 10));
        }

        using (api.Clock.Travel(TimeSpan.FromDays(8))) // past any hold the policy allows
        {
            // Two instances of the job at once, each with its own scope and connection, until nothing is left.
            var job = api.Services.GetRequiredService<RedemptionHoldExpiryJob>();
            for (var round = 0; round < 100; round++)
            {
                var handled = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(() => job.RunOnceAsync(CancellationToken.None))));
                if (handled.Sum() == 0)
                {
                    break;
                }
            }
        }

        var entries = await s.LedgerAsync(member.MemberNumber);
        Assert.Equal(5, entries.Count(e => e.Type == LedgerEntryType.Release));
        Assert.All(holds, h => Assert.Single(entries, e => e.Type == LedgerEntryType.Release && e.RedemptionId == h.RedemptionId));
        Assert.Equal(100, await s.AssertBalanceEqualsLedgerAsync(member.MemberNumber));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Parallel_captures_of_one_authorisation_let_exactly_one_through(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        var member = await s.EnrolAsync();
        await s.EarnAsync(member.MemberNumber, 100m);
        var authorised = await s.AuthoriseAsync(member.MemberNumber, 50);

        var results = await PointsFlows.InParallelAsync(8, i => i % 2 == 0
            ? s.Partner.PostAsync($"{Redemptions}/{authorised.RedemptionId}/capture", new CaptureRedemptionRequest(40), Guid.NewGuid().ToString())
            : s.Partner.PostAsync($"{Redemptions}/{authorised.RedemptionId}/cancel", new { }, Guid.NewGuid().ToString()));

        var winner = Assert.Single(results, r => r.Status == HttpStatusCode.OK);
        Assert.All(results.Where(r => r.Status != HttpStatusCode.OK), r => Assert.Equal(HttpStatusCode.Conflict, r.Status));
        var entries = await s.LedgerAsync(member.MemberNumber);
        Assert.Single(entries, e => e.Type == LedgerEntryType.Release);
        var expected = winner.Body.Contains("\"captured\"", StringComparison.Ordinal) ? 60 : 100;
        Assert.Equal(expected, await s.AssertBalanceEqualsLedgerAsync(member.MemberNumber));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Parallel_authorisations_against_one_balance_never_hold_more_than_it_has(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        var member = await s.EnrolAsync();
        await s.EarnAsync(member.MemberNumber, 100m);

        var results = await PointsFlows.InParallelAsync(25, _ => s.Partner.PostAsync(Redemptions, s.Redemption(member.MemberNumber, 15), Guid.NewGuid().ToString()));

        Assert.Equal(6, results.Count(r => r.Status == HttpStatusCode.Created)); // 6 × 15 = 90 ≤ 100 < 7 × 15
        Assert.All(results.Where(r => r.Status != HttpStatusCode.Created), r => Assert.Contains("insufficient_points", r.Body, StringComparison.Ordinal));
        var account = await s.AccountAsync(member.MemberNumber);
        Assert.Equal((10L, 90L), (account.Available, account.Held));
        Assert.Equal(10, await s.AssertBalanceEqualsLedgerAsync(member.MemberNumber));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Another_partner_can_neither_see_nor_touch_a_redemption(DatabaseProvider provider)
    {
        var api = fixture.For(provider);
        var mine = await Scenario.StartAsync(api);
        var theirs = await Scenario.StartAsync(api);
        var member = await mine.EnrolAsync();
        await mine.EarnAsync(member.MemberNumber, 50m);
        var authorised = await mine.AuthoriseAsync(member.MemberNumber, 20);

        using var get = await theirs.Partner.GetAsync($"{Redemptions}/{authorised.RedemptionId}");
        using var capture = await theirs.Partner.PostAsync($"{Redemptions}/{authorised.RedemptionId}/capture", new { }, Guid.NewGuid().ToString());
        using var cancel = await theirs.Partner.PostAsync($"{Redemptions}/{authorised.RedemptionId}/cancel", new { }, Guid.NewGuid().ToString());
        using var unknown = await mine.Partner.GetAsync($"{Redemptions}/{Guid.NewGuid()}");

        await get.AssertProblemAsync(HttpStatusCode.NotFound, "redemption_not_found");
        await capture.AssertProblemAsync(HttpStatusCode.NotFound, "redemption_not_found");
        await cancel.AssertProblemAsync(HttpStatusCode.NotFound, "redemption_not_found");
        await unknown.AssertProblemAsync(HttpStatusCode.NotFound, "redemption_not_found");
        Assert.Equal(RedemptionStatus.Authorised, (await mine.Partner.GetJsonAsync<RedemptionResponse>($"{Redemptions}/{authorised.RedemptionId}")).Status);
        Assert.Equal(30, await mine.AssertBalanceEqualsLedgerAsync(member.MemberNumber));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_suspended_member_cannot_authorise_but_a_hold_made_before_can_still_be_cancelled(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        var member = await s.EnrolAsync();
        await s.EarnAsync(member.MemberNumber, 50m);
        var authorised = await s.AuthoriseAsync(member.MemberNumber, 20);
        await s.SetStatusAsync(member.MemberNumber, Domain.Social.Members.MemberStatus.Suspended);

        using var refused = await s.Partner.PostAsync(Redemptions, s.Redemption(member.MemberNumber, 5), Guid.NewGuid().ToString());
        var cancelled = await s.Partner.PostJsonAsync<RedemptionResponse>($"{Redemptions}/{authorised.RedemptionId}/cancel", new { }, idempotent: true);

        await refused.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "member_suspended");
        Assert.Equal(RedemptionStatus.Cancelled, cancelled.Status);
        Assert.Equal(50, await s.AssertBalanceEqualsLedgerAsync(member.MemberNumber));
    }

    /// <summary>Runs the job until it has nothing left (other tests' holds may be due too), then counts this hold's releases.</summary>
    private static async Task<int> ReleasesAfterJobAsync(Scenario s, Guid redemptionId, RedemptionHoldExpiryJob job)
    {
        for (var round = 0; round < 100 && await job.RunOnceAsync(CancellationToken.None) > 0; round++)
        {
        }

        await using var db = s.Api.CreateDbContext();
        return await db.LedgerEntries.CountAsync(e => e.RedemptionId == redemptionId && e.Type == LedgerEntryType.Release);
    }
}
