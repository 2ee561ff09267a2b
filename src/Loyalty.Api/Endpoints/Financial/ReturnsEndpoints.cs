using System.Security.Claims;
using Loyalty.Api.Auth;
using Loyalty.Api.Idempotency;
using Loyalty.Application.Features.Financial.Returns;
using Loyalty.Contracts.Partner;
using Loyalty.Domain.Structural.ApiKeys;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Loyalty.Api.Endpoints.Financial;

/// <summary>Returns of recorded purchases: the share of the points they take back.</summary>
public static class ReturnsEndpoints
{
    public static void MapReturnsEndpoints(this Audiences api)
    {
        var transactions = api.Partner.MapGroup("/transactions").WithTags("Transactions");

        transactions.MapPost("/{externalId}/returns", async Task<Created<ReturnResponse>> (string externalId, RecordReturnRequest request, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            {
                var recorded = await sender.Send(new RecordReturnCommand(user.GetPartnerId(), externalId, request), ct);
                return TypedResults.Created($"/api/v1/partner/transactions/{Uri.EscapeDataString(recorded.ExternalId)}/returns", recorded);
            })
            .RequireScope(ApiKeyScopes.PointsEarn).RequireIdempotencyKey()
            .WithSummary("Record a return and take back its share of the points")
            .WithDescription("Takes back floor(points earned × returned amount / purchase amount), counted over all returns of the purchase; amount omitted = everything not yet returned. Pending points go first; the rest follows the programme's return policy (reverse pending only, reverse within the available balance, or allow a negative balance), and what cannot be taken back is reported as written off. returnId is the partner's own id: 409 return_already_recorded when it was used before; 422 return_exceeds_purchase.")
            .ProducesValidationProblem().ProducesProblem(404).ProducesProblem(409).ProducesProblem(422)
            .WithName("RecordReturn");

        transactions.MapGet("/{externalId}/returns", async Task<Ok<PurchaseReturnsResponse>> (string externalId, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ListReturnsQuery(user.GetPartnerId(), externalId), ct)))
            .RequireScope(ApiKeyScopes.PointsEarn)
            .WithSummary("A purchase's returns, with the points they took back")
            .ProducesProblem(404)
            .WithName("ListReturns");
    }
}
