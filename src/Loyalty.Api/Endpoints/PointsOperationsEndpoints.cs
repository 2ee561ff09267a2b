using System.Security.Claims;
using Loyalty.Api.Auth;
using Loyalty.Api.Idempotency;
using Loyalty.Api.RateLimiting;
using Loyalty.Application.Features.Financial.Expiry;
using Loyalty.Application.Features.Financial.Grants;
using Loyalty.Application.Features.Financial.Reports;
using Loyalty.Contracts.Admin;
using Loyalty.Contracts.Member;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Loyalty.Api.Endpoints;

/// <summary>Expiring points for members, bulk grants for staff, and the liability report.</summary>
public static class PointsOperationsEndpoints
{
    public static void MapPointsOperationsEndpoints(this IEndpointRouteBuilder app)
    {
        var me = app.MapGroup("/api/v1/me").WithGroupName(OpenApiDocuments.Member).WithTags("Me")
            .RequireAuthorization(AuthSetup.MemberPolicy).RequireRateLimiting(RateLimitSetup.MemberPolicy);
        me.MapGet("/points/expiring", async Task<Ok<ExpiringPointsResponse>> (ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new GetMyExpiringPointsQuery(user.GetSubject()), ct)))
            .WithSummary("My points that will expire, by day")
            .WithDescription("Available points with an expiry date, grouped by the UTC day they expire, earliest first. Pending points are not listed until they become available.")
            .ProducesProblem(404);

        var admin = app.MapGroup("/api/v1/admin").WithGroupName(OpenApiDocuments.Admin).RequireAuthorization(AuthSetup.AdminPolicy);
        var grants = admin.MapGroup("/grants").WithTags("Grants");
        grants.MapPost("/", async Task<Accepted<BulkGrantResponse>> (CreateBulkGrantRequest request, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            {
                var grant = await sender.Send(new CreateBulkGrantCommand(user.GetActor(), request), ct);
                return TypedResults.Accepted($"/api/v1/admin/grants/{grant.Id}", grant);
            })
            .RequireIdempotencyKey()
            .WithSummary("Grant bonus points to up to 10,000 members")
            .WithDescription("Records the grant and answers 202 at once; a background job credits each member once (a Bonus entry referring to the grant). Unknown or invalid member numbers are reported as failures, not refused. Requires an Idempotency-Key. Audited.")
            .ProducesValidationProblem().ProducesProblem(422);
        grants.MapGet("/{grantId:guid}", async Task<Ok<BulkGrantResponse>> (Guid grantId, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new GetBulkGrantQuery(grantId), ct)))
            .WithSummary("A bulk grant's progress: credited, failed (with reasons), pending").ProducesProblem(404);

        var reports = app.MapGroup("/api/v1/admin/reports").WithGroupName(OpenApiDocuments.Admin).RequireAuthorization(AuthSetup.ProgrammePolicy).WithTags("Reports");
        reports.MapGet("/liability", async Task<Ok<LiabilityReportResponse>> (DateOnly? from, DateOnly? to, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new GetLiabilityReportQuery(from, to), ct)))
            .WithSummary("Points liability: outstanding points and their value, by tier and expiry month, and movements per month")
            .WithDescription("from/to are UTC dates (yyyy-MM-dd, both included; default: the last 12 calendar months up to today, at most 60 months). Breakage rate = expired ÷ issued.")
            .ProducesValidationProblem();
    }
}
