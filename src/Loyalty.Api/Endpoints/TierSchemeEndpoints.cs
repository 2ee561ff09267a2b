using System.Security.Claims;
using Loyalty.Api.Auth;
using Loyalty.Api.RateLimiting;
using Loyalty.Application.Features.Social.Tiers;
using Loyalty.Contracts.Admin;
using Loyalty.Contracts.Member;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Loyalty.Api.Endpoints;

/// <summary>The tier scheme marketing staff configure (versions taking effect from a date), and the ladder members see.</summary>
public static class TierSchemeEndpoints
{
    public static void MapTierSchemeEndpoints(this IEndpointRouteBuilder app)
    {
        // Programme configuration is open to marketing staff as well as administrators.
        var programme = app.MapGroup("/api/v1/admin").WithGroupName(OpenApiDocuments.Admin).RequireAuthorization(AuthSetup.ProgrammePolicy);

        programme.MapGet("/tiers", async Task<Ok<IReadOnlyList<TierResponse>>> (ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new ListTiersQuery(), ct))).WithTags("Tiers").WithSummary("List the current tiers by rank, with thresholds and benefits");
        programme.MapPost("/tiers", async Task<Created<TierResponse>> (CreateTierRequest request, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            {
                var tier = await sender.Send(new CreateTierCommand(user.GetActor(), request), ct);
                return TypedResults.Created($"/api/v1/admin/tiers/{tier.Id}", tier);
            })
            .WithTags("Tiers").WithSummary("Add a tier, qualified for by points earned, to the current scheme")
            .WithDescription("Shorthand for a new scheme version effective now: the current tiers plus this one. 409 tier_rank_taken / tier_name_taken, or tier_scheme_change_pending while a change is scheduled; 422 tier_out_of_order. Audited.")
            .ProducesValidationProblem().ProducesProblem(409).ProducesProblem(422);

        var scheme = programme.MapGroup("/tier-scheme").WithTags("Tier scheme");
        scheme.MapGet("/", async Task<Ok<TierSchemeResponse>> (ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new GetTierSchemeQuery(), ct)))
            .WithSummary("The tier scheme in force: settings, tiers with thresholds and benefits, and the pending version if any");
        scheme.MapPut("/", async Task<Ok<TierSchemeResponse>> (TierSchemeRequest request, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new ChangeTierSchemeCommand(user.GetActor(), request), ct)))
            .WithSummary("Replace the tier scheme from a date")
            .WithDescription(
                "effectiveFrom omitted or not in the future: applied at once; later: scheduled (a newer submission replaces a pending one). " +
                "Tiers with an id update that tier (its members stay); without an id they are new; a current tier left out is retired and its " +
                "members move to the highest kept tier below it (tier.changed events). The rank-0 tier must be the current entry tier. " +
                "422 codes: overlapping_thresholds, contradictory_thresholds, invalid_threshold, duplicate_rank, duplicate_tier_name, " +
                "tier_out_of_order, invalid_multiplier, invalid_discount, invalid_scheme, invalid_window, invalid_grace_period, invalid_currency, " +
                "unknown_tier, duplicate_tier_id, entry_tier_replaced. Audited.")
            .ProducesValidationProblem().ProducesProblem(409).ProducesProblem(422);
        scheme.MapGet("/versions", async Task<Ok<IReadOnlyList<TierSchemeVersionResponse>>> (ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new ListTierSchemeVersionsQuery(), ct)))
            .WithSummary("Submitted scheme versions, newest first (at most 100)");
        scheme.MapPost("/versions/{versionId:guid}/cancel", async Task<Ok<TierSchemeVersionResponse>> (Guid versionId, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new CancelTierSchemeVersionCommand(user.GetActor(), versionId), ct)))
            .WithSummary("Cancel a version that has not taken effect yet").WithDescription("409 version_not_pending once it was applied or cancelled. Audited.")
            .ProducesProblem(404).ProducesProblem(409);

        var me = app.MapGroup("/api/v1/me").WithGroupName(OpenApiDocuments.Member).WithTags("Me")
            .RequireAuthorization(AuthSetup.MemberPolicy).RequireRateLimiting(RateLimitSetup.MemberPolicy);
        me.MapGet("/tiers", async Task<Ok<TierLadderResponse>> (ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new GetMyTierLadderQuery(user.GetSubject()), ct)))
            .WithSummary("The tier ladder: every tier, what it takes, what it gives, and which one is mine").ProducesProblem(404);
    }
}
