using System.Net;
using System.Text.Json;
using Loyalty.Api.Tests.Infrastructure;
using Loyalty.Application.Features.Customised.AccountManagers;
using Loyalty.Application.Features.Customised.KeyAccounts;
using Loyalty.Contracts.Admin;
using Loyalty.Contracts.Member;
using Loyalty.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using static Loyalty.Api.Tests.Customised.AccountManagers.AccountManagerKit;

namespace Loyalty.Api.Tests.Customised.AccountManagers;

[Collection(ApiCollection.Name)]
public sealed class KeyAccountTests(ApiFixture fixture)
{
    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_manager_keeps_the_file_and_log_and_sees_reviews_and_next_steps_as_they_fall_due(DatabaseProvider provider)
    {
        var api = fixture.For(provider);
        var s = await Scenario.StartAsync(api);
        var (manager, client) = await s.ManagerAsync();
        var member = await s.AssignedMemberAsync(manager.Id);
        var now = api.Clock.GetUtcNow();

        var file = await PutFileAsync(client, member.Id, BusinessFile(now.AddDays(10)));
        Assert.Equal((KeyAccountKind.Business, "Acme Bakeries Ltd", "Ada Baker", "30 days net", manager.Id),
            (file.Kind, file.Company, file.Contacts.Single().Name, file.Terms.PaymentTerms, file.ManagerId));
        var call = await client.PostJsonAsync<InteractionResponse>(MemberUrl(member.Id, "/key-account/interactions"),
            new RecordInteractionRequest(InteractionKind.Call, now.AddHours(-1), "Quarterly call", "Wants a bigger credit line", "Send the revised terms", now.AddDays(2)));
        await client.PostJsonAsync<InteractionResponse>(MemberUrl(member.Id, "/key-account/interactions"),
            new RecordInteractionRequest(InteractionKind.Visit, now.AddMinutes(-5), "Visited the main branch", null, null, null));

        var log = await client.GetAllAsync<InteractionResponse>(MemberUrl(member.Id, "/key-account/interactions"));
        Assert.Equal([InteractionKind.Visit, InteractionKind.Call], log.Select(i => i.Kind));
        Assert.Empty(await client.GetAllAsync<DueNextStepResponse>("/api/v1/admin/portfolio/due-next-steps"));
        Assert.Single(await client.GetAllAsync<DueNextStepResponse>("/api/v1/admin/portfolio/due-next-steps?withinDays=3"));

        using (api.Clock.Travel(TimeSpan.FromDays(3)))
        {
            var due = Assert.Single(await client.GetAllAsync<DueNextStepResponse>("/api/v1/admin/portfolio/due-next-steps"));
            Assert.Equal((call.Id, "Send the revised terms", member.MemberNumber), (due.InteractionId, due.NextStep, due.MemberNumber));
            Assert.Empty(await client.GetAllAsync<DueReviewResponse>("/api/v1/admin/portfolio/due-reviews"));
            var load = Assert.Single(await client.GetAllAsync<ManagerWorkloadResponse>("/api/v1/admin/account-managers/workload"));
            Assert.Equal((1, 1, 0, 1, 1), (load.Members, load.KeyAccounts, load.DueReviews, load.OpenNextSteps, load.DueNextSteps));

            var done = await client.PostJsonAsync<InteractionResponse>(MemberUrl(member.Id, $"/key-account/interactions/{call.Id}/complete"), new { });
            Assert.NotNull(done.NextStepDoneAt);
            Assert.Empty(await client.GetAllAsync<DueNextStepResponse>("/api/v1/admin/portfolio/due-next-steps"));
        }

        using (api.Clock.Travel(TimeSpan.FromDays(11)))
        {
            var review = Assert.Single(await client.GetAllAsync<DueReviewResponse>("/api/v1/admin/portfolio/due-reviews"));
            Assert.Equal((member.Id, "Acme Bakeries Ltd"), (review.MemberId, review.Company));
            Assert.Contains(await s.Admin.GetAllAsync<DueReviewResponse>($"/api/v1/admin/portfolio/due-reviews?managerId={manager.Id}"), r => r.MemberId == member.Id);
            var load = Assert.Single(await client.GetAllAsync<ManagerWorkloadResponse>("/api/v1/admin/account-managers/workload"));
            Assert.Equal((1, 0, 0), (load.DueReviews, load.OpenNextSteps, load.DueNextSteps));
        }

        var moved = await PutFileAsync(client, member.Id, BusinessFile(now.AddDays(100)) with { Contacts = [] });
        Assert.Empty(moved.Contacts);
        var portfolio = Assert.Single(await client.GetAllAsync<PortfolioMemberResponse>("/api/v1/admin/portfolio"));
        Assert.Equal((KeyAccountKind.Business, now.AddDays(100)), (portfolio.KeyAccount, portfolio.NextReviewAt));

        await using var db = api.CreateDbContext();
        var audit = await db.AuditLog.AsNoTracking().Where(a => a.EntityId == member.Id.ToString() && a.Action.StartsWith("key_account.")).ToListAsync();
        Assert.Equal(["key_account.interaction_recorded", "key_account.interaction_recorded", "key_account.next_step_completed", "key_account.opened", "key_account.updated"], audit.Select(a => a.Action).Order());
        Assert.All(audit, a => Assert.DoesNotContain("Ada Baker", a.After ?? "", StringComparison.Ordinal)); // no contact details in the audit trail
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Bad_files_and_log_entries_are_refused_with_stable_codes(DatabaseProvider provider)
    {
        var api = fixture.For(provider);
        var s = await Scenario.StartAsync(api);
        var (manager, client) = await s.ManagerAsync();
        var member = await s.AssignedMemberAsync(manager.Id);
        var now = api.Clock.GetUtcNow();

        using var noFile = await client.GetAsync(MemberUrl(member.Id, "/key-account"));
        await noFile.AssertProblemAsync(HttpStatusCode.NotFound, "key_account_file_not_found");
        using var logWithoutFile = await client.PostAsync(MemberUrl(member.Id, "/key-account/interactions"), new RecordInteractionRequest(InteractionKind.Call, now, "Hi", null, null, null), null);
        await logWithoutFile.AssertProblemAsync(HttpStatusCode.NotFound, "key_account_file_not_found");
        using var noCompany = await client.SendJsonAsync(HttpMethod.Put, MemberUrl(member.Id, "/key-account"), BusinessFile(null) with { Company = " " }, null);
        await noCompany.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "company_required");
        using var badEmail = await client.SendJsonAsync(HttpMethod.Put, MemberUrl(member.Id, "/key-account"), BusinessFile(null) with { Contacts = [new KeyAccountContactDto("X", null, "not-an-email")] }, null);
        await badEmail.AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");

        await PutFileAsync(client, member.Id, BusinessFile(null) with { Kind = KeyAccountKind.Top, Company = null });
        using var future = await client.PostAsync(MemberUrl(member.Id, "/key-account/interactions"), new RecordInteractionRequest(InteractionKind.Meeting, now.AddDays(1), "Later", null, null, null), null);
        await future.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "interaction_in_future");
        using var stepWithoutDate = await client.PostAsync(MemberUrl(member.Id, "/key-account/interactions"), new RecordInteractionRequest(InteractionKind.Email, now, "Sent", null, "Call back", null), null);
        await stepWithoutDate.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "next_step_incomplete");
        var plain = await client.PostJsonAsync<InteractionResponse>(MemberUrl(member.Id, "/key-account/interactions"), new RecordInteractionRequest(InteractionKind.Email, now, "Sent the price list", null, null, null));
        using var nothingToDo = await client.PostAsync(MemberUrl(member.Id, $"/key-account/interactions/{plain.Id}/complete"), new { }, null);
        await nothingToDo.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "no_next_step");
        using var unknown = await client.PostAsync(MemberUrl(member.Id, $"/key-account/interactions/{Guid.NewGuid()}/complete"), new { }, null);
        await unknown.AssertProblemAsync(HttpStatusCode.NotFound, "interaction_not_found");
        using var wire = await client.GetAsync(MemberUrl(member.Id, "/key-account/interactions"));
        Assert.Contains("\"kind\":\"email\"", await wire.Content.ReadAsStringAsync(), StringComparison.Ordinal); // camelCase enums on the wire
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_export_holds_the_file_and_log_and_erasure_removes_them(DatabaseProvider provider)
    {
        var api = fixture.For(provider);
        var s = await Scenario.StartAsync(api);
        var (manager, client) = await s.ManagerAsync();
        var member = await s.AssignedMemberAsync(manager.Id);
        await PutFileAsync(client, member.Id, BusinessFile(api.Clock.GetUtcNow().AddDays(30)));
        await client.PostJsonAsync<InteractionResponse>(MemberUrl(member.Id, "/key-account/interactions"),
            new RecordInteractionRequest(InteractionKind.Meeting, api.Clock.GetUtcNow(), "Met Ada about the new ovens", "Happy", null, null));
        (await client.SendJsonAsync(HttpMethod.Put, MemberUrl(member.Id, "/priority-service"), new MemberPriorityRequest(true, "Key account"), null)).Dispose();

        var export = await s.Admin.GetJsonAsync<MemberDataExport>(MemberUrl(member.Id, "/export"));
        var section = export.Sections["accountManagement"];
        Assert.Equal(manager.Id, section.GetProperty("manager").GetProperty("managerId").GetGuid());
        Assert.Equal("Ada Baker", section.GetProperty("keyAccount").GetProperty("contacts")[0].GetProperty("name").GetString());
        Assert.Equal("Met Ada about the new ovens", section.GetProperty("keyAccount").GetProperty("interactions")[0].GetProperty("summary").GetString());
        Assert.Equal("Top spender", section.GetProperty("assignmentHistory")[0].GetProperty("reason").GetString());

        using var erase = await s.Admin.PostAsync(MemberUrl(member.Id, "/erasure"), new MemberStatusChangeRequest("Right to be forgotten"), null);
        await erase.EnsureStatusAsync(HttpStatusCode.OK);

        var after = (await s.Admin.GetJsonAsync<MemberDataExport>(MemberUrl(member.Id, "/export"))).Sections["accountManagement"];
        Assert.Equal(JsonValueKind.Null, after.GetProperty("keyAccount").ValueKind);
        Assert.Equal(JsonValueKind.Null, after.GetProperty("manager").ValueKind);
        Assert.Equal(JsonValueKind.Null, after.GetProperty("priorityService").ValueKind);
        Assert.Equal("", after.GetProperty("assignmentHistory")[0].GetProperty("reason").GetString());
        await using var db = api.CreateDbContext();
        Assert.False(await db.KeyAccountInteractions.AnyAsync(i => i.MemberId == member.Id));
        Assert.False(await db.KeyAccountFiles.AnyAsync(f => f.MemberId == member.Id));
        var raw = string.Join("\n", await db.AuditLog.AsNoTracking().Where(a => a.EntityId == member.Id.ToString()).Select(a => a.After ?? "").ToListAsync());
        Assert.DoesNotContain("Ada", raw, StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_review_is_due_from_its_date_on_by_the_injected_clock(DatabaseProvider provider)
    {
        var api = fixture.For(provider);
        var s = await Scenario.StartAsync(api);
        var (manager, client) = await s.ManagerAsync();
        var member = await s.AssignedMemberAsync(manager.Id);
        var reviewAt = api.Clock.GetUtcNow().AddDays(10);
        await PutFileAsync(client, member.Id, BusinessFile(reviewAt));
        var caller = new StaffCaller("test", manager.Id);

        async Task<IReadOnlyList<DueReviewResponse>> DueAtAsync(DateTimeOffset at)
        {
            await using var db = api.CreateDbContext();
            return (await new ListDueReviewsHandler(db, new FakeTimeProvider(at)).Handle(new ListDueReviewsQuery(caller), default)).Items;
        }

        Assert.Empty(await DueAtAsync(reviewAt.AddTicks(-10)));
        Assert.Equal([member.Id], (await DueAtAsync(reviewAt)).Select(r => r.MemberId));
        Assert.Equal([member.Id], (await DueAtAsync(reviewAt.AddDays(30))).Select(r => r.MemberId));
    }

    private static async Task<KeyAccountFileResponse> PutFileAsync(HttpClient client, Guid memberId, KeyAccountFileRequest request)
    {
        using var response = await client.SendJsonAsync(HttpMethod.Put, MemberUrl(memberId, "/key-account"), request, null);
        await response.EnsureStatusAsync(HttpStatusCode.OK);
        return (await System.Net.Http.Json.HttpContentJsonExtensions.ReadFromJsonAsync<KeyAccountFileResponse>(response.Content, HttpTestExtensions.Json))!;
    }
}
