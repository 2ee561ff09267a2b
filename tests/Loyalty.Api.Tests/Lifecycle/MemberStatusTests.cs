using System.Net;
using System.Net.Http.Json;
using Loyalty.Api.Tests.Infrastructure;
using Loyalty.Api.Tests.Redemptions;
using Loyalty.Contracts.Admin;
using Loyalty.Contracts.Common;
using Loyalty.Contracts.Member;
using Loyalty.Contracts.Partner;
using Loyalty.Domain.Financial.Ledger;
using Loyalty.Infrastructure.Persistence;

namespace Loyalty.Api.Tests.Lifecycle;

[Collection(ApiCollection.Name)]
public sealed class MemberStatusTests(ApiFixture fixture)
{
    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_suspended_member_can_read_but_not_earn_or_spend_until_reactivated(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        var (app, profile) = await s.JoinAppAsync();
        var id = await s.IdOfAsync(profile.MemberNumber);
        var earned = (await s.EarnAsync(profile.MemberNumber, 50m)).PointsEarned;

        var suspended = await s.SuspendAsync(id);

        Assert.Equal((Loyalty.Contracts.Common.MemberStatus.Suspended, earned), (suspended.Status, suspended.AvailablePoints));
        Assert.NotNull(suspended.StatusChangedAt);
        using (var purchase = await s.Partner.PostAsync("/api/v1/partner/transactions", s.Purchase(profile.MemberNumber, 10m), Guid.NewGuid().ToString()))
        {
            await purchase.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "member_suspended");
        }

