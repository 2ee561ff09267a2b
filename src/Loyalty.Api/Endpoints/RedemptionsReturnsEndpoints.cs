using System.Security.Claims;
using Loyalty.Api.Auth;
using Loyalty.Api.Idempotency;
using Loyalty.Api.RateLimiting;
using Loyalty.Application.Features.Financial.Earning;
using Loyalty.Application.Features.Financial.Redemptions;
using Loyalty.Application.Features.Financial.Returns;
using Loyalty.Application.Features.Financial.Transfers;
using Loyalty.Contracts.Common;
using Loyalty.Contracts.Member;
using Loyalty.Contracts.Partner;
using Loyalty.Domain.Structural.ApiKeys;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Loyalty.Api.Endpoints;

/// <summary>
/// Points leaving and coming back: paying with points at the till (authorise, capture, cancel), returns and order
/// confirmations of recorded purchases, and transfers between members.
/// </summary>
public static class RedemptionsReturnsEndpoints
{
    public static void MapRedemptionsReturnsEndpoints(this IEndpointRouteBuilder app)
    {
        MapRedemptions(app.MapGroup("/api/v1/partner/redemptions").WithGroupName(OpenApiDocuments.Partner).WithTags("Redemptions").RequireRateLimiting(RateLimitSetup.PartnerPolicy));
        MapPurchaseFollowUps(app.MapGroup("/api/v1/partner/transactions").WithGroupName(OpenApiDocuments.Partner).WithTags("Transactions").RequireRateLimiting(RateLimitSetup.PartnerPolicy));
        MapTransfers(app.MapGroup("/api/v1/me/transfers").WithGroupName(OpenApiDocuments.Member).WithTags("Transfers")
            .RequireAuthorization(AuthSetup.MemberPolicy).RequireRateLimiting(RateLimitSetup.MemberPolicy));
    }

    private static void MapRedemptions(RouteGroupBuilder redemptions)
    {
        var redeem = AuthSetup.ScopePolicy(ApiKeyScopes.PointsRedeem);

        redemptions.MapPost("/", async Task<Created<RedemptionResponse>> (RedeemPointsRequest request, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            {
                var redemption = await sender.Send(new AuthoriseRedemptionCommand(user.GetPartnerId(), request), ct);
                return TypedResults.Created($"/api/v1/partner/redemptions/{redemption.RedemptionId}", redemption);
            })
            .RequireAuthorization(redeem).RequireIdempotencyKey()
            .WithSummary("Pay with points: authorise (hold the points)")
            .WithDescription("Holds the points until expiresAt (the programme's redemption hold); then capture or cancel. Fails with 422 insufficient_points when the available balance does not cover them; the balance never goes below zero.")
            .ProducesValidationProblem().ProducesProblem(404).ProducesProblem(409).ProducesProblem(422);

        redemptions.MapGet("/{id:guid}", async Task<Ok<RedemptionResponse>> (Guid id, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new GetRedemptionQuery(user.GetPartnerId(), id), ct)))
            .RequireAuthorization(redeem)
            .WithSummary("Where a payment with points stands")
            .WithDescription("Status authorised, captured, cancelled or expired (an authorisation past expiresAt is expired even before its points are released). Only the partner that authorised it can see it.")
            .ProducesProblem(404);

        redemptions.MapPost("/{id:guid}/capture", async Task<Ok<RedemptionResponse>> (Guid id, CaptureRedemptionRequest? request, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new CaptureRedemptionCommand(user.GetPartnerId(), id, request?.Points), ct)))
            .RequireAuthorization(redeem).RequireIdempotencyKey()
            .WithSummary("Pay with points: capture all or part of the authorisation")
            .WithDescription("The body is optional: points (at most the authorised points) or everything. The uncaptured rest goes back to the member's lots with their original expiry. 409 redemption_expired, redemption_already_captured or redemption_not_authorised (cancelled) when it can no longer be captured; 422 capture_exceeds_authorisation.")
            .ProducesValidationProblem().ProducesProblem(404).ProducesProblem(409).ProducesProblem(422);

