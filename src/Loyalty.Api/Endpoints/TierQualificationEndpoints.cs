using System.Security.Claims;
using Loyalty.Api.Auth;
using Loyalty.Api.RateLimiting;
using Loyalty.Application.Features.Social.Tiers;
using Loyalty.Contracts.Admin;
using Loyalty.Contracts.Common;
using Loyalty.Contracts.Member;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Loyalty.Api.Endpoints;

/// <summary>Tier standing and progress for members and staff, and the preview of a scheme change.</summary>
public static class TierQualificationEndpoints
{
    public static void MapTierQualificationEndpoints(this IEndpointRouteBuilder app)
    {
        var me = app.MapGroup("/api/v1/me/tier").WithGroupName(OpenApiDocuments.Member).WithTags("Me")
            .RequireAuthorization(AuthSetup.MemberPolicy).RequireRateLimiting(RateLimitSetup.MemberPolicy);
        me.MapGet("/", async Task<Ok<MemberTierResponse>> (ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new GetMyTierQuery(user.GetSubject()), ct)))
            .WithSummary("My tier and my progress")
            .WithDescription("The tier, its benefits, the review date and any grace period, activity in the qualification window, what the next tier and keeping this one take, in numbers and as one sentence.")
            .ProducesProblem(404);
        me.MapGet("/history", async Task<Ok<Page<TierHistoryEntry>>> (int? limit, string? cursor, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new GetMyTierHistoryQuery(user.GetSubject(), limit, cursor), ct)))
            .WithSummary("My tier changes, newest first").WithDescription("Cursor-paginated: pass nextCursor back as cursor.").ProducesProblem(400).ProducesProblem(404);

        var admin = app.MapGroup("/api/v1/admin").WithGroupName(OpenApiDocuments.Admin).WithTags("Tiers").RequireAuthorization(AuthSetup.AdminPolicy);
        admin.MapGet("/members/{memberId:guid}/tier", async Task<Ok<AdminMemberTierResponse>> (Guid memberId, int? limit, string? cursor, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new GetMemberTierQuery(memberId, limit, cursor), ct)))
            .WithSummary("A member's tier, progress and tier history").ProducesProblem(400).ProducesProblem(404);

        var programme = app.MapGroup("/api/v1/admin").WithGroupName(OpenApiDocuments.Admin).WithTags("Tiers").RequireAuthorization(AuthSetup.ProgrammePolicy);
        programme.MapPost("/tier-scheme/preview", async Task<Ok<TierSchemePreviewResponse>> (TierSchemeRequest request, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new PreviewTierSchemeQuery(request), ct)))
            .WithSummary("Preview a tier scheme: how many members would move up or down")
            .WithDescription("Nothing is saved. Members are measured in the new scheme's window ending at effectiveFrom (or now).")
            .ProducesValidationProblem().ProducesProblem(422);
    }
}
