using Loyalty.Api.Auth;
using Loyalty.Application.Features.Insight.Churn;
using Loyalty.Contracts.Admin;
using Loyalty.Contracts.Common;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Loyalty.Api.Endpoints.Insight;

/// <summary>Churn risk: the at-risk high-value list (per account manager) and the backtest.</summary>
public static class ChurnEndpoints
{
    public static void MapInsightChurnEndpoints(this Audiences api)
    {
        api.AccountManagement.MapGroup("").WithTags("Insight").MapGet("/insight/at-risk", async Task<Ok<Page<AtRiskMemberResponse>>> (Guid? managerId, int? minScore, int? maxDecile, int? limit, string? cursor, HttpContext http, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ListAtRiskMembersQuery(PortfolioAuthorizationHandler.CallerOf(http), managerId, minScore, maxDecile, limit, cursor), ct)))
            .WithSummary("High-value members at risk of leaving, riskiest first, with the reasons")
            .WithDescription("Churn score ≥ minScore (default 50, 0–100) and value decile ≤ maxDecile (default 3: the top 30 %), from the latest run. An account manager sees their portfolio; an administrator every member, or one manager's portfolio with managerId.")
            .ProducesProblem(400).ProducesProblem(403)
            .WithName("ListAtRiskMembers");
        api.Admin.MapGroup("").WithTags("Insight").MapGet("/insight/churn/backtest", async Task<Ok<ChurnBacktestResponse>> (DateTimeOffset asOf, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new RunChurnBacktestQuery(asOf), ct)))
            .WithSummary("Test the churn score on history: score as of asOf, check who stopped buying in the 90 days after")
            .WithDescription("Only purchases up to asOf are scored; members are the active ones enrolled by then with a purchase in the year before. Reports precision at the top 10 % and AUC for the churn score and for days since the last purchase alone. asOf must be at least 90 days ago.")
            .ProducesProblem(422)
            .WithName("RunChurnBacktest");
    }
}
