using System.Net;
using System.Text.Json;
using Loyalty.Api.Tests.Financial;
using Loyalty.Api.Tests.Infrastructure;
using Loyalty.Api.Tests.Redemptions;
using Loyalty.Contracts.Admin;
using Loyalty.Contracts.Member;
using Loyalty.Contracts.Partner;
using Loyalty.Domain.Financial.Ledger;
using Loyalty.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Api.Tests.Lifecycle;

[Collection(ApiCollection.Name)]
public sealed class MemberDataTests(ApiFixture fixture)
{
    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_export_holds_everything_about_the_member_and_the_member_gets_the_same_document(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        var (app, profile) = await s.JoinAppAsync("Export");
        var (_, friend) = await s.JoinAppAsync("Friend");
        var id = await s.IdOfAsync(profile.MemberNumber);
        await using var policy = await s.PolicyAsync(p => p with { TransferMaxPoints = 1_000, TransferMaxPointsPerMonth = 5_000 });
        var purchase = await s.EarnAsync(profile.MemberNumber, 80m);
        await s.SpendAsync(profile.MemberNumber, 10);
        var transfer = await app.PostJsonAsync<TransferResponse>("/api/v1/me/transfers", new CreateTransferRequest(friend.MemberNumber, 5, "Coffee on me"));
        await app.PostJsonAsync<TransferResponse>($"/api/v1/me/transfers/{transfer.Id}/confirm", new { }, idempotent: true);
        await s.SuspendAsync(id);

        var export = await s.Admin.GetJsonAsync<MemberDataExport>(LifecycleKit.Admin(id, "export"));

        Assert.Equal((id, profile.MemberNumber), (export.MemberId, export.MemberNumber));
        foreach (var section in new[] { "profile", "points", "purchases", "redemptions", "vouchers", "transfers", "audit" })
        {
            Assert.True(export.Sections.ContainsKey(section), $"missing section {section}");
        }

        var p = export.Sections["profile"];
        Assert.Equal((profile.FirstName, profile.Email, "suspended"), (p.GetProperty("firstName").GetString(), p.GetProperty("email").GetString(), p.GetProperty("status").GetString()));
        var ledger = export.Sections["points"].GetProperty("ledger").EnumerateArray().Select(e => e.GetProperty("type").GetString()).ToList();
        Assert.Equal((await s.LedgerAsync(profile.MemberNumber)).Select(e => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(e.Type.ToString())), ledger);
        Assert.Equal(80 - 10 - 5 + (purchase.PointsEarned - 80), export.Sections["points"].GetProperty("account").GetProperty("available").GetInt64());
        var bought = Assert.Single(export.Sections["purchases"].GetProperty("purchases").EnumerateArray());
        Assert.Equal(purchase.ExternalId, bought.GetProperty("receipt").GetString());
        Assert.NotEmpty(bought.GetProperty("breakdown").EnumerateArray());
        Assert.Single(export.Sections["redemptions"].EnumerateArray());
        var sent = Assert.Single(export.Sections["transfers"].EnumerateArray());
        Assert.Equal(("outgoing", friend.MemberNumber, "Coffee on me"), (sent.GetProperty("direction").GetString(), sent.GetProperty("counterpartMemberNumber").GetString(), sent.GetProperty("message").GetString()));
        Assert.Contains(export.Sections["audit"].EnumerateArray(), a => a.GetProperty("action").GetString() == "member.suspended");

        var mine = await app.GetJsonAsync<MemberDataExport>("/api/v1/me/export");
        Assert.Equal(export.Sections.Keys.Order(), mine.Sections.Keys.Order());
        Assert.Equal(export.Sections["points"].ToString(), mine.Sections["points"].ToString());
        Assert.Contains("member.exported", await s.AuditActionsAsync(id)); // staff reading someone's data leaves a trace
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Erasure_anonymises_the_member_keeps_the_ledger_whole_and_changes_nothing_the_second_time(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        await using var policy = await s.PolicyAsync(p => p with { PointsOnClose = PointsOnClose.Keep, TransferMaxPoints = 1_000, TransferMaxPointsPerMonth = 5_000 });
        var (app, profile) = await s.JoinAppAsync("Forget");
        var (_, friend) = await s.JoinAppAsync("Friend");
        var id = await s.IdOfAsync(profile.MemberNumber);
        var earned = (await s.EarnAsync(profile.MemberNumber, 90m)).PointsEarned;
        var transfer = await app.PostJsonAsync<TransferResponse>("/api/v1/me/transfers", new CreateTransferRequest(friend.MemberNumber, 5, $"From {profile.FirstName} {profile.LastName}"));
        await app.PostJsonAsync<TransferResponse>($"/api/v1/me/transfers/{transfer.Id}/confirm", new { }, idempotent: true);
        var ledgerBefore = await s.LedgerAsync(profile.MemberNumber);

        var erased = await s.Admin.PostJsonAsync<MemberLifecycleResponse>(LifecycleKit.Admin(id, "erasure"), new MemberStatusChangeRequest("GDPR request #123"));

        Assert.Equal((Loyalty.Contracts.Common.MemberStatus.Closed, 0L, earned - 5), (erased.Status, erased.AvailablePoints, erased.PointsForfeited)); // forfeited although the close policy keeps
        Assert.NotNull(erased.ErasedAt);
        var export = await s.Admin.GetJsonAsync<MemberDataExport>(LifecycleKit.Admin(id, "export"));
        var json = JsonSerializer.Serialize(export);
        foreach (var personal in new[] { profile.FirstName, profile.LastName, profile.Email, "app-" })
        {
            Assert.DoesNotContain(personal, json, StringComparison.OrdinalIgnoreCase);
        }

        Assert.Equal("Erased", (await s.Partner.GetJsonAsync<MemberLookupResponse>($"/api/v1/partner/members/{profile.MemberNumber}")).DisplayName);
        using (var login = await app.GetAsync("/api/v1/me"))
        {
            await login.AssertProblemAsync(HttpStatusCode.NotFound, "member_not_found"); // the login no longer leads to the data
        }

        // The ledger is only appended to: the forfeit; every earlier entry keeps its amounts.
        var ledgerAfter = await s.LedgerAsync(profile.MemberNumber);
        Assert.Equal(ledgerBefore.Select(e => (e.Id, e.Points, e.PendingPoints)), ledgerAfter.SkipLast(1).Select(e => (e.Id, e.Points, e.PendingPoints)));
        Assert.Equal(LedgerEntryType.Forfeit, ledgerAfter[^1].Type);
        Assert.Equal(0, await s.AssertBalanceEqualsLedgerAsync(profile.MemberNumber));

        await using (var db = s.Api.CreateDbContext())
        {
            Assert.Null(await db.PointsTransfers.Where(t => t.Id == transfer.Id).Select(t => t.Message).SingleAsync());
            var audit = await db.AuditLog.AsNoTracking().Where(a => a.EntityType == "member" && a.EntityId == id.ToString()).Select(a => (a.Before ?? "") + (a.After ?? "")).ToListAsync();
            Assert.DoesNotContain(audit, a => a.Contains(profile.Email, StringComparison.OrdinalIgnoreCase) || a.Contains(profile.LastName, StringComparison.Ordinal));
        }

        var again = await s.Admin.PostJsonAsync<MemberLifecycleResponse>(LifecycleKit.Admin(id, "erasure"), new MemberStatusChangeRequest("repeat"));
        Assert.Equal((erased.ErasedAt, erased.Status, 0L), (again.ErasedAt, again.Status, again.PointsForfeited));
        Assert.Equal(["member.erased", "member.exported"], (await s.AuditActionsAsync(id)).Where(a => a != "member.closed"));
        Assert.Equal(["member.enrolled", "member.erased"], await s.EventsAsync(id));

        // The person may join again later, as a stranger.
        var rejoined = await app.PostJsonAsync<MemberProfileResponse>("/api/v1/me", new SelfEnrolRequest(profile.FirstName, profile.LastName, profile.Email, null, null));
        Assert.NotEqual(profile.MemberNumber, rejoined.MemberNumber);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_survivors_export_includes_its_merged_duplicates_and_erasing_it_erases_them_too(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        var survivor = await s.EnrolAsync("Survivor");
        var duplicate = await s.EnrolAsync("Duplicate");
        await s.EarnAsync(duplicate.MemberNumber, 15m);
        await s.MergeAsync(survivor.Id, duplicate.Id);

        var export = await s.Admin.GetJsonAsync<MemberDataExport>(LifecycleKit.Admin(survivor.Id, "export"));
        var nested = Assert.Single(export.MergedMembers);
        Assert.Equal((duplicate.Id, "Duplicate"), (nested.MemberId, nested.Sections["profile"].GetProperty("lastName").GetString()));
        Assert.Contains(nested.Sections["points"].GetProperty("ledger").EnumerateArray(), e => e.GetProperty("type").GetString() == "mergeOut");

        await s.Admin.PostJsonAsync<MemberLifecycleResponse>(LifecycleKit.Admin(survivor.Id, "erasure"), new MemberStatusChangeRequest("request"));

        var after = JsonSerializer.Serialize(await s.Admin.GetJsonAsync<MemberDataExport>(LifecycleKit.Admin(survivor.Id, "export")));
        Assert.DoesNotContain("Survivor", after, StringComparison.Ordinal);
        Assert.DoesNotContain("Duplicate", after, StringComparison.Ordinal);
        Assert.Equal(["member.merged", "member.erased"], await s.AuditActionsAsync(duplicate.Id));
        Assert.Equal(0, await s.AssertBalanceEqualsLedgerAsync(survivor.MemberNumber));
        Assert.Equal(0, await s.AssertBalanceEqualsLedgerAsync(duplicate.MemberNumber));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_liability_report_still_reconciles_after_closing_merging_and_erasing(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        var a = await s.EnrolAsync();
        var b = await s.EnrolAsync();
        var c = await s.EnrolAsync();
        foreach (var m in new[] { a, b, c })
        {
            await s.EarnAsync(m.MemberNumber, 40m);
        }

        var before = await s.Admin.GetJsonAsync<LiabilityReportResponse>("/api/v1/admin/reports/liability");
        await s.MergeAsync(a.Id, b.Id);
        var closed = await s.CloseAsync(c.Id, PointsOnClose.Forfeit);
        var erased = await s.Admin.PostJsonAsync<MemberLifecycleResponse>(LifecycleKit.Admin(a.Id, "erasure"), new MemberStatusChangeRequest("request"));

        var report = await s.Admin.GetJsonAsync<LiabilityReportResponse>("/api/v1/admin/reports/liability");
        var o = report.Outstanding;
        Assert.Equal(o.Available + o.Pending, report.Lifetime.Net);
        Assert.True(closed.PointsForfeited > 0 && erased.PointsForfeited > closed.PointsForfeited); // the survivor held two members' points
        Assert.Equal(before.Lifetime.Forfeited + erased.PointsForfeited + closed.PointsForfeited, report.Lifetime.Forfeited);
        Assert.Equal(before.Lifetime.Transferred, report.Lifetime.Transferred); // a merge moves points between members, nets to zero
        await using var db = s.Api.CreateDbContext();
        Assert.Equal(await db.LedgerEntries.SumAsync(e => e.Points + e.PendingPoints), report.Lifetime.Net);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Members_partners_and_marketing_staff_cannot_use_the_lifecycle_endpoints_of_staff(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        var victim = await s.EnrolAsync();
        var (attacker, _) = await s.JoinAppAsync("Mallory");
        var marketing = s.Api.CreateClient().WithBearer(TestTokens.Marketing());

        foreach (var action in new[] { "suspend", "reactivate", "close", "merge", "erasure" })
        {
            using var asMember = await attacker.PostAsync(LifecycleKit.Admin(victim.Id, action), new { reason = "mine now", duplicateMemberId = victim.Id }, null);
            using var asPartner = await s.Partner.PostAsync(LifecycleKit.Admin(victim.Id, action), new { reason = "mine now" }, null);
            using var asMarketing = await marketing.PostAsync(LifecycleKit.Admin(victim.Id, action), new { reason = "mine now" }, null);
            Assert.Equal(HttpStatusCode.Forbidden, asMember.StatusCode);
            Assert.Contains(asPartner.StatusCode, new[] { HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden });
            Assert.Equal(HttpStatusCode.Forbidden, asMarketing.StatusCode);
        }

        using (var export = await attacker.GetAsync(LifecycleKit.Admin(victim.Id, "export")))
        {
            Assert.Equal(HttpStatusCode.Forbidden, export.StatusCode);
        }

        // The member endpoints only ever act on the caller: no id to swap, and a stranger's token finds nothing.
        var stranger = s.MemberClient("never-enrolled-" + Unique.Id());
        using (var strangerExport = await stranger.GetAsync("/api/v1/me/export"))
        {
            await strangerExport.AssertProblemAsync(HttpStatusCode.NotFound, "member_not_found");
        }

        using (var strangerClose = await stranger.PostAsync("/api/v1/me/close", new CloseMyMembershipRequest(true), Guid.NewGuid().ToString()))
        {
            await strangerClose.AssertProblemAsync(HttpStatusCode.NotFound, "member_not_found");
        }

        using (var anonymous = await s.Api.CreateClient().GetAsync("/api/v1/me/export"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        }

        var lookup = await s.Partner.GetJsonAsync<MemberLookupResponse>($"/api/v1/partner/members/{victim.MemberNumber}");
        Assert.Equal(Loyalty.Contracts.Common.MemberStatus.Active, lookup.Status);
        await s.AssertBalanceEqualsLedgerAsync(victim.MemberNumber);
    }
}
