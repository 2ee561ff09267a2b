using System.Net;
using Loyalty.Api.Tests.Infrastructure;
using Loyalty.Api.Tests.Redemptions;
using Loyalty.Contracts.Admin;
using Loyalty.Contracts.Common;
using Loyalty.Contracts.Member;
using Loyalty.Contracts.Partner;
using Loyalty.Domain.Financial.Ledger;
using Loyalty.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Api.Tests.Lifecycle;

[Collection(ApiCollection.Name)]
public sealed class MemberMergeTests(ApiFixture fixture)
{
    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_merge_moves_the_points_with_their_expiry_dates_and_keeps_both_histories(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        await using var policy = await s.PolicyAsync(p => p with { Expiry = new ExpiryPolicyDto(ExpiryKind.AfterPeriod, 12, PeriodUnit.Months), PendingDays = 0 });
        var survivor = await s.EnrolAsync(); // till-only
        var (dupApp, dupProfile) = await s.JoinAppAsync("Dup");
        var duplicateId = await s.IdOfAsync(dupProfile.MemberNumber);
        var own = (await s.EarnAsync(survivor.MemberNumber, 10m)).PointsEarned;
        var first = await s.EarnAsync(dupProfile.MemberNumber, 30m);
        using (s.Api.Clock.Travel(TimeSpan.FromDays(40)))
        {
            await s.EarnAsync(dupProfile.MemberNumber, 70m);
        }

        var dupLots = await s.LotsAsync(dupProfile.MemberNumber);
        var dupLedgerBefore = await s.LedgerAsync(dupProfile.MemberNumber);
        var moved = dupLots.Sum(l => l.Remaining);

        var merged = await s.MergeAsync(survivor.Id, duplicateId);

        Assert.Equal((moved, 2, 0), (merged.PointsMoved, merged.PurchasesMoved, merged.VouchersMoved));
        Assert.Equal((Loyalty.Contracts.Common.MemberStatus.Active, own + moved), (merged.Survivor.Status, merged.Survivor.AvailablePoints));
        Assert.Equal((Loyalty.Contracts.Common.MemberStatus.Merged, survivor.Id, 0L), (merged.Duplicate.Status, merged.Duplicate.MergedIntoMemberId, merged.Duplicate.AvailablePoints));
        var survivorLots = (await s.LotsAsync(survivor.MemberNumber)).Skip(1).ToList();
        Assert.Equal(dupLots.Select(l => (l.Remaining, l.ExpiresAt)), survivorLots.Select(l => (l.Remaining, l.ExpiresAt))); // no fresh dates

        // The duplicate's ledger is never rewritten: it only gained the MergeOut that emptied it.
        var dupLedgerAfter = await s.LedgerAsync(dupProfile.MemberNumber);
        Assert.Equal(dupLedgerBefore.Select(e => (e.Id, e.Points)), dupLedgerAfter.SkipLast(1).Select(e => (e.Id, e.Points)));
        Assert.Equal((LedgerEntryType.MergeOut, -moved, survivor.Id), (dupLedgerAfter[^1].Type, dupLedgerAfter[^1].Points, dupLedgerAfter[^1].ReferenceId));
        var mergeIn = (await s.LedgerAsync(survivor.MemberNumber))[^1];
        Assert.Equal((LedgerEntryType.MergeIn, moved, duplicateId), (mergeIn.Type, mergeIn.Points, mergeIn.ReferenceId));

        // The person's app login now opens the surviving account (it had none), and its history includes the duplicate's.
        var me = await dupApp.GetJsonAsync<MemberProfileResponse>("/api/v1/me");
        Assert.Equal(survivor.MemberNumber, me.MemberNumber);
        var history = (await dupApp.GetJsonAsync<Page<PointsHistoryEntry>>("/api/v1/me/points/history?limit=100")).Items;
        Assert.Contains(history, e => e.Type == PointsEntryType.MergeIn);
        Assert.Contains(history, e => e.Type == PointsEntryType.MergeOut);
        Assert.Contains(history, e => e.Type == PointsEntryType.Earn && e.Points == first.PointsEarned);
        Assert.Equal(own + moved, history.Sum(e => e.Points)); // the merge pair nets out
        Assert.Equal(own + moved, (await dupApp.GetJsonAsync<PointsBalanceResponse>("/api/v1/me/points")).Available);

        // Purchases follow the person (tier qualification counts them); the old card no longer earns.
        await using (var db = s.Api.CreateDbContext())
        {
            Assert.Equal(3, await db.Purchases.CountAsync(p => p.MemberId == survivor.Id));
        }

        using (var oldCard = await s.Partner.PostAsync("/api/v1/partner/transactions", s.Purchase(dupProfile.MemberNumber, 5m), Guid.NewGuid().ToString()))
        {
            await oldCard.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "member_merged");
        }

