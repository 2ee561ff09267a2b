using System.Security.Claims;
using Loyalty.Api.Auth;
using Loyalty.Api.Idempotency;
using Loyalty.Application.Features.Financial.Redemptions;
using Loyalty.Contracts.Partner;
using Loyalty.Domain.Structural.ApiKeys;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Loyalty.Api.Endpoints.Financial;

/// <summary>Paying with points at the till: quote (dry run), authorise (hold), capture, cancel.</summary>
public static class RedemptionsEndpoints
{
    public static void MapRedemptionsEndpoints(this Audiences api)
    {
        var redemptions = api.Partner.MapGroup("/redemptions").WithTags("Redemptions");

        redemptions.MapPost("/", async Task<Created<RedemptionResponse>> (RedeemPointsRequest request, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            {
                var redemption = await sender.Send(new AuthoriseRedemptionCommand(user.GetPartnerId(), request), ct);
                return TypedResults.Created($"/api/v1/partner/redemptions/{redemption.RedemptionId}", redemption);
            })
            .RequireScope(ApiKeyScopes.PointsRedeem).RequireIdempotencyKey()
            .WithSummary("Pay with points: authorise (hold the points)")
            .WithDescription("Holds the points until expiresAt (the programme's redemption hold); then capture or cancel. Fails with 422 insufficient_points when the available balance does not cover them; the balance never goes below zero.")
            .ProducesValidationProblem().ProducesProblem(404).ProducesProblem(409).ProducesProblem(422)
            .WithName("AuthoriseRedemption");

        redemptions.MapPost("/quote", async Task<Ok<RedemptionQuoteResponse>> (RedeemPointsRequest request, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new QuoteRedemptionQuery(user.GetPartnerId(), request), ct)))
            .RequireScope(ApiKeyScopes.PointsRedeem)
            .WithSummary("Pay with points: dry run of an authorisation")
            .WithDescription("Same body and checks as authorising, but nothing is held: authorisable, the available points before and after, or the refusal code the authorisation would get (insufficient_points, member_suspended, store_not_found …). No Idempotency-Key needed.")
            .ProducesValidationProblem()
            .WithName("QuoteRedemption");

        redemptions.MapGet("/{id:guid}", async Task<Ok<RedemptionResponse>> (Guid id, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new GetRedemptionQuery(user.GetPartnerId(), id), ct)))
            .RequireScope(ApiKeyScopes.PointsRedeem)
            .WithSummary("Where a payment with points stands")
            .WithDescription("Status authorised, captured, cancelled or expired (an authorisation past expiresAt is expired even before its points are released). Only the partner that authorised it can see it.")
            .ProducesProblem(404)
            .WithName("GetRedemption");

        redemptions.MapPost("/{id:guid}/capture", async Task<Ok<RedemptionResponse>> (Guid id, CaptureRedemptionRequest? request, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new CaptureRedemptionCommand(user.GetPartnerId(), id, request?.Points), ct)))
            .RequireScope(ApiKeyScopes.PointsRedeem).RequireIdempotencyKey()
            .WithSummary("Pay with points: capture all or part of the authorisation")
            .WithDescription("The body is optional: points (at most the authorised points) or everything. The uncaptured rest goes back to the member's lots with their original expiry. 409 redemption_expired, redemption_already_captured or redemption_not_authorised (cancelled) when it can no longer be captured; 422 capture_exceeds_authorisation.")
            .ProducesValidationProblem().ProducesProblem(404).ProducesProblem(409).ProducesProblem(422)
            .WithName("CaptureRedemption");

        redemptions.MapPost("/{id:guid}/cancel", async Task<Ok<RedemptionResponse>> (Guid id, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new CancelRedemptionCommand(user.GetPartnerId(), id), ct)))
            .RequireScope(ApiKeyScopes.PointsRedeem).RequireIdempotencyKey()
            .WithSummary("Pay with points: cancel the authorisation")
            .WithDescription("Every held point goes back to the member. 409 redemption_expired, redemption_already_captured or redemption_already_cancelled when there is nothing to cancel.")
            .ProducesProblem(404).ProducesProblem(409)
            .WithName("CancelRedemption");
    }
}
