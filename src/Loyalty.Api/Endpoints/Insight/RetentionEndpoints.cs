using Loyalty.Api.Auth;
using Loyalty.Api.Idempotency;
using Loyalty.Application.Features.Insight.Retention;
using Loyalty.Contracts.Admin;
using Loyalty.Contracts.Common;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Loyalty.Api.Endpoints.Insight;

/// <summary>Retention actions (call, offer, goodwill points), their outcomes, and which kinds work.</summary>
public static class RetentionEndpoints
{
    public static void MapInsightRetentionEndpoints(this Audiences api)
    {
        var staff = api.AccountManagement.MapGroup("").WithTags("Insight");
        staff.MapPost("/members/{memberId:guid}/retention-actions", async Task<Created<RetentionActionResponse>> (Guid memberId, RecordRetentionActionRequest request, HttpContext http, ISender sender, CancellationToken ct) =>
            {
                var action = await sender.Send(new RecordRetentionActionCommand(PortfolioAuthorizationHandler.CallerOf(http), memberId, request), ct);
                return TypedResults.Created($"/api/v1/admin/members/{memberId}/retention-actions", action);
            })
            .RequireIdempotencyKey()
            .WithSummary("Record a retention action: a call, an offer or goodwill points (credited through the points adjustment)")
            .WithDescription("Keeps the member's churn score and value decile at the time; the insight job later records whether the member bought within followUpDays. Needs an Idempotency-Key: a retry neither credits nor records twice.")
            .ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404)
            .WithName("RecordRetentionAction");
        staff.MapGet("/members/{memberId:guid}/retention-actions", async Task<Ok<Page<RetentionActionResponse>>> (Guid memberId, int? limit, string? cursor, HttpContext http, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ListRetentionActionsQuery(PortfolioAuthorizationHandler.CallerOf(http), memberId, limit, cursor), ct)))
            .WithSummary("A member's retention actions and their outcomes, newest first")
            .ProducesProblem(403).ProducesProblem(404)
            .WithName("ListRetentionActions");
        api.Admin.MapGroup("").WithTags("Insight").MapGet("/insight/retention/report", async Task<Ok<RetentionReportResponse>> (DateTimeOffset? from, DateTimeOffset? to, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new GetRetentionReportQuery(from, to), ct)))
            .WithSummary("Which retention actions work: per kind, actions taken (from–to) and the share after which the member came back")
            .WithName("GetRetentionReport");
    }
}