        redemptions.MapPost("/{id:guid}/cancel", async Task<Ok<RedemptionResponse>> (Guid id, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new CancelRedemptionCommand(user.GetPartnerId(), id), ct)))
            .RequireAuthorization(redeem).RequireIdempotencyKey()
            .WithSummary("Pay with points: cancel the authorisation")
            .WithDescription("Every held point goes back to the member. 409 redemption_expired, redemption_already_captured or redemption_already_cancelled when there is nothing to cancel.")
            .ProducesProblem(404).ProducesProblem(409);
    }

    private static void MapPurchaseFollowUps(RouteGroupBuilder transactions)
    {
        var earn = AuthSetup.ScopePolicy(ApiKeyScopes.PointsEarn);

        transactions.MapPost("/{externalId}/returns", async Task<Created<ReturnResponse>> (string externalId, RecordReturnRequest request, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            {
                var recorded = await sender.Send(new RecordReturnCommand(user.GetPartnerId(), externalId, request), ct);
                return TypedResults.Created($"/api/v1/partner/transactions/{Uri.EscapeDataString(recorded.ExternalId)}/returns", recorded);
            })
            .RequireAuthorization(earn).RequireIdempotencyKey()
            .WithSummary("Record a return and take back its share of the points")
            .WithDescription("Takes back floor(points earned × returned amount / purchase amount), counted over all returns of the purchase; amount omitted = everything not yet returned. Pending points go first; the rest follows the programme's return policy (reverse pending only, reverse within the available balance, or allow a negative balance), and what cannot be taken back is reported as written off. returnId is the partner's own id: 409 return_already_recorded when it was used before; 422 return_exceeds_purchase.")
            .ProducesValidationProblem().ProducesProblem(404).ProducesProblem(409).ProducesProblem(422);

        transactions.MapGet("/{externalId}/returns", async Task<Ok<PurchaseReturnsResponse>> (string externalId, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ListReturnsQuery(user.GetPartnerId(), externalId), ct)))
            .RequireAuthorization(earn)
            .WithSummary("A purchase's returns, with the points they took back")
            .ProducesProblem(404);

        transactions.MapPost("/{externalId}/confirm", async Task<Ok<PurchaseConfirmationResponse>> (string externalId, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ConfirmPurchaseCommand(user.GetPartnerId(), externalId), ct)))
            .RequireAuthorization(earn).RequireIdempotencyKey()
            .WithSummary("Confirm an order: its pending points become available now")
            .WithDescription("For purchases recorded with awaitConfirmation, or still inside the pending period. Confirming again, or a purchase with nothing pending, is harmless: 200 with pointsConfirmed 0.")
            .ProducesValidationProblem().ProducesProblem(404);
    }

    private static void MapTransfers(RouteGroupBuilder transfers)
    {
        transfers.MapPost("/", async Task<Created<TransferResponse>> (CreateTransferRequest request, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            {
                var transfer = await sender.Send(new CreateTransferCommand(user.GetSubject(), request), ct);
                return TypedResults.Created($"/api/v1/me/transfers/{transfer.Id}", transfer);
            })
            .WithSummary("Start a points transfer to another member")
            .WithDescription("Nothing moves yet: confirm within 15 minutes (expiresAt). Shows the recipient's display name so you can check who gets the points. 422 transfers_disabled, transfer_limit_exceeded, transfer_monthly_limit_exceeded, transfer_to_self, recipient_not_active, insufficient_points.")
            .ProducesValidationProblem().ProducesProblem(404).ProducesProblem(422);

        transfers.MapGet("/", async Task<Ok<Page<TransferResponse>>> (int? limit, string? cursor, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ListTransfersQuery(user.GetSubject(), limit, cursor), ct)))
            .WithSummary("My transfers, sent and received, newest first")
            .WithDescription("Every transfer you started (any status) and every completed transfer you received. Cursor-paginated: pass nextCursor back as cursor.")
            .ProducesProblem(400).ProducesProblem(404);

        transfers.MapPost("/{id:guid}/confirm", async Task<Ok<TransferResponse>> (Guid id, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ConfirmTransferCommand(user.GetSubject(), id), ct)))
            .RequireIdempotencyKey()
            .WithSummary("Confirm a transfer: the points move")
            .WithDescription("The points keep their expiry dates. Limits are checked again: 422 transfer_monthly_limit_exceeded, insufficient_points, member_suspended, recipient_not_active; 409 transfer_expired, transfer_already_completed, transfer_cancelled.")
            .ProducesProblem(404).ProducesProblem(409).ProducesProblem(422);

        transfers.MapPost("/{id:guid}/cancel", async Task<Ok<TransferResponse>> (Guid id, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new CancelTransferCommand(user.GetSubject(), id), ct)))
            .WithSummary("Cancel a transfer before confirming it")
            .ProducesProblem(404).ProducesProblem(409);
    }
}
