using System.Security.Claims;
using Loyalty.Api.Auth;
using Loyalty.Application.Features.Customised.Recommendations;
using Loyalty.Contracts.Admin;
using Loyalty.Contracts.Common;
using Loyalty.Contracts.Member;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Loyalty.Api.Endpoints.Customised;

/// <summary>The next best offer: the member's own list (app), a member's list, the refresh and the measurement (staff).</summary>
public static class RecommendationsEndpoints
{
    public static void MapRecommendationsEndpoints(this Audiences api)
    {
        api.Member.MapGet("/recommendations", async Task<Ok<Page<RecommendationResponse>>> (int? limit, string? cursor, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new GetMyRecommendationsQuery(user.GetSubject(), limit, cursor), ct)))
            .WithTags("Recommendations").WithSummary("My next best offers, each with its reason")
            .WithDescription("Up to three rewards (and, where the programme has them, personal offers) chosen from what I buy: categories I buy regularly, categories often bought with them, then what is popular. Each carries the reason in words and basedOn, the purchases it rests on. From the last daily refresh (computedAt); computed on the spot (live true) before my first one. A page like every list (limit and cursor), though never more than three items.")
            .ProducesProblem(404)
            .WithName("GetMyRecommendations");

        var staff = api.Programme.MapGroup("").WithTags("Recommendations");
        staff.MapGet("/members/{memberId:guid}/recommendations", async Task<Ok<Page<RecommendationResponse>>> (Guid memberId, int? limit, string? cursor, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new GetMemberRecommendationsQuery(memberId, limit, cursor), ct)))
            .WithSummary("A member's next best offers, with reasons").WithDescription("The list the member sees in the app.")
            .ProducesProblem(404)
            .WithName("GetMemberRecommendations");
        staff.MapPost("/recommendations/refresh", async Task<Ok<RecommendationRefreshResponse>> (ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new RefreshRecommendationsCommand(), ct)))
            .WithSummary("Recompute every active member's next best offers now")
            .WithDescription("Relearns which categories are bought together from the last year of baskets, then replaces each member's stored recommendations, in batches. The recommendations job does the same once a day.")
            .WithName("RefreshRecommendations");
        staff.MapGet("/recommendations/evaluation", async Task<Ok<RecommendationEvaluationResponse>> (int? k, int? sample, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new EvaluateRecommendationsQuery(k, sample), ct)))
            .WithSummary("How well the next best offer predicts what members buy next")
            .WithDescription("Leave-last-out on the programme's own history: each sampled member's last purchase is hidden and the top k categories are recommended from the rest; hitRate is the share of members whose hidden basket holds one of them, against baselineHitRate for the k most popular categories. k 1–10 (default 3), sample 10–50,000 members (default 5,000).")
            .ProducesValidationProblem()
            .WithName("EvaluateRecommendations");
    }
}
