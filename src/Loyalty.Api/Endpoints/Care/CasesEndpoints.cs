using System.Security.Claims;
using Loyalty.Api.Auth;
using Loyalty.Api.Idempotency;
using Loyalty.Api.OpenApi;
using Loyalty.Application.Features.Care.Cases;
using Loyalty.Contracts.Admin;
using Loyalty.Contracts.Common;
using Loyalty.Contracts.Member;
using Loyalty.Contracts.Partner;
using Loyalty.Domain.Structural.ApiKeys;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Loyalty.Api.Endpoints.Care;

/// <summary>
/// Complaints and service cases: members open and follow theirs in the app, a till opens one at its own store
/// (scope cases:open), staff and account managers (their portfolio only) work them, administrators see queues and
/// the care report.
/// </summary>
public static class CasesEndpoints
{
    private const string Tag = "Cases";

    public static void MapCasesEndpoints(this Audiences api)
    {
        MapMember(api.Member.MapGroup("/cases").WithTags(Tag));
        MapPartner(api.Partner.MapGroup("/cases").WithTags(Tag));
        MapStaff(api.AccountManagement.MapGroup("").WithTags(Tag)); // a group of its own: tags on the shared group would reach every route
        MapAdmin(api.Admin.MapGroup("/cases").WithTags(Tag));
    }

