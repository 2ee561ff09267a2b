using System.Security.Claims;
using Loyalty.Api.Auth;
using Loyalty.Application.Features.Financial.Adjustments;
using Loyalty.Contracts.Admin;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Loyalty.Api.Endpoints.Financial;

/// <summary>Manual credits and debits of a member's points by staff.</summary>
public static class AdjustmentsEndpoints
{
    public static void MapAdjustmentsEndpoints(this Audiences api)
    {
        api.Admin.MapPost("/members/{memberId:guid}/adjustments", async Task<Created<AdjustmentResponse>> (Guid memberId, CreateAdjustmentRequest request, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            {
                var adjustment = await sender.Send(new AdjustPointsCommand(user.GetActor(), memberId, request), ct);
                return TypedResults.Created($"/api/v1/admin/members/{memberId}/adjustments/{adjustment.LedgerEntryId}", adjustment);
            })
            .WithTags("Members").WithSummary("Credit or debit points manually, with a reason").ProducesValidationProblem().ProducesProblem(404).ProducesProblem(422)
            .WithName("AdjustPoints");
    }
}
