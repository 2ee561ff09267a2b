using System.Security.Claims;
using Loyalty.Api.Auth;
using Loyalty.Application.Features.Insight.Value;
using Loyalty.Contracts.Admin;
using Loyalty.Contracts.Common;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Loyalty.Api.Endpoints.Insight;

/// <summary>Customer value: the scoring runs (refresh, history), a member's scores, the value distribution.</summary>
public static class ValueEndpoints
{
    public static void MapInsightValueEndpoints(this Audiences api)
    {
        var admin = api.Admin.MapGroup("").WithTags("Insight");
        admin.MapPost("/insight/refresh", async Task<Ok<InsightRunResponse>> (ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new RefreshInsightCommand(user.GetActor()), ct)))
            .WithSummary("Score every active member now: value, RFM, class and churn risk, as a new run")
            .WithDescription("Set-based; the run is kept beside the earlier ones so movement can be shown. Also judges retention actions whose follow-up window has an answer. The insight job does the same once a day.")
            .WithName("RefreshInsight");
        admin.MapGet("/insight/runs", async Task<Ok<Page<InsightRunResponse>>> (int? limit, string? cursor, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ListInsightRunsQuery(limit, cursor), ct)))
            .WithSummary("Scoring runs, newest first, with the retention and value multiple each used")
            .WithName("ListInsightRuns");
        admin.MapGet("/insight/value/distribution", async Task<Ok<ValueDistributionResponse>> (ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new GetValueDistributionQuery(), ct)))
            .WithSummary("Members and lifetime value per value decile, members per RFM cell (latest run)")
            .ProducesProblem(404)
            .WithName("GetValueDistribution");

        api.AccountManagement.MapGroup("").WithTags("Insight").MapGet("/members/{memberId:guid}/insight", async Task<Ok<MemberInsightResponse>> (Guid memberId, HttpContext http, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new GetMemberInsightQuery(PortfolioAuthorizationHandler.CallerOf(http), memberId), ct)))
            .WithSummary("A member's value, RFM, class (with its explanation) and churn risk (with its reasons), and their earlier runs")
            .WithDescription("latest is null until a run has scored the member. Administrators for any member; account managers for their portfolio.")
            .ProducesProblem(403).ProducesProblem(404)
            .WithName("GetMemberInsight");
    }
}
