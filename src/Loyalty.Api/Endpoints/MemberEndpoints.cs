using System.Security.Claims;
using Loyalty.Api.Auth;
using Loyalty.Api.RateLimiting;
using Loyalty.Application.Features.Social.Members;
using Loyalty.Contracts.Common;
using Loyalty.Contracts.Member;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Loyalty.Api.Endpoints;

/// <summary>The mobile app. The token's subject is the member: nobody can ask for someone else's data.</summary>
public static class MemberEndpoints
{
    public static void MapMemberEndpoints(this IEndpointRouteBuilder app)
    {
        var me = app.MapGroup("/api/v1/me").WithGroupName(OpenApiDocuments.Member).WithTags("Me")
            .RequireAuthorization(AuthSetup.MemberPolicy).RequireRateLimiting(RateLimitSetup.MemberPolicy);

        me.MapPost("/", async Task<Created<MemberProfileResponse>> (SelfEnrolRequest request, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
                TypedResults.Created("/api/v1/me", await sender.Send(new SelfEnrolCommand(user.GetSubject(), request), ct)))
            .WithSummary("Join the club from the app").ProducesValidationProblem().ProducesProblem(409);
        me.MapGet("/", async Task<Ok<MemberProfileResponse>> (ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new GetMyProfileQuery(user.GetSubject()), ct))).WithSummary("My profile").ProducesProblem(404);
        me.MapGet("/points", async Task<Ok<PointsBalanceResponse>> (ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new GetMyBalanceQuery(user.GetSubject()), ct))).WithSummary("My points balance").ProducesProblem(404);
        me.MapGet("/points/history", async Task<Ok<Page<PointsHistoryEntry>>> (int? limit, string? cursor, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new GetMyHistoryQuery(user.GetSubject(), limit, cursor), ct)))
            .WithSummary("My points history, newest first").WithDescription("Cursor-paginated: pass nextCursor back as cursor.").ProducesProblem(400).ProducesProblem(404);
    }
}
