using System.Security.Claims;
using Loyalty.Api.Auth;
using Loyalty.Application.Features.Customised.AccountManagers;
using Loyalty.Contracts.Admin;
using Loyalty.Contracts.Common;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Loyalty.Api.Endpoints.Customised;

/// <summary>
/// Account managers: administrators register them, hand them members (with suggestions by value) and see every
/// portfolio; a manager sees their own portfolio and workload and flags their members for priority service.
/// </summary>
public static class AccountManagersEndpoints
{
    public static void MapAccountManagersEndpoints(this Audiences api)
    {
        var admin = api.Admin.MapGroup("").WithTags("Account managers");
        admin.MapPost("/account-managers", async Task<Created<AccountManagerResponse>> (RegisterAccountManagerRequest request, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            {
                var manager = await sender.Send(new RegisterAccountManagerCommand(user.GetActor(), request), ct);
                return TypedResults.Created($"/api/v1/admin/account-managers/{manager.Id}", manager);
            })
            .WithSummary("Register a staff user (token subject) as an account manager")
            .WithDescription("The staff user's tokens carry the role account-manager; this record gives them a capacity and a portfolio.")
            .ProducesValidationProblem().ProducesProblem(409)
            .WithName("RegisterAccountManager");
        admin.MapGet("/account-managers", async Task<Ok<Page<AccountManagerResponse>>> (int? limit, string? cursor, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ListAccountManagersQuery(limit, cursor), ct)))
            .WithSummary("List account managers with the size of their portfolios")
            .WithName("ListAccountManagers");
        admin.MapGet("/account-managers/{managerId:guid}", async Task<Ok<AccountManagerResponse>> (Guid managerId, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new GetAccountManagerQuery(managerId), ct)))
            .WithSummary("Get an account manager").ProducesProblem(404)
            .WithName("GetAccountManager");
        admin.MapPut("/account-managers/{managerId:guid}", async Task<Ok<AccountManagerResponse>> (Guid managerId, UpdateAccountManagerRequest request, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new UpdateAccountManagerCommand(user.GetActor(), managerId, request), ct)))
            .WithSummary("Change an account manager's name, e-mail, capacity or activity")
            .ProducesValidationProblem().ProducesProblem(404).ProducesProblem(422)
            .WithName("UpdateAccountManager");
        admin.MapGet("/account-managers/suggestions", async Task<Ok<Page<AssignmentSuggestionResponse>>> (int? limit, string? cursor, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new SuggestAssignmentsQuery(limit, cursor), ct)))
            .WithSummary("Unassigned members, highest value first")
            .WithDescription("Value = the member's lifetime-value estimate from the latest insight run (see GET /admin/members/{id}/insight); before the first run, and for members enrolled since it, net spend over the last 12 months (purchases less returns, in the tier scheme's spend currency) × (4 + tier rank) / 4. Ties go to the higher tier. Only active members without an account manager.")
            .WithName("SuggestAssignments");
        admin.MapPost("/account-managers/{managerId:guid}/assignments", async Task<Ok<AssignmentsResponse>> (Guid managerId, AssignMembersRequest request, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(new AssignmentsResponse(managerId, await sender.Send(new AssignMembersCommand(user.GetActor(), managerId, request), ct))))
            .WithSummary("Assign members to an account manager (members of another manager move)")
            .ProducesValidationProblem().ProducesProblem(404).ProducesProblem(422)
            .WithName("AssignMembers");
        admin.MapPut("/members/{memberId:guid}/account-manager", async Task<Ok<MemberAccountManagerResponse>> (Guid memberId, ChangeAccountManagerRequest request, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ChangeAccountManagerCommand(user.GetActor(), memberId, request), ct)))
            .WithSummary("Assign, reassign or release (managerId null) a member's account manager")
            .ProducesValidationProblem().ProducesProblem(404).ProducesProblem(422)
            .WithName("ChangeAccountManager");
        admin.MapPut("/tiers/{tierId:guid}/priority-service", async Task<Ok<TierPriorityResponse>> (Guid tierId, TierPriorityRequest request, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new SetTierPriorityCommand(user.GetActor(), tierId, request), ct)))
            .WithSummary("Make priority service a benefit of a tier, or stop it")
            .ProducesValidationProblem().ProducesProblem(404)
            .WithName("SetTierPriorityService");

        var staff = api.AccountManagement.MapGroup("").WithTags("Account managers");
        staff.MapGet("/account-managers/workload", async Task<Ok<Page<ManagerWorkloadResponse>>> (Guid? managerId, int? limit, string? cursor, HttpContext http, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ListWorkloadsQuery(PortfolioAuthorizationHandler.CallerOf(http), managerId, limit, cursor), ct)))
            .WithSummary("Workload per manager: members, key accounts, reviews due, next steps open and overdue")
            .WithDescription("An administrator sees every manager (or managerId); an account manager only their own row.")
            .ProducesProblem(403)
            .WithName("ListManagerWorkloads");
        staff.MapGet("/portfolio", async Task<Ok<Page<PortfolioMemberResponse>>> (Guid? managerId, int? limit, string? cursor, HttpContext http, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ListPortfolioQuery(PortfolioAuthorizationHandler.CallerOf(http), managerId, limit, cursor), ct)))
            .WithSummary("My portfolio: the members I look after (administrators: one manager's, or every assigned member)")
            .ProducesProblem(403)
            .WithName("ListPortfolio");
        staff.MapGet("/members/{memberId:guid}/account-manager", async Task<Ok<MemberAccountManagerResponse>> (Guid memberId, HttpContext http, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new GetMemberAccountManagerQuery(PortfolioAuthorizationHandler.CallerOf(http), memberId), ct)))
            .WithSummary("Who looks after a member").ProducesProblem(403).ProducesProblem(404)
            .WithName("GetMemberAccountManager");
        staff.MapGet("/members/{memberId:guid}/account-manager/history", async Task<Ok<Page<AssignmentChangeResponse>>> (Guid memberId, int? limit, string? cursor, HttpContext http, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ListAssignmentHistoryQuery(PortfolioAuthorizationHandler.CallerOf(http), memberId, limit, cursor), ct)))
            .WithSummary("A member's assignment history: from, to, when, by whom, why (newest first)").ProducesProblem(403).ProducesProblem(404)
            .WithName("ListAssignmentHistory");
        staff.MapGet("/members/{memberId:guid}/priority-service", async Task<Ok<PriorityServiceResponse>> (Guid memberId, HttpContext http, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new GetMemberPriorityQuery(PortfolioAuthorizationHandler.CallerOf(http), memberId), ct)))
            .WithSummary("Whether a member gets priority service, and why (member flag or tier)").ProducesProblem(403).ProducesProblem(404)
            .WithName("GetMemberPriorityService");
        staff.MapPut("/members/{memberId:guid}/priority-service", async Task<Ok<PriorityServiceResponse>> (Guid memberId, MemberPriorityRequest request, HttpContext http, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new SetMemberPriorityCommand(PortfolioAuthorizationHandler.CallerOf(http), memberId, request), ct)))
            .WithSummary("Flag or unflag a member for priority service").ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404)
            .WithName("SetMemberPriorityService");
    }
}