        Assert.Equal(Loyalty.Contracts.Common.MemberStatus.Merged, (await s.Partner.GetJsonAsync<MemberLookupResponse>($"/api/v1/partner/members/{dupProfile.MemberNumber}")).Status);
        Assert.Equal(["member.merged"], await s.AuditActionsAsync(duplicateId));
        Assert.Equal(["member.enrolled", "member.merged"], await s.EventsAsync(survivor.Id));
        Assert.Equal(own + moved, await s.AssertBalanceEqualsLedgerAsync(survivor.MemberNumber));
        Assert.Equal(0, await s.AssertBalanceEqualsLedgerAsync(dupProfile.MemberNumber));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Merges_into_itself_a_closed_or_merged_member_or_with_pending_or_held_points_are_refused(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        var survivor = await s.EnrolAsync();
        var duplicate = await s.EnrolAsync();
        var closed = await s.EnrolAsync();
        await s.CloseAsync(closed.Id, PointsOnClose.Keep);

        async Task RefusedAsync(Guid into, Guid dup, HttpStatusCode status, string code)
        {
            using var response = await s.PostAdminAsync(into, "merge", new MergeMemberRequest(dup, "duplicate"));
            await response.AssertProblemAsync(status, code);
        }

        await RefusedAsync(survivor.Id, survivor.Id, HttpStatusCode.UnprocessableEntity, "merge_into_self");
        await RefusedAsync(closed.Id, duplicate.Id, HttpStatusCode.UnprocessableEntity, "survivor_closed");
        await RefusedAsync(survivor.Id, Guid.NewGuid(), HttpStatusCode.NotFound, "member_not_found");
        await RefusedAsync(Guid.NewGuid(), duplicate.Id, HttpStatusCode.NotFound, "member_not_found");
        using (var noReason = await s.PostAdminAsync(survivor.Id, "merge", new { duplicateMemberId = duplicate.Id }))
        {
            await noReason.AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        }

        await s.Partner.PostJsonAsync<PurchaseResponse>("/api/v1/partner/transactions", s.Purchase(duplicate.MemberNumber, 20m) with { AwaitConfirmation = true }, idempotent: true);
        await RefusedAsync(survivor.Id, duplicate.Id, HttpStatusCode.Conflict, "duplicate_has_pending_points");

        var holder = await s.EnrolAsync();
        await s.EarnAsync(holder.MemberNumber, 30m);
        await s.AuthoriseAsync(holder.MemberNumber, 10);
        await RefusedAsync(survivor.Id, holder.Id, HttpStatusCode.Conflict, "member_has_open_holds");

        // A closed member (points kept) may be merged into an open one: that is how kept points reach a new card.
        var other = await s.EnrolAsync();
        await s.MergeAsync(survivor.Id, closed.Id);
        await RefusedAsync(other.Id, closed.Id, HttpStatusCode.UnprocessableEntity, "member_already_merged");
        await RefusedAsync(closed.Id, other.Id, HttpStatusCode.UnprocessableEntity, "survivor_merged");
        using (var suspendMerged = await s.PostAdminAsync(closed.Id, "suspend", new MemberStatusChangeRequest("x")))
        {
            await suspendMerged.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "member_merged");
        }
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Earns_racing_a_merge_lose_no_points_and_a_second_merge_sweeps_what_reached_the_duplicate(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        await using var policy = await s.PolicyAsync(p => p with { PendingDays = 0 });
        var survivor = await s.EnrolAsync();
        var duplicate = await s.EnrolAsync();
        var start = (await s.EarnAsync(survivor.MemberNumber, 20m)).PointsEarned + (await s.EarnAsync(duplicate.MemberNumber, 50m)).PointsEarned;

        var results = await PointsFlows.InParallelAsync(9, i => i == 4
            ? s.PostAdminAsync(survivor.Id, "merge", new MergeMemberRequest(duplicate.Id, "race"))
            : s.Partner.PostAsync("/api/v1/partner/transactions", s.Purchase(i % 2 == 0 ? duplicate.MemberNumber : survivor.MemberNumber, 10m), Guid.NewGuid().ToString()));

        Assert.Equal(HttpStatusCode.OK, results[4].Status);
        var earns = results.Where((_, i) => i != 4).ToList();
        Assert.All(earns, r => Assert.True(r.Status == HttpStatusCode.Created || (r.Status == HttpStatusCode.UnprocessableEntity && r.Body.Contains("member_merged", StringComparison.Ordinal)), r.Body));
        var earnedInRace = earns.Where(r => r.Status == HttpStatusCode.Created)
            .Sum(r => System.Text.Json.JsonSerializer.Deserialize<PurchaseResponse>(r.Body, HttpTestExtensions.Json)!.PointsEarned);

        var survivorBalance = await s.AssertBalanceEqualsLedgerAsync(survivor.MemberNumber);
        var duplicateBalance = await s.AssertBalanceEqualsLedgerAsync(duplicate.MemberNumber);
        Assert.Equal(start + earnedInRace, survivorBalance + duplicateBalance); // nothing lost, nothing made up

        // An earn that read the card before the merge committed may have landed on the duplicate: sweep it over.
        var swept = await s.MergeAsync(survivor.Id, duplicate.Id);
        Assert.Equal(duplicateBalance, swept.PointsMoved);
        Assert.Equal(start + earnedInRace, await s.AssertBalanceEqualsLedgerAsync(survivor.MemberNumber));
        Assert.Equal(0, await s.AssertBalanceEqualsLedgerAsync(duplicate.MemberNumber));
    }
}
