using Loyalty.Application.Features.Insight.Classes;
using Loyalty.Contracts.Admin;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Loyalty.Api.Endpoints.Insight;

/// <summary>Loyal / general / drifting: the split by tier and segment, and the movements between runs.</summary>
public static class ClassesEndpoints
{
    public static void MapInsightClassesEndpoints(this Audiences api)
    {
        var admin = api.Admin.MapGroup("").WithTags("Insight");
        admin.MapGet("/insight/classes", async Task<Ok<ClassSummaryResponse>> (ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new GetClassSummaryQuery(), ct)))
            .WithSummary("Loyal, general and drifting members in the latest run: in total, per tier and per segment")
            .ProducesProblem(404)
            .WithName("GetClassSummary");
        admin.MapGet("/insight/classes/transitions", async Task<Ok<ClassTransitionsResponse>> (DateTimeOffset? from, DateTimeOffset? to, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ListClassTransitionsQuery(from, to), ct)))
            .WithSummary("Members per class movement over a period (run at or before to against run at or before from)")
            .WithDescription("Without to: the latest run; without from: the run before it. from null in a row = not scored in the earlier run.")
            .ProducesProblem(404)
            .WithName("ListClassTransitions");
    }
}
