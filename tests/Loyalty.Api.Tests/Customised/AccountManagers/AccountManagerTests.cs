using System.Net;
using Loyalty.Api.Tests.Infrastructure;
using Loyalty.Application.Features.Customised.AccountManagers;
using Loyalty.Contracts.Admin;
using Loyalty.Contracts.Partner;
using Loyalty.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Loyalty.Api.Tests.Customised.AccountManagers.AccountManagerKit;

namespace Loyalty.Api.Tests.Customised.AccountManagers;

[Collection(ApiCollection.Name)]
public sealed class AccountManagerTests(ApiFixture fixture)
{
    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Reassignment_moves_the_member_and_keeps_who_when_and_why(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        var (first, firstClient) = await s.ManagerAsync();
        var (second, secondClient) = await s.ManagerAsync();
        var member = await s.AssignedMemberAsync(first.Id);

        var moved = await s.Admin.SendJsonAsync(HttpMethod.Put, MemberUrl(member.Id, "/account-manager"), new ChangeAccountManagerRequest(second.Id, "Moved to the business desk"), null);
        await moved.EnsureStatusAsync(HttpStatusCode.OK);

        var history = await s.Admin.GetAllAsync<AssignmentChangeResponse>(MemberUrl(member.Id, "/account-manager/history"));
        Assert.Equal(
            [(first.Id, (Guid?)second.Id, "Moved to the business desk"), (null, first.Id, "Top spender")],
            history.Select(h => (h.FromManagerId, h.ToManagerId, h.Reason)).ToList());
        Assert.All(history, h => Assert.Equal("admin@test", h.ChangedBy));
        Assert.True(history[0].ChangedAt >= history[1].ChangedAt);
        Assert.Empty(await firstClient.GetAllAsync<PortfolioMemberResponse>("/api/v1/admin/portfolio"));
        Assert.Equal([member.Id], (await secondClient.GetAllAsync<PortfolioMemberResponse>("/api/v1/admin/portfolio")).Select(p => p.MemberId));
        var now = await secondClient.GetJsonAsync<MemberAccountManagerResponse>(MemberUrl(member.Id, "/account-manager"));
        Assert.Equal((second.Id, second.Name), (now.ManagerId, now.ManagerName));

        var released = await s.Admin.SendJsonAsync(HttpMethod.Put, MemberUrl(member.Id, "/account-manager"), new ChangeAccountManagerRequest(null, "Left the business programme"), null);
        await released.EnsureStatusAsync(HttpStatusCode.OK);
        Assert.Equal(3, (await s.Admin.GetAllAsync<AssignmentChangeResponse>(MemberUrl(member.Id, "/account-manager/history"))).Count);
        Assert.Null((await s.Admin.GetJsonAsync<MemberAccountManagerResponse>(MemberUrl(member.Id, "/account-manager"))).ManagerId);

        await using var db = s.Api.CreateDbContext();
        var audited = await db.AuditLog.AsNoTracking().Where(a => a.EntityId == member.Id.ToString() && a.Action == "member.account_manager_changed").CountAsync();
        Assert.Equal(3, audited);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Managers_take_no_more_than_their_capacity_nor_anything_while_inactive(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        var (manager, _) = await s.ManagerAsync(capacity: 1);
        await s.AssignedMemberAsync(manager.Id);
        var extra = await s.EnrolAsync();

        using var full = await s.Admin.PostAsync($"{Managers}/{manager.Id}/assignments", new AssignMembersRequest([extra.Id], "One more"), null);
        await full.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "account_manager_at_capacity");

        using var put = await s.Admin.SendJsonAsync(HttpMethod.Put, $"{Managers}/{manager.Id}", new UpdateAccountManagerRequest(manager.Name, manager.Email, 5, false), null);
        await put.EnsureStatusAsync(HttpStatusCode.OK);
        using var inactive = await s.Admin.PostAsync($"{Managers}/{manager.Id}/assignments", new AssignMembersRequest([extra.Id], "One more"), null);
        await inactive.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "account_manager_inactive");

