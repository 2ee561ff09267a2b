using System.Net;
using System.Net.Http.Json;
using Loyalty.Api.Tests.Customised.AccountManagers;
using Loyalty.Api.Tests.Customised.Profiles;
using Loyalty.Api.Tests.Infrastructure;
using Loyalty.Api.Tests.Lifecycle;
using Loyalty.Contracts.Admin;
using Loyalty.Contracts.Common;
using Loyalty.Contracts.Events;
using Loyalty.Contracts.Member;
using Loyalty.Contracts.Partner;
using Loyalty.Domain.Financial.Ledger;
using Loyalty.Domain.Structural.ApiKeys;
using Loyalty.Infrastructure.Jobs;
using Loyalty.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using static Loyalty.Api.Tests.Care.CareKit;

namespace Loyalty.Api.Tests.Care.Cases;

[Collection(ApiCollection.Name)]
public sealed class CaseTests(ApiFixture fixture)
{
    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_member_opens_and_follows_their_own_case_and_cannot_see_another_members(DatabaseProvider provider)
    {
        var api = fixture.For(provider);
        var s = await Scenario.StartAsync(api);
        var me = await s.AppMemberAsync();
        var other = await s.AppMemberAsync();

        var opened = await me.OpenMyCaseAsync();
        Assert.Equal((CaseChannel.App, CaseStatus.Open, "First response to the member"), (opened.Channel, opened.Status, opened.NextStep));
        Assert.Equal(opened.OpenedAt.AddHours(72), opened.ServiceLevelDueAt); // the demo tiers name no response time: the programme default
        Assert.Equal(opened.ServiceLevelDueAt, opened.NextStepDueAt);

        Assert.Equal([opened.Id], (await me.Client.GetAllAsync<MyCaseResponse>(MyCases)).Select(c => c.Id));
        Assert.Empty(await other.Client.GetAllAsync<MyCaseResponse>(MyCases));
        using (var theirs = await other.Client.GetAsync($"{MyCases}/{opened.Id}"))
        {
            await theirs.AssertProblemAsync(HttpStatusCode.NotFound, "case_not_found");
        }

        // Staff answer: the member reads the note and the next step; the case keeps its first response time.
        var worked = await s.Admin.PostJsonAsync<CaseResponse>(StaffCases(me.Id, $"/{opened.Id}/steps"),
            new ProgressCaseRequest("We found the receipt; the till missed it.", "Credit the missing points", api.Clock.GetUtcNow().AddDays(1)));
        Assert.Equal((2, "care-desk", false), (worked.StepNumber, worked.Owner, worked.ServiceLevelBreached));
        var mine = await me.Client.GetJsonAsync<MyCaseResponse>($"{MyCases}/{opened.Id}");
        Assert.Equal("Credit the missing points", mine.NextStep);
        Assert.NotNull(mine.FirstResponseAt);
        Assert.Equal("We found the receipt; the till missed it.", mine.Steps.Single(x => x.Number == 1).Note);

        using var missingKey = await me.Client.PostAsync(MyCases, new OpenMyCaseRequest(CaseCategory.Points, CaseSeverity.Low, "t", "d"), idempotencyKey: null);
        await missingKey.AssertProblemAsync(HttpStatusCode.BadRequest, "idempotency_key_required");
        using var invalid = await me.Client.PostAsync(MyCases, new OpenMyCaseRequest(CaseCategory.Points, CaseSeverity.Low, "", "d"), Guid.NewGuid().ToString());
        await invalid.AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Priority_service_halves_the_service_level(DatabaseProvider provider)
    {
        var api = fixture.For(provider);
        var s = await Scenario.StartAsync(api);
        var member = await s.AppMemberAsync();
        using (var flag = await s.Admin.SendJsonAsync(HttpMethod.Put, $"/api/v1/admin/members/{member.Id}/priority-service", new MemberPriorityRequest(true, "Key customer"), null))
        {
            await flag.EnsureStatusAsync(HttpStatusCode.OK);
        }

        var opened = await member.OpenMyCaseAsync();
        Assert.Equal(opened.OpenedAt.AddHours(36), opened.ServiceLevelDueAt);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_case_past_its_due_time_prompts_its_owner_once_per_step_and_a_breach_escalates_to_the_lead(DatabaseProvider provider)
    {
        var api = fixture.For(provider);
        var s = await Scenario.StartAsync(api);
        var member = await s.AppMemberAsync();
        var owner = "agent-" + Unique.Id();
        var opened = await s.Admin.PostJsonAsync<CaseResponse>(StaffCases(member.Id),
            new OpenCaseRequest(CaseCategory.Service, CaseChannel.Phone, CaseSeverity.High, "Rude staff", "At the Main Street till", null, s.Store.Id, owner));
        Assert.Equal((owner, s.PartnerInfo.Id, false), (opened.Owner, opened.PartnerId, opened.Due));

        await api.RunToEndAsync<CaseFollowUpJob>();
        Assert.Empty(await api.EventsAsync<CaseFollowUpDueV1>(member.Id)); // not due yet

        using (api.Clock.Travel(TimeSpan.FromHours(73)))
        {
            // Two instances at once, then again: one prompt for the step, one escalation for the case.
            await Task.WhenAll(api.RunToEndAsync<CaseFollowUpJob>(), api.RunToEndAsync<CaseFollowUpJob>());
            await api.RunToEndAsync<CaseFollowUpJob>();
            var prompt = Assert.Single(await api.EventsAsync<CaseFollowUpDueV1>(member.Id));
            Assert.Equal((opened.Id, 1, owner, opened.ServiceLevelDueAt), (prompt.CaseId, prompt.StepNumber, prompt.Owner, prompt.DueAt));
            var escalation = Assert.Single(await api.EventsAsync<CaseEscalatedV1>(member.Id));
            Assert.Equal((opened.Id, "care-lead", owner), (escalation.CaseId, escalation.Lead, escalation.Owner));

            var escalated = await s.Admin.GetJsonAsync<CaseResponse>(StaffCases(member.Id, $"/{opened.Id}"));
            Assert.Equal(("care-lead", true, true), (escalated.EscalatedTo, escalated.ServiceLevelBreached, escalated.Due));
            await using (var db = api.CreateDbContext())
            {
                Assert.Equal(1, await db.AuditLog.CountAsync(a => a.Action == "case.escalated" && a.EntityId == opened.Id.ToString()));
            }

            var lead = api.CreateClient().WithBearer(TestTokens.Create("care-lead", "admin"));
            Assert.Contains(await lead.GetAllAsync<CaseResponse>("/api/v1/admin/cases/queue"), c => c.Id == opened.Id);

            // The next step gets its own prompt when it falls due, once.
            await s.Admin.PostJsonAsync<CaseResponse>(StaffCases(member.Id, $"/{opened.Id}/steps"), new ProgressCaseRequest("Called the member", "Call the store manager", api.Clock.GetUtcNow().AddDays(1)));
            await api.RunToEndAsync<CaseFollowUpJob>();
            Assert.Single(await api.EventsAsync<CaseFollowUpDueV1>(member.Id));
            using (api.Clock.Travel(TimeSpan.FromDays(2)))
            {
                await Task.WhenAll(api.RunToEndAsync<CaseFollowUpJob>(), api.RunToEndAsync<CaseFollowUpJob>());
                await api.RunToEndAsync<CaseFollowUpJob>();
            }

            Assert.Equal([1, 2], (await api.EventsAsync<CaseFollowUpDueV1>(member.Id)).Select(e => e.StepNumber));
            Assert.Single(await api.EventsAsync<CaseEscalatedV1>(member.Id));
        }
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_owners_queue_shows_due_cases_first(DatabaseProvider provider)
    {
        var api = fixture.For(provider);
        var s = await Scenario.StartAsync(api);
        var member = await s.AppMemberAsync();
        var owner = "queue-" + Unique.Id();
        var client = api.CreateClient().WithBearer(TestTokens.Create(owner, "admin"));
        Task<CaseResponse> Open(string title) => s.Admin.PostJsonAsync<CaseResponse>(StaffCases(member.Id), new OpenCaseRequest(CaseCategory.Rewards, CaseChannel.Email, CaseSeverity.Low, title, "x", null, null, owner));
        var later = await Open("Later");
        var soon = await Open("Soon");
        await s.Admin.PostJsonAsync<CaseResponse>(StaffCases(member.Id, $"/{soon.Id}/steps"), new ProgressCaseRequest("Looked into it", "Send the voucher", api.Clock.GetUtcNow().AddHours(1)));

        using (api.Clock.Travel(TimeSpan.FromHours(2)))
        {
            var queue = await client.GetAllAsync<CaseResponse>("/api/v1/admin/cases/queue");
            Assert.Equal([soon.Id, later.Id], queue.Select(c => c.Id));
            Assert.Equal([true, false], queue.Select(c => c.Due));
        }

        var handed = await s.Admin.PutJsonAsync<CaseResponse>(StaffCases(member.Id, $"/{later.Id}/owner"), new ReassignCaseRequest("someone-else"));
        Assert.Equal("someone-else", handed.Owner);
        Assert.Equal([soon.Id], (await client.GetAllAsync<CaseResponse>("/api/v1/admin/cases/queue")).Select(c => c.Id));
        Assert.Equal([soon.Id, later.Id], (await s.Admin.GetAllAsync<CaseResponse>($"/api/v1/admin/cases?memberId={member.Id}&status=open")).Select(c => c.Id));
        Assert.Empty(await s.Admin.GetAllAsync<CaseResponse>($"/api/v1/admin/cases?memberId={member.Id}&status=resolved"));
        await using var db = api.CreateDbContext();
        var actions = await db.AuditLog.AsNoTracking().Where(a => a.EntityType == "case" && (a.EntityId == later.Id.ToString() || a.EntityId == soon.Id.ToString())).Select(a => a.Action).ToListAsync();
        Assert.Equal(["case.opened", "case.opened", "case.reassigned", "case.step_recorded"], actions.Order(StringComparer.Ordinal));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Goodwill_points_of_a_resolution_balance_with_the_ledger_and_are_credited_once(DatabaseProvider provider)
    {
        var api = fixture.For(provider);
        var s = await Scenario.StartAsync(api);
        var member = await s.AppMemberAsync();
        await s.EarnAsync(member.Number, 20m);
        var opened = await member.OpenMyCaseAsync();
        var before = await s.AssertBalanceEqualsLedgerAsync(member.Number);

        var key = Guid.NewGuid().ToString();
        var url = StaffCases(member.Id, $"/{opened.Id}/resolution");
        var body = new ResolveCaseRequest(CaseOutcome.Upheld, "Sorry: points credited with a goodwill gesture", 300);
        using var first = await s.Admin.PostAsync(url, body, key);
        await first.EnsureStatusAsync(HttpStatusCode.OK);
        var resolved = (await first.Content.ReadFromJsonAsync<CaseResponse>(HttpTestExtensions.Json))!;
        Assert.Equal((CaseStatus.Resolved, 300L, (string?)null), (resolved.Status, resolved.GoodwillPoints, resolved.NextStep));
        using (var replay = await s.Admin.PostAsync(url, body, key))
        {
            await replay.EnsureStatusAsync(HttpStatusCode.OK);
            Assert.True(replay.Headers.Contains("Idempotent-Replayed"));
        }

        using (var again = await s.Admin.PostAsync(url, body, Guid.NewGuid().ToString()))
        {
            await again.AssertProblemAsync(HttpStatusCode.Conflict, "case_resolved");
        }

        Assert.Equal(before + 300, await s.AssertBalanceEqualsLedgerAsync(member.Number));
        await using var db = api.CreateDbContext();
        var entry = await db.LedgerEntries.AsNoTracking().SingleAsync(e => e.Id == resolved.GoodwillLedgerEntryId);
        Assert.Equal((LedgerEntryType.Adjust, 300L, member.Id), (entry.Type, entry.Points, entry.MemberId));
        Assert.Equal(1, await db.LedgerEntries.CountAsync(e => e.MemberId == member.Id && e.Type == LedgerEntryType.Adjust));
        Assert.Equal(1, await db.AuditLog.CountAsync(a => a.Action == "points.adjusted" && a.EntityId == member.Id.ToString()));
        Assert.Equal(1, await db.AuditLog.CountAsync(a => a.Action == "case.resolved" && a.EntityId == opened.Id.ToString()));
        Assert.Single(await api.EventsAsync<PointsAdjustedV1>(member.Id));
        Assert.Equal(CaseOutcome.Upheld, Assert.Single(await api.EventsAsync<CaseResolvedV1>(member.Id)).Outcome);

        var mine = await member.Client.GetJsonAsync<MyCaseResponse>($"{MyCases}/{opened.Id}");
        Assert.Equal((CaseStatus.Resolved, 300L), (mine.Status, mine.GoodwillPoints));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_partner_opens_a_case_at_its_own_store_only_and_needs_the_scope(DatabaseProvider provider)
    {
        var api = fixture.For(provider);
        var s = await Scenario.StartAsync(api);
        var rival = await Scenario.StartAsync(api);
        var member = await s.EnrolAsync();
        var purchase = await s.EarnAsync(member.MemberNumber, 12m);

        var opened = await s.Partner.PostJsonAsync<PartnerCaseResponse>("/api/v1/partner/cases",
            new PartnerOpenCaseRequest(member.MemberNumber, s.Store.Id, CaseCategory.Product, CaseSeverity.Medium, "Broken item", "Handle came off", purchase.ExternalId), idempotent: true);
        Assert.Equal((s.Store.Id, CaseStatus.Open), (opened.StoreId, opened.Status));
        var staffView = await s.Admin.GetJsonAsync<CaseResponse>(StaffCases(member.Id, $"/{opened.Id}"));
        Assert.Equal((CaseChannel.Till, s.PartnerInfo.Id, purchase.PurchaseId), (staffView.Channel, staffView.PartnerId, staffView.PurchaseId));

        using (var elsewhere = await rival.Partner.PostAsync("/api/v1/partner/cases",
                   new PartnerOpenCaseRequest(member.MemberNumber, s.Store.Id, CaseCategory.Product, CaseSeverity.Medium, "Broken", "x"), Guid.NewGuid().ToString()))
        {
            await elsewhere.AssertProblemAsync(HttpStatusCode.NotFound, "store_not_found");
        }

        using (var otherReceipt = await rival.Partner.PostAsync("/api/v1/partner/cases",
                   new PartnerOpenCaseRequest(member.MemberNumber, rival.Store.Id, CaseCategory.Product, CaseSeverity.Medium, "Broken", "x", purchase.ExternalId), Guid.NewGuid().ToString()))
        {
            await otherReceipt.AssertProblemAsync(HttpStatusCode.NotFound, "case_purchase_not_found");
        }

        var key = await s.Admin.PostJsonAsync<ApiKeyCreatedResponse>($"/api/v1/admin/partners/{s.PartnerInfo.Id}/api-keys", new CreateApiKeyRequest("no cases", [ApiKeyScopes.PointsEarn]));
        using var narrow = api.CreateClient().WithApiKey(key.Key);
        using var refused = await narrow.PostAsync("/api/v1/partner/cases", new PartnerOpenCaseRequest(member.MemberNumber, s.Store.Id, CaseCategory.Product, CaseSeverity.Medium, "Broken", "x"), Guid.NewGuid().ToString());
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task An_account_manager_works_the_cases_of_their_portfolio_which_go_to_them_by_default(DatabaseProvider provider)
    {
        var api = fixture.For(provider);
        var s = await Scenario.StartAsync(api);
        var (manager, client) = await s.ManagerAsync();
        var member = await s.AssignedMemberAsync(manager.Id);
        var outsider = await s.EnrolAsync();

        var opened = await client.PostJsonAsync<CaseResponse>(StaffCases(member.Id), new OpenCaseRequest(CaseCategory.Billing, CaseChannel.Phone, CaseSeverity.Medium, "Double charge", "Card charged twice"));
        Assert.Equal(manager.Subject, opened.Owner);
        Assert.Contains(await client.GetAllAsync<CaseResponse>("/api/v1/admin/portfolio/cases"), c => c.Id == opened.Id);
        using var refused = await client.PostAsync(StaffCases(outsider.Id), new OpenCaseRequest(CaseCategory.Billing, CaseChannel.Phone, CaseSeverity.Medium, "x", "y"), null);
        await refused.AssertProblemAsync(HttpStatusCode.Forbidden, "outside_portfolio");
        using var adminOnly = await client.GetAsync("/api/v1/admin/cases");
        await adminOnly.AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_report_counts_categories_times_per_tier_and_step_the_service_level_share_and_repeat_complaints(DatabaseProvider provider)
    {
        var api = fixture.For(provider);
        using var away = api.Clock.Travel(TimeSpan.FromDays(5000)); // a period of this test's own
        var s = await Scenario.StartAsync(api);
        var member = await s.AppMemberAsync();
        var from = api.Clock.GetUtcNow();
        var first = await member.OpenMyCaseAsync("One");
        var second = await member.OpenMyCaseAsync("Two");
        using (api.Clock.Travel(TimeSpan.FromHours(10)))
        {
            await s.Admin.PostJsonAsync<CaseResponse>(StaffCases(member.Id, $"/{first.Id}/steps"), new ProgressCaseRequest("Checked", "Fix", api.Clock.GetUtcNow().AddDays(1)));
            await s.Admin.PostJsonAsync<CaseResponse>(StaffCases(member.Id, $"/{first.Id}/resolution"), new ResolveCaseRequest(CaseOutcome.NotUpheld, "All in order"), idempotent: true);
        }

        using (api.Clock.Travel(TimeSpan.FromHours(100)))
        {
            var report = await s.Admin.GetJsonAsync<CaseReportResponse>($"/api/v1/admin/cases/report?from={Uri.EscapeDataString(from.ToString("O"))}&to={Uri.EscapeDataString(from.AddHours(1).ToString("O"))}");
            Assert.Equal((2, 1), (report.Opened, report.Resolved));
            Assert.Equal(0.5m, report.WithinServiceLevelShare); // the first answered after 10 h, the second never (72 h have passed)
            Assert.Equal(new CaseCategoryCount(CaseCategory.Points, 2, 1), Assert.Single(report.ByCategory));
            var tier = Assert.Single(report.ByTier);
            Assert.Equal((member.TierId, 2, 0.5m), (tier.TierId, tier.Cases, tier.WithinServiceLevelShare));
            Assert.Equal(10m, Math.Round(tier.MeanHoursToFirstResponse!.Value));
            Assert.Equal([1, 2], report.BySteps.Select(x => x.Number));
            Assert.Equal(10m, Math.Round(report.BySteps[0].MeanHours!.Value));
            Assert.Equal(new RepeatComplainant(member.Id, member.Number, 2), Assert.Single(report.RepeatComplaints));
        }

        Assert.NotEqual(first.Id, second.Id);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Cases_are_in_the_members_data_export_and_their_free_text_goes_with_an_erasure(DatabaseProvider provider)
    {
        var api = fixture.For(provider);
        var s = await Scenario.StartAsync(api);
        var member = await s.AppMemberAsync();
        var opened = await member.OpenMyCaseAsync("My neighbour Jane saw it");
        await s.Admin.PostJsonAsync<CaseResponse>(StaffCases(member.Id, $"/{opened.Id}/steps"), new ProgressCaseRequest("Called Jane's number", "Call back", api.Clock.GetUtcNow().AddDays(1)));

        var export = await s.Admin.GetJsonAsync<MemberDataExport>($"/api/v1/admin/members/{member.Id}/export");
        var exported = Assert.Single(export.Sections["care"].GetProperty("cases").EnumerateArray());
        Assert.Equal("My neighbour Jane saw it", exported.GetProperty("title").GetString());

        await s.Admin.PostJsonAsync<MemberLifecycleResponse>($"/api/v1/admin/members/{member.Id}/erasure", new MemberStatusChangeRequest("Erasure request"));
        var erased = Assert.Single((await s.Admin.GetJsonAsync<MemberDataExport>($"/api/v1/admin/members/{member.Id}/export")).Sections["care"].GetProperty("cases").EnumerateArray());
        Assert.Equal(("(erased)", "(erased)"), (erased.GetProperty("title").GetString(), erased.GetProperty("description").GetString()));
        Assert.Equal("(erased)", erased.GetProperty("steps")[0].GetProperty("note").GetString());
        Assert.Equal("points", erased.GetProperty("category").GetString()); // what the reports need stays
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_merge_moves_the_duplicates_cases_to_the_survivor(DatabaseProvider provider)
    {
        var api = fixture.For(provider);
        var s = await Scenario.StartAsync(api);
        var survivor = await s.AppMemberAsync();
        var duplicate = await s.AppMemberAsync();
        var opened = await duplicate.OpenMyCaseAsync("Card never arrived");

        await s.MergeAsync(survivor.Id, duplicate.Id);

        var moved = await s.Admin.GetJsonAsync<CaseResponse>(StaffCases(survivor.Id, $"/{opened.Id}"));
        Assert.Equal(opened.Id, moved.Id);
        Assert.Contains(await survivor.Client.GetAllAsync<CaseResponse>("/api/v1/me/cases"), c => c.Id == opened.Id);
        using var gone = await s.Admin.GetAsync(StaffCases(duplicate.Id, $"/{opened.Id}"));
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }
}
