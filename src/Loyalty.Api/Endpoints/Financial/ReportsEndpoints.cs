using Loyalty.Application.Features.Financial.Reports;
using Loyalty.Contracts.Admin;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Loyalty.Api.Endpoints.Financial;

/// <summary>Reports for programme staff.</summary>
public static class ReportsEndpoints
{
    public static void MapReportsEndpoints(this Audiences api)
    {
        var reports = api.Programme.MapGroup("/reports").WithTags("Reports");
        reports.MapGet("/liability", async Task<Ok<LiabilityReportResponse>> (DateOnly? from, DateOnly? to, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new GetLiabilityReportQuery(from, to), ct)))
            .WithSummary("Points liability: outstanding points and their value, by tier and expiry month, and movements per month")
            .WithDescription("from/to are UTC dates (yyyy-MM-dd, both included; default: the last 12 calendar months up to today, at most 60 months). Breakage rate = expired ÷ issued.")
            .ProducesValidationProblem()
            .WithName("GetLiabilityReport");
    }
}
