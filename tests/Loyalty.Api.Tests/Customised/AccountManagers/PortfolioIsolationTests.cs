using System.Net;
using System.Text;
using Loyalty.Api.Auth;
using Loyalty.Api.Tests.Infrastructure;
using Loyalty.Contracts.Admin;
using Loyalty.Contracts.Common;
using Loyalty.Infrastructure.Persistence;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using static Loyalty.Api.Tests.Customised.AccountManagers.AccountManagerKit;

namespace Loyalty.Api.Tests.Customised.AccountManagers;

/// <summary>
/// From another manager's side, on every account-management route the API maps (read from the endpoint table, so a
/// route added later is covered without touching this test): nothing of a member outside one's portfolio can be read
/// or changed, and another manager's lists cannot be asked for.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class PortfolioIsolationTests(ApiFixture fixture)
{
    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_manager_cannot_reach_another_managers_member_on_any_route(DatabaseProvider provider)
    {
        var api = fixture.For(provider);
        var s = await Scenario.StartAsync(api);
        var (owner, ownerClient) = await s.ManagerAsync();
        var (_, intruder) = await s.ManagerAsync();
        var member = await s.AssignedMemberAsync(owner.Id);
        using (var put = await ownerClient.SendJsonAsync(HttpMethod.Put, MemberUrl(member.Id, "/key-account"), BusinessFile(api.Clock.GetUtcNow().AddDays(-1)), null))
        {
            await put.EnsureStatusAsync(HttpStatusCode.OK);
        }

        var interaction = await ownerClient.PostJsonAsync<InteractionResponse>(MemberUrl(member.Id, "/key-account/interactions"),
            new RecordInteractionRequest(InteractionKind.Call, api.Clock.GetUtcNow(), "Call", null, "Follow up", api.Clock.GetUtcNow().AddDays(-1)));
        var serviceCase = await ownerClient.PostJsonAsync<CaseResponse>(MemberUrl(member.Id, "/cases"),
            new OpenCaseRequest(CaseCategory.Service, CaseChannel.Phone, CaseSeverity.Low, "Call back", "About the delivery"));
        string Concrete(string template) => template
            .Replace("{memberId:guid}", member.Id.ToString(), StringComparison.Ordinal)
            .Replace("{interactionId:guid}", interaction.Id.ToString(), StringComparison.Ordinal)
            .Replace("{caseId:guid}", serviceCase.Id.ToString(), StringComparison.Ordinal);

        var failures = new List<string>();
        var routes = 0;
        foreach (var endpoint in api.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            if (!endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Any(a => a.Policy == AuthSetup.AccountManagementPolicy))
            {
                continue;
            }

            routes++;
            var method = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods.Single();
            var template = endpoint.RoutePattern.RawText!;
            Assert.DoesNotMatch(@"\{(?!memberId:guid\}|interactionId:guid\}|caseId:guid\})", template); // a new kind of route value needs a rule in PortfolioAuthorizationHandler (a caseId always sits under its memberId, and handlers find the case within that member)
            var path = Concrete(template) + "?managerId=" + owner.Id;

            using var request = new HttpRequestMessage(new HttpMethod(method), path);
            if (method is "POST" or "PUT" or "PATCH")
            {
                request.Content = new StringContent("""{"kind":"call","occurredAt":"2020-01-01T00:00:00Z","summary":"x","priority":true}""", Encoding.UTF8, "application/json");
            }

            using var response = await intruder.SendAsync(request);
            if (response.StatusCode is not (HttpStatusCode.Forbidden or HttpStatusCode.NotFound))
            {
                failures.Add($"{method} {template}: another manager got {(int)response.StatusCode}");
            }
            else if (!template.Contains("{memberId", StringComparison.Ordinal))
            {
                await response.AssertProblemAsync(HttpStatusCode.Forbidden, "outside_portfolio");
            }

            // The owner can read the same thing, so the refusal above is about the portfolio and nothing else.
            if (method == "GET")
            {
                using var own = await ownerClient.GetAsync(path);
                if (own.StatusCode != HttpStatusCode.OK)
                {
                    failures.Add($"GET {template}: the owner got {(int)own.StatusCode}");
                }
            }
        }

        Assert.True(routes >= 12, $"only {routes} account-management routes were found");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Lists_show_a_manager_only_their_own_members_and_admin_routes_stay_closed(DatabaseProvider provider)
    {
        var api = fixture.For(provider);
        var s = await Scenario.StartAsync(api);
        var (owner, ownerClient) = await s.ManagerAsync();
        var (other, otherClient) = await s.ManagerAsync();
        var mine = await s.AssignedMemberAsync(owner.Id);
        var theirs = await s.AssignedMemberAsync(other.Id);

        Assert.Equal([mine.Id], (await ownerClient.GetAllAsync<PortfolioMemberResponse>("/api/v1/admin/portfolio")).Select(p => p.MemberId));
        Assert.Equal([owner.Id], (await ownerClient.GetAllAsync<ManagerWorkloadResponse>("/api/v1/admin/account-managers/workload")).Select(w => w.ManagerId));
        var all = await s.Admin.GetAllAsync<PortfolioMemberResponse>("/api/v1/admin/portfolio");
        Assert.Contains(all, p => p.MemberId == mine.Id);
        Assert.Contains(all, p => p.MemberId == theirs.Id);

        using var adminRoute = await ownerClient.PostAsync($"{Managers}/{owner.Id}/assignments", new AssignMembersRequest([theirs.Id], "Mine now"), null);
        var problem = await adminRoute.AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        Assert.Equal(["admin"], problem.GetProperty("required_role").EnumerateArray().Select(r => r.GetString()));
        using var unregistered = api.CreateClient().WithBearer(TestTokens.Create("nobody-" + Unique.Id(), "account-manager"));
        using var refused = await unregistered.GetAsync("/api/v1/admin/portfolio");
        await refused.AssertProblemAsync(HttpStatusCode.Forbidden, "not_an_account_manager");
        using var member = api.CreateClient().WithBearer(TestTokens.Member("member-" + Unique.Id()));
        using var memberRefused = await member.GetAsync("/api/v1/admin/portfolio");
        var roles = await memberRefused.AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        Assert.Equal(["admin", "account-manager"], roles.GetProperty("required_role").EnumerateArray().Select(r => r.GetString()));

        using var deactivate = await s.Admin.SendJsonAsync(HttpMethod.Put, $"{Managers}/{owner.Id}", new UpdateAccountManagerRequest(owner.Name, owner.Email, owner.Capacity, false), null);
        await deactivate.EnsureStatusAsync(HttpStatusCode.OK);
        using var inactive = await ownerClient.GetAsync(MemberUrl(mine.Id, "/account-manager"));
        await inactive.AssertProblemAsync(HttpStatusCode.Forbidden, "not_an_account_manager");
    }
}
