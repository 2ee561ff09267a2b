using System.Security.Claims;
using Loyalty.Api.Auth;
using Loyalty.Application.Features.Financial.Policies;
using Loyalty.Contracts.Admin;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Loyalty.Api.Endpoints.Financial;

/// <summary>The points policy: pending period, expiry, returns, point value, holds, transfers.</summary>
public static class PoliciesEndpoints
{
    public static void MapPoliciesEndpoints(this Audiences api)
    {
        api.Programme.MapGet("/points-policy", async Task<Ok<PointsPolicyResponse>> (ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new GetPointsPolicyQuery(), ct))).WithTags("Points policy").WithSummary("The points policy: pending period, expiry, returns, point value, holds, transfers")
            .WithName("GetPointsPolicy");
        api.Programme.MapPut("/points-policy", async Task<Ok<PointsPolicyResponse>> (PointsPolicyRequest request, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new ChangePointsPolicyCommand(user.GetActor(), request), ct)))
            .WithTags("Points policy").WithSummary("Change the points policy")
            .WithDescription("Applies to points earned from now on; lots already earned keep their expiry dates. Audited.")
            .ProducesValidationProblem().ProducesProblem(422)
            .WithName("ChangePointsPolicy");
    }
}
