using System.Security.Claims;
using Loyalty.Api.Auth;
using Loyalty.Application.Features.Social.Tiers;
using Loyalty.Contracts.Admin;
using Loyalty.Contracts.Common;
using Loyalty.Contracts.Member;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Loyalty.Api.Endpoints.Social;

/// <summary>
/// Tiers: the scheme programme staff configure (versions taking effect from a date) and its preview, the ladder and
/// the member's standing and progress, a member's tier for staff.
/// </summary>
public static class TiersEndpoints
{
    public static void MapTiersEndpoints(this Audiences api)
    {
        api.Programme.MapGet("/tiers", async Task<Ok<Page<TierResponse>>> (int? limit, string? cursor, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new ListTiersQuery(limit, cursor), ct))).WithTags("Tiers").WithSummary("List the current tiers by rank, with thresholds and benefits")
            .WithName("ListTiers");
        api.Programme.MapPost("/tiers", async Task<Created<TierResponse>> (CreateTierRequest request, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            {
                var tier = await sender.Send(new CreateTierCommand(user.GetActor(), request), ct);
                return TypedResults.Created($"/api/v1/admin/tiers/{tier.Id}", tier);
            })
            .WithTags("Tiers").WithSummary("Add a tier, qualified for by points earned, to the current scheme")
            .WithDescription("Shorthand for a new scheme version effective now: the current tiers plus this one. 409 tier_rank_taken / tier_name_taken, or tier_scheme_change_pending while a change is scheduled; 422 tier_out_of_order. Audited.")
            .ProducesValidationProblem().ProducesProblem(409).ProducesProblem(422)
            .WithName("CreateTier");

        var scheme = api.Programme.MapGroup("/tier-scheme").WithTags("Tier scheme");
        scheme.MapGet("/", async Task<Ok<TierSchemeResponse>> (ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new GetTierSchemeQuery(), ct)))
            .WithSummary("The tier scheme in force: settings, tiers with thresholds and benefits, and the pending version if any")
            .WithName("GetTierScheme");
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
            .ProducesValidationProblem().ProducesProblem(409).ProducesProblem(422)
            .WithName("ChangeTierScheme");
        scheme.MapGet("/versions", async Task<Ok<Page<TierSchemeVersionResponse>>> (int? limit, string? cursor, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new ListTierSchemeVersionsQuery(limit, cursor), ct)))
            .WithSummary("Submitted scheme versions, newest first (at most 100)")
            .WithName("ListTierSchemeVersions");
        scheme.MapPost("/versions/{versionId:guid}/cancel", async Task<Ok<TierSchemeVersionResponse>> (Guid versionId, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new CancelTierSchemeVersionCommand(user.GetActor(), versionId), ct)))
            .WithSummary("Cancel a version that has not taken effect yet").WithDescription("409 version_not_pending once it was applied or cancelled. Audited.")
            .ProducesProblem(404).ProducesProblem(409)
            .WithName("CancelTierSchemeVersion");

        api.Programme.MapPost("/tier-scheme/preview", async Task<Ok<TierSchemePreviewResponse>> (TierSchemeRequest request, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new PreviewTierSchemeQuery(request), ct)))
            .WithTags("Tiers").WithSummary("Preview a tier scheme: how many members would move up or down")
            .WithDescription("Nothing is saved. Members are measured in the new scheme's window ending at effectiveFrom (or now).")
            .ProducesValidationProblem().ProducesProblem(422)
            .WithName("PreviewTierScheme");

        api.Admin.MapGet("/members/{memberId:guid}/tier", async Task<Ok<AdminMemberTierResponse>> (Guid memberId, int? limit, string? cursor, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new GetMemberTierQuery(memberId, limit, cursor), ct)))
            .WithTags("Tiers").WithSummary("A member's tier, progress and tier history").ProducesProblem(400).ProducesProblem(404)
            .WithName("GetMemberTier");

        var me = api.Member.MapGroup("").WithTags("Me");
        me.MapGet("/tiers", async Task<Ok<TierLadderResponse>> (ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new GetMyTierLadderQuery(user.GetSubject()), ct)))
            .WithSummary("The tier ladder: every tier, what it takes, what it gives, and which one is mine").ProducesProblem(404)
            .WithName("GetMyTierLadder");
        var tier = me.MapGroup("/tier");
        tier.MapGet("/", async Task<Ok<MemberTierResponse>> (ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new GetMyTierQuery(user.GetSubject()), ct)))
            .WithSummary("My tier and my progress")
            .WithDescription("The tier, its benefits, the review date and any grace period, activity in the qualification window, what the next tier and keeping this one take, in numbers and as one sentence.")
            .ProducesProblem(404)
            .WithName("GetMyTier");
        tier.MapGet("/history", async Task<Ok<Page<TierHistoryEntry>>> (int? limit, string? cursor, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new GetMyTierHistoryQuery(user.GetSubject(), limit, cursor), ct)))
            .WithSummary("My tier changes, newest first").WithDescription("Cursor-paginated: pass nextCursor back as cursor.").ProducesProblem(400).ProducesProblem(404)
            .WithName("GetMyTierHistory");
    }
}