        using var twice = await s.Admin.PostAsync(Managers, new RegisterAccountManagerRequest(manager.Subject, "Someone", "x@club.example", 5), null);
        await twice.AssertProblemAsync(HttpStatusCode.Conflict, "account_manager_subject_taken");
        using var unknown = await s.Admin.PostAsync($"{Managers}/{Guid.NewGuid()}/assignments", new AssignMembersRequest([extra.Id], "x"), null);
        await unknown.AssertProblemAsync(HttpStatusCode.NotFound, "account_manager_not_found");
        using var noMember = await s.Admin.PostAsync($"{Managers}/{manager.Id}/assignments", new AssignMembersRequest([Guid.NewGuid()], "x"), null);
        await noMember.AssertProblemAsync(HttpStatusCode.NotFound, "member_not_found");
        using var noReason = await s.Admin.PostAsync($"{Managers}/{manager.Id}/assignments", new AssignMembersRequest([extra.Id], ""), null);
        await noReason.AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Suggestions_put_the_highest_net_spend_first_and_leave_out_assigned_members(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        var big = await s.EnrolAsync();
        var mid = await s.EnrolAsync();
        var none = await s.EnrolAsync();
        var returned = await s.EarnAsync(big.MemberNumber, 300m);
        await s.Partner.PostJsonAsync<ReturnResponse>($"/api/v1/partner/transactions/{returned.ExternalId}/returns", new RecordReturnRequest("RET-" + Unique.Id(), 100m, null), idempotent: true);
        await s.EarnAsync(mid.MemberNumber, 150m);

        var suggestions = await s.Admin.GetAllAsync<AssignmentSuggestionResponse>($"{Managers}/suggestions");
        var mine = suggestions.Where(x => x.MemberId == big.Id || x.MemberId == mid.Id || x.MemberId == none.Id).ToList();

        Assert.Equal([big.Id, mid.Id, none.Id], mine.Select(x => x.MemberId));
        Assert.Equal([200m, 150m, 0m], mine.Select(x => x.NetSpend12Months));
        Assert.Equal([200m, 150m, 0m], mine.Select(x => x.Value)); // entry tier: rank 0, no weighting
        Assert.True(suggestions.Zip(suggestions.Skip(1)).All(p => p.First.Value >= p.Second.Value), "ordered by value");
        Assert.Equal(suggestions.Count, suggestions.Select(x => x.MemberId).Distinct().Count());

        var (manager, _) = await s.ManagerAsync();
        await s.Admin.PostJsonAsync<AssignmentsResponse>($"{Managers}/{manager.Id}/assignments", new AssignMembersRequest([big.Id], "Suggested"));
        var after = await s.Admin.GetAllAsync<AssignmentSuggestionResponse>($"{Managers}/suggestions");
        Assert.DoesNotContain(after, x => x.MemberId == big.Id);
        Assert.Contains(after, x => x.MemberId == mid.Id);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Priority_comes_from_the_member_flag_or_the_tier_and_the_read_model_agrees(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        var (manager, client) = await s.ManagerAsync();
        var member = await s.AssignedMemberAsync(manager.Id);
        using var scope = s.Api.Services.CreateScope();
        var priority = scope.ServiceProvider.GetRequiredService<IPriorityService>();
        Assert.False(await priority.IsPriorityAsync(member.Id, default));

        using var flag = await client.SendJsonAsync(HttpMethod.Put, MemberUrl(member.Id, "/priority-service"), new MemberPriorityRequest(true, "Hospital supplier"), null);
        await flag.EnsureStatusAsync(HttpStatusCode.OK);
        var flagged = await client.GetJsonAsync<PriorityServiceResponse>(MemberUrl(member.Id, "/priority-service"));
        Assert.Equal((true, PrioritySource.Member, "Hospital supplier", "manager-"), (flagged.Priority, flagged.Source, flagged.Reason, flagged.SetBy![..8]));
        Assert.True(await priority.IsPriorityAsync(member.Id, default));

        using var unflag = await client.SendJsonAsync(HttpMethod.Put, MemberUrl(member.Id, "/priority-service"), new MemberPriorityRequest(false, null), null);
        await unflag.EnsureStatusAsync(HttpStatusCode.OK);
        Assert.False(await priority.IsPriorityAsync(member.Id, default));

        var tierUrl = $"/api/v1/admin/tiers/{member.Tier.Id}/priority-service";
        try
        {
            var tier = await s.Admin.SendJsonAsync(HttpMethod.Put, tierUrl, new TierPriorityRequest(true), null);
            await tier.EnsureStatusAsync(HttpStatusCode.OK);
            Assert.True(await priority.IsPriorityAsync(member.Id, default));
            Assert.Equal(PrioritySource.Tier, (await s.Admin.GetJsonAsync<PriorityServiceResponse>(MemberUrl(member.Id, "/priority-service"))).Source);
            using var byManager = await client.SendJsonAsync(HttpMethod.Put, tierUrl, new TierPriorityRequest(false), null);
            await byManager.AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        }
        finally
        {
            (await s.Admin.SendJsonAsync(HttpMethod.Put, tierUrl, new TierPriorityRequest(false), null)).Dispose();
        }

        Assert.False(await priority.IsPriorityAsync(member.Id, default));
        using var noTier = await s.Admin.SendJsonAsync(HttpMethod.Put, $"/api/v1/admin/tiers/{Guid.NewGuid()}/priority-service", new TierPriorityRequest(true), null);
        await noTier.AssertProblemAsync(HttpStatusCode.NotFound, "unknown_tier");
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_demo_manager_has_a_portfolio_with_a_key_account_file_and_its_log(DatabaseProvider provider)
    {
        var api = fixture.For(provider);
        using var demo = api.CreateClient().WithBearer(TestTokens.Create(Loyalty.Infrastructure.Seeding.DemoProgrammeSeeder.DemoManagerSubject, "account-manager"));

        var portfolio = await demo.GetAllAsync<PortfolioMemberResponse>("/api/v1/admin/portfolio");

        Assert.Equal(3, portfolio.Count);
        var key = Assert.Single(portfolio, p => p.KeyAccount is not null);
        var file = await demo.GetJsonAsync<KeyAccountFileResponse>(MemberUrl(key.MemberId, "/key-account"));
        Assert.Equal((KeyAccountKind.Business, 2), (file.Kind, file.Contacts.Count));
        Assert.Equal(2, (await demo.GetAllAsync<InteractionResponse>(MemberUrl(key.MemberId, "/key-account/interactions"))).Count);
        Assert.True((await demo.GetJsonAsync<PriorityServiceResponse>(MemberUrl(key.MemberId, "/priority-service"))).Priority);
    }
}