        using (var pay = await s.Partner.PostAsync(PointsFlows.Redemptions, s.Redemption(profile.MemberNumber, 5), Guid.NewGuid().ToString()))
        {
            await pay.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "member_suspended");
        }

        Assert.Equal(Loyalty.Contracts.Common.MemberStatus.Suspended, (await s.Partner.GetJsonAsync<MemberLookupResponse>($"/api/v1/partner/members/{profile.MemberNumber}")).Status); // the till sees why
        Assert.Equal(Loyalty.Contracts.Common.MemberStatus.Suspended, (await app.GetJsonAsync<MemberProfileResponse>("/api/v1/me")).Status);
        Assert.Equal(earned, (await app.GetJsonAsync<PointsBalanceResponse>("/api/v1/me/points")).Available);

        var reactivated = await s.Admin.PostJsonAsync<MemberLifecycleResponse>(LifecycleKit.Admin(id, "reactivate"), new MemberStatusChangeRequest("Cleared"));

        Assert.Equal(Loyalty.Contracts.Common.MemberStatus.Active, reactivated.Status);
        Assert.Equal(HttpStatusCode.Created, await s.PurchaseStatusAsync(profile.MemberNumber, 10m));
        Assert.Equal(["member.suspended", "member.reactivated"], await s.AuditActionsAsync(id));
        Assert.Equal(["member.enrolled", "member.suspended", "member.reactivated"], await s.EventsAsync(id));
        await s.AssertBalanceEqualsLedgerAsync(profile.MemberNumber);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Invalid_transitions_unknown_members_and_missing_reasons_are_refused_with_stable_codes(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        var id = (await s.EnrolAsync()).Id;

        using (var reactivateActive = await s.PostAdminAsync(id, "reactivate", new MemberStatusChangeRequest("why not")))
        {
            await reactivateActive.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "member_not_suspended");
        }

        await s.SuspendAsync(id);
        using (var twice = await s.PostAdminAsync(id, "suspend", new MemberStatusChangeRequest("again")))
        {
            await twice.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "member_already_suspended");
        }

        using (var noReason = await s.PostAdminAsync(id, "close", new { reason = " " }))
        {
            await noReason.AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        }

        using (var badChoice = await s.PostAdminAsync(id, "close", new { reason = "x", pointsOnClose = "donate" }))
        {
            await badChoice.AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        }

        foreach (var action in new[] { "suspend", "reactivate", "close", "erasure" })
        {
            using var unknown = await s.PostAdminAsync(Guid.NewGuid(), action, new { reason = "x" });
            await unknown.AssertProblemAsync(HttpStatusCode.NotFound, "member_not_found");
        }

        using (var unknownExport = await s.Admin.GetAsync(LifecycleKit.Admin(Guid.NewGuid(), "export")))
        {
            await unknownExport.AssertProblemAsync(HttpStatusCode.NotFound, "member_not_found");
        }

        await s.CloseAsync(id, PointsOnClose.Keep);
        foreach (var action in new[] { "suspend", "reactivate", "close" })
        {
            using var final = await s.PostAdminAsync(id, action, new { reason = "reopen" });
            await final.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "member_closed");
        }
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Closing_with_forfeit_takes_available_and_pending_points_in_the_same_transaction(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        await using var policy = await s.PolicyAsync(p => p with { PointsOnClose = PointsOnClose.Forfeit });
        var member = await s.EnrolAsync();
        var available = (await s.EarnAsync(member.MemberNumber, 60m)).PointsEarned;
        var pending = (await s.Partner.PostJsonAsync<PurchaseResponse>("/api/v1/partner/transactions", s.Purchase(member.MemberNumber, 25m) with { AwaitConfirmation = true }, idempotent: true)).PointsEarned;

        var closed = await s.CloseAsync(member.Id); // the policy's default

        Assert.Equal((Loyalty.Contracts.Common.MemberStatus.Closed, 0L, 0L, available + pending), (closed.Status, closed.AvailablePoints, closed.PendingPoints, closed.PointsForfeited));
        var forfeits = (await s.LedgerAsync(member.MemberNumber)).Where(e => e.Type == LedgerEntryType.Forfeit).ToList();
        Assert.Equal([(-available, 0L), (0L, -pending)], forfeits.Select(e => (e.Points, e.PendingPoints)));
        Assert.Equal(0, await s.AssertBalanceEqualsLedgerAsync(member.MemberNumber));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, await s.PurchaseStatusAsync(member.MemberNumber, 10m));
        Assert.Equal(Loyalty.Contracts.Common.MemberStatus.Closed, (await s.Partner.GetJsonAsync<MemberLookupResponse>($"/api/v1/partner/members/{member.MemberNumber}")).Status);
        Assert.Equal(["member.enrolled", "member.closed"], await s.EventsAsync(member.Id));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Closing_with_keep_leaves_the_points_but_nothing_can_be_spent(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        await using var policy = await s.PolicyAsync(p => p with { PointsOnClose = PointsOnClose.Forfeit });
        var (app, profile) = await s.JoinAppAsync();
        var id = await s.IdOfAsync(profile.MemberNumber);
        var earned = (await s.EarnAsync(profile.MemberNumber, 40m)).PointsEarned;

        var closed = await s.CloseAsync(id, PointsOnClose.Keep); // staff override the default

        Assert.Equal((Loyalty.Contracts.Common.MemberStatus.Closed, earned, 0L), (closed.Status, closed.AvailablePoints, closed.PointsForfeited));
        using (var pay = await s.Partner.PostAsync(PointsFlows.Redemptions, s.Redemption(profile.MemberNumber, 5), Guid.NewGuid().ToString()))
        {
            await pay.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "member_closed");
        }

        Assert.Equal(earned, (await app.GetJsonAsync<PointsBalanceResponse>("/api/v1/me/points")).Available); // reading stays
        Assert.DoesNotContain(await s.LedgerAsync(profile.MemberNumber), e => e.Type == LedgerEntryType.Forfeit);
        Assert.Equal(earned, await s.AssertBalanceEqualsLedgerAsync(profile.MemberNumber));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Closing_is_refused_while_a_till_holds_points_and_works_once_the_hold_is_gone(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        var member = await s.EnrolAsync();
        await s.EarnAsync(member.MemberNumber, 50m);
        var hold = await s.AuthoriseAsync(member.MemberNumber, 20);

        using (var refused = await s.PostAdminAsync(member.Id, "close", new CloseMemberRequest("x", PointsOnClose.Forfeit)))
        {
            await refused.AssertProblemAsync(HttpStatusCode.Conflict, "member_has_open_holds");
        }

        Assert.Equal(Loyalty.Contracts.Common.MemberStatus.Active, (await s.Partner.GetJsonAsync<MemberLookupResponse>($"/api/v1/partner/members/{member.MemberNumber}")).Status); // nothing changed
        await s.CaptureAsync(hold.RedemptionId);
        var closed = await s.CloseAsync(member.Id, PointsOnClose.Forfeit);
        Assert.Equal((Loyalty.Contracts.Common.MemberStatus.Closed, 0L), (closed.Status, closed.AvailablePoints));
        Assert.Equal(0, await s.AssertBalanceEqualsLedgerAsync(member.MemberNumber));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_member_closes_their_own_membership_after_confirming_and_can_still_read_it(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        await using var policy = await s.PolicyAsync(p => p with { PointsOnClose = PointsOnClose.Forfeit });
        var (app, profile) = await s.JoinAppAsync();
        var earned = (await s.EarnAsync(profile.MemberNumber, 30m)).PointsEarned;

        using (var unconfirmed = await app.PostAsync("/api/v1/me/close", new CloseMyMembershipRequest(false), Guid.NewGuid().ToString()))
        {
            await unconfirmed.AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        }

        using (var noKey = await app.PostAsync("/api/v1/me/close", new CloseMyMembershipRequest(true), null))
        {
            await noKey.AssertProblemAsync(HttpStatusCode.BadRequest, "idempotency_key_required");
        }

        var key = Guid.NewGuid().ToString();
        using var first = await app.PostAsync("/api/v1/me/close", new CloseMyMembershipRequest(true), key);
        using var replay = await app.PostAsync("/api/v1/me/close", new CloseMyMembershipRequest(true), key);
        using var again = await app.PostAsync("/api/v1/me/close", new CloseMyMembershipRequest(true), Guid.NewGuid().ToString());

        await first.EnsureStatusAsync(HttpStatusCode.OK);
        var closed = await first.Content.ReadFromJsonAsync<MembershipClosedResponse>(HttpTestExtensions.Json);
        Assert.Equal((Loyalty.Contracts.Common.MemberStatus.Closed, earned, 0L), (closed!.Status, closed.PointsForfeited, closed.AvailablePoints));
        Assert.Equal(await first.Content.ReadAsStringAsync(), await replay.Content.ReadAsStringAsync());
        await again.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "member_closed");
        Assert.Equal(Loyalty.Contracts.Common.MemberStatus.Closed, (await app.GetJsonAsync<MemberProfileResponse>("/api/v1/me")).Status);
        Assert.Contains((await app.GetJsonAsync<Loyalty.Contracts.Common.Page<PointsHistoryEntry>>("/api/v1/me/points/history")).Items, e => e.Type == PointsEntryType.Forfeit);
        Assert.Equal(0, await s.AssertBalanceEqualsLedgerAsync(profile.MemberNumber));
    }
}
