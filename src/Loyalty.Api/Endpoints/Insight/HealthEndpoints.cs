using Loyalty.Application.Features.Insight.Health;
using Loyalty.Contracts.Admin;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Loyalty.Api.Endpoints.Insight;

/// <summary>Programme health per month, and the value of the members campaigns and offers won.</summary>
public static class HealthEndpoints
{
    public static void MapInsightHealthEndpoints(this Audiences api)
    {
        var admin = api.Admin.MapGroup("").WithTags("Insight");
        admin.MapGet("/insight/programme-health", async Task<Ok<ProgrammeHealthResponse>> (string? from, string? to, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new GetProgrammeHealthQuery(from, to), ct)))
            .WithSummary("Programme health per calendar month: active members, retention and churn, repeat purchases, new members by channel and campaign, points flow, NPS")
            .WithDescription("from and to are months, yyyy-MM (both included, at most 36 months; default the last 12 up to the current month). Read from the monthly figures the insight refresh stores (it recomputes the latest months each run); a month it has not rolled up yet says computed: false.")
            .ProducesValidationProblem()
            .WithName("GetProgrammeHealth");
        admin.MapGet("/insight/campaign-value", async Task<Ok<CampaignValueResponse>> (int? months, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new GetCampaignValueQuery(months), ct)))
            .WithSummary("Which campaigns and offers won the most valuable members: lifetime value of the members each acquired or reached, offers against their control group")
            .WithDescription("Values from the latest insight run. months (1–24, default 3): the months after an offer's start over which each group's net spend is compared. Campaigns hold out no control group, so they report no uplift.")
            .ProducesValidationProblem()
            .WithName("GetCampaignValue");
    }
}
