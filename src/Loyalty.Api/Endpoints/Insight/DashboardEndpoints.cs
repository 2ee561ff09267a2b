using Loyalty.Application.Features.Insight.Dashboard;
using Loyalty.Contracts.Admin;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Loyalty.Api.Endpoints.Insight;

/// <summary>Read-only figures the staff dashboard (/dashboard) draws and no other insight route answers.</summary>
public static class DashboardEndpoints
{
    public static void MapInsightDashboardEndpoints(this Audiences api)
    {
        api.Admin.MapGroup("").WithTags("Insight").MapGet("/insight/churn/by-tier", async Task<Ok<ChurnRiskByTierResponse>> (ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new GetChurnRiskByTierQuery(), ct)))
            .WithSummary("Churn risk by tier in the latest run: members per risk band (low < 25, medium 25–49, high ≥ 50) and the mean score")
            .WithDescription("Tiers in rank order, each member in the tier they had at the run; a tier with no scored member has zero counts.")
            .ProducesProblem(404)
            .WithName("GetChurnRiskByTier");
    }
}
