using System.Security.Claims;
using Loyalty.Api.Auth;
using Loyalty.Api.Idempotency;
using Loyalty.Application.Features.Financial.Grants;
using Loyalty.Contracts.Admin;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Loyalty.Api.Endpoints.Financial;

/// <summary>Bulk grants of bonus points by staff, credited in the background.</summary>
public static class GrantsEndpoints
{
    public static void MapGrantsEndpoints(this Audiences api)
    {
        var grants = api.Admin.MapGroup("/grants").WithTags("Grants");
        grants.MapPost("/", async Task<Accepted<BulkGrantResponse>> (CreateBulkGrantRequest request, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            {
                var grant = await sender.Send(new CreateBulkGrantCommand(user.GetActor(), request), ct);
                return TypedResults.Accepted($"/api/v1/admin/grants/{grant.Id}", grant);
            })
            .RequireIdempotencyKey()
            .WithSummary("Grant bonus points to up to 10,000 members")
            .WithDescription("Records the grant and answers 202 at once; a background job credits each member once (a Bonus entry referring to the grant). Unknown or invalid member numbers are reported as failures, not refused. Requires an Idempotency-Key. Audited.")
            .ProducesValidationProblem().ProducesProblem(422)
            .WithName("CreateBulkGrant");
        grants.MapGet("/{grantId:guid}", async Task<Ok<BulkGrantResponse>> (Guid grantId, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new GetBulkGrantQuery(grantId), ct)))
            .WithSummary("A bulk grant's progress: credited, failed (with reasons), pending").ProducesProblem(404)
            .WithName("GetBulkGrant");
    }
}