    private static void MapMember(RouteGroupBuilder me)
    {
        me.MapPost("/", async Task<Created<MyCaseResponse>> (OpenMyCaseRequest request, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            {
                var opened = await sender.Send(new OpenMyCaseCommand(user.GetSubject(), request), ct);
                return TypedResults.Created($"/api/v1/me/cases/{opened.Id}", opened);
            })
            .RequireIdempotencyKey()
            .WithSummary("Open a complaint or service case")
            .WithDescription("A first response is promised by serviceLevelDueAt: the response hours of my tier (priority service halves them; the programme default when the tier names none). purchaseId and storeId are optional. Requires an Idempotency-Key.")
            .ProducesValidationProblem().ProducesProblem(404)
            .WithName("OpenMyCase");
        me.MapGet("/", async Task<Ok<Page<MyCaseResponse>>> (int? limit, string? cursor, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ListMyCasesQuery(user.GetSubject(), limit, cursor), ct)))
            .WithSummary("My cases, newest first, with their steps")
            .ProducesProblem(400).ProducesProblem(404)
            .WithName("ListMyCases");
        me.MapGet("/{caseId:guid}", async Task<Ok<MyCaseResponse>> (Guid caseId, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new GetMyCaseQuery(user.GetSubject(), caseId), ct)))
            .WithSummary("One of my cases: status, next step and due time, staff's notes")
            .ProducesProblem(404)
            .WithName("GetMyCase");
    }

    private static void MapPartner(RouteGroupBuilder partner)
    {
        partner.MapPost("/", async Task<Created<PartnerCaseResponse>> (PartnerOpenCaseRequest request, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            {
                var opened = await sender.Send(new PartnerOpenCaseCommand(user.GetPartnerId(), user.GetApiKeyActor(), request), ct);
                return TypedResults.Created($"/api/v1/partner/cases/{opened.Id}", opened);
            })
            .RequireScope(ApiKeyScopes.CasesOpen).RequireIdempotencyKey()
            .WithSummary("Open a case for a member at one of your stores")
            .WithDescription("Channel till. storeId must be one of your stores (another partner's: 404 store_not_found); purchaseExternalId, when given, names the member's receipt at your stores. Requires an Idempotency-Key.")
            .ProducesValidationProblem().ProducesProblem(404).ProducesProblem(409)
            .WithName("PartnerOpenCase");
    }

    private static void MapStaff(RouteGroupBuilder staff)
    {
        staff.MapGet("/portfolio/cases", async Task<Ok<Page<CaseResponse>>> (Guid? managerId, [QueryEnum(typeof(CaseStatus))] string? status, int? limit, string? cursor, HttpContext http, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ListCasesQuery(PortfolioAuthorizationHandler.CallerOf(http), managerId, null, null, status ?? "open", limit, cursor), ct)))
            .WithSummary("Cases of my portfolio's members, due first")
            .WithDescription("Ordered by the next step's due time, so cases already due lead. status (open or resolved) defaults to open. An account manager sees only their own portfolio; an administrator one manager's (managerId) or every case.")
            .ProducesProblem(400).ProducesProblem(403)
            .WithName("ListPortfolioCases");
        var member = staff.MapGroup("/members/{memberId:guid}/cases");
        member.MapPost("/", async Task<Created<CaseResponse>> (Guid memberId, OpenCaseRequest request, HttpContext http, ISender sender, CancellationToken ct) =>
            {
                var opened = await sender.Send(new OpenCaseCommand(PortfolioAuthorizationHandler.CallerOf(http), memberId, request), ct);
                return TypedResults.Created($"/api/v1/admin/members/{memberId}/cases/{opened.Id}", opened);
            })
            .WithSummary("Open a case for a member (phone, e-mail, till or app)")
            .WithDescription("The service level comes from the member's tier (priority service halves it). owner defaults to the member's account manager, else the care desk. Audited (case.opened).")
            .ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404)
            .WithName("OpenCase");
        member.MapGet("/", async Task<Ok<Page<CaseResponse>>> (Guid memberId, [QueryEnum(typeof(CaseStatus))] string? status, int? limit, string? cursor, HttpContext http, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ListCasesQuery(PortfolioAuthorizationHandler.CallerOf(http), null, memberId, null, status, limit, cursor), ct)))
            .WithSummary("A member's cases, due first; status: open or resolved")
            .ProducesProblem(400).ProducesProblem(403).ProducesProblem(404)
            .WithName("ListMemberCases");
        member.MapGet("/{caseId:guid}", async Task<Ok<CaseResponse>> (Guid memberId, Guid caseId, HttpContext http, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new GetCaseQuery(PortfolioAuthorizationHandler.CallerOf(http), memberId, caseId), ct)))
            .WithSummary("A case with its steps, service level and escalation")
            .ProducesProblem(403).ProducesProblem(404)
            .WithName("GetCase");
        member.MapPost("/{caseId:guid}/steps", async Task<Ok<CaseResponse>> (Guid memberId, Guid caseId, ProgressCaseRequest request, HttpContext http, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ProgressCaseCommand(PortfolioAuthorizationHandler.CallerOf(http), memberId, caseId, request), ct)))
            .WithSummary("Record what was done and set the next step with its due time")
            .WithDescription("The note is shown to the member. The first step recorded is the first response (measured against the service level). 422 next_step_due_in_past, case_resolved. Audited (case.step_recorded).")
            .ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404).ProducesProblem(422)
            .WithName("ProgressCase");
        member.MapPut("/{caseId:guid}/owner", async Task<Ok<CaseResponse>> (Guid memberId, Guid caseId, ReassignCaseRequest request, HttpContext http, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ReassignCaseCommand(PortfolioAuthorizationHandler.CallerOf(http), memberId, caseId, request), ct)))
            .WithSummary("Hand an open case to another staff user")
            .ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404).ProducesProblem(422)
            .WithName("ReassignCase");
        member.MapPost("/{caseId:guid}/resolution", async Task<Ok<CaseResponse>> (Guid memberId, Guid caseId, ResolveCaseRequest request, HttpContext http, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ResolveCaseCommand(PortfolioAuthorizationHandler.CallerOf(http), memberId, caseId, request), ct)))
            .RequireIdempotencyKey()
            .WithSummary("Resolve a case with its outcome and optional goodwill points")
            .WithDescription("goodwillPoints are credited through the ledger (an adjustment: points.adjusted, audited) once: a case resolves once (409 case_resolved). Requires an Idempotency-Key. Audited (case.resolved).")
            .ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404).ProducesProblem(409).ProducesProblem(422)
            .WithName("ResolveCase");
    }

    private static void MapAdmin(RouteGroupBuilder cases)
    {
        cases.MapGet("/", async Task<Ok<Page<CaseResponse>>> (string? owner, [QueryEnum(typeof(CaseStatus))] string? status, Guid? memberId, int? limit, string? cursor, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ListCasesQuery(new(user.GetActor(), null), null, memberId, owner, status, limit, cursor), ct)))
            .WithSummary("Every case, due first; filter by owner (or the lead it escalated to), status (open, resolved) or member")
            .ProducesProblem(400).ProducesProblem(404)
            .WithName("ListCases");
        cases.MapGet("/queue", async Task<Ok<Page<CaseResponse>>> (int? limit, string? cursor, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ListCasesQuery(new(user.GetActor(), null), null, null, user.GetActor(), "open", limit, cursor), ct)))
            .WithSummary("My queue: open cases I own or that escalated to me, due first")
            .ProducesProblem(400)
            .WithName("ListMyCaseQueue");
        cases.MapGet("/report", async Task<Ok<CaseReportResponse>> (DateTimeOffset from, DateTimeOffset to, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new GetCaseReportQuery(from, to), ct)))
            .WithSummary("Care report: cases by category, response and resolution times per tier and per step, share within service level, repeat complaints")
            .WithDescription("Over cases opened in [from, to). Times in hours; shares 0..1. Within service level: first response by serviceLevelDueAt, of the cases answered or already past due.")
            .ProducesValidationProblem()
            .WithName("GetCaseReport");
    }
}
