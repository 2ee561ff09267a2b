using System.Security.Claims;
using Loyalty.Api.Auth;
using Loyalty.Api.Idempotency;
using Loyalty.Application.Features.Financial.Transfers;
using Loyalty.Contracts.Common;
using Loyalty.Contracts.Member;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Loyalty.Api.Endpoints.Financial;

/// <summary>Points transfers between members: start, confirm, cancel, list.</summary>
public static class TransfersEndpoints
{
    public static void MapTransfersEndpoints(this Audiences api)
    {
        var transfers = api.Member.MapGroup("/transfers").WithTags("Transfers");

        transfers.MapPost("/", async Task<Created<TransferResponse>> (CreateTransferRequest request, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            {
                var transfer = await sender.Send(new CreateTransferCommand(user.GetSubject(), request), ct);
                return TypedResults.Created($"/api/v1/me/transfers/{transfer.Id}", transfer);
            })
            .WithSummary("Start a points transfer to another member")
            .WithDescription("Nothing moves yet: confirm within 15 minutes (expiresAt). Shows the recipient's display name so you can check who gets the points. 422 transfers_disabled, transfer_limit_exceeded, transfer_monthly_limit_exceeded, transfer_to_self, recipient_not_active, insufficient_points.")
            .ProducesValidationProblem().ProducesProblem(404).ProducesProblem(422)
            .WithName("CreateTransfer");

        transfers.MapGet("/", async Task<Ok<Page<TransferResponse>>> (int? limit, string? cursor, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ListTransfersQuery(user.GetSubject(), limit, cursor), ct)))
            .WithSummary("My transfers, sent and received, newest first")
            .WithDescription("Every transfer you started (any status) and every completed transfer you received. Cursor-paginated: pass nextCursor back as cursor.")
            .ProducesProblem(400).ProducesProblem(404)
            .WithName("ListTransfers");

        transfers.MapPost("/{id:guid}/confirm", async Task<Ok<TransferResponse>> (Guid id, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ConfirmTransferCommand(user.GetSubject(), id), ct)))
            .RequireIdempotencyKey()
            .WithSummary("Confirm a transfer: the points move")
            .WithDescription("The points keep their expiry dates. Limits are checked again: 422 transfer_monthly_limit_exceeded, insufficient_points, member_suspended, recipient_not_active; 409 transfer_expired, transfer_already_completed, transfer_cancelled.")
            .ProducesProblem(404).ProducesProblem(409).ProducesProblem(422)
            .WithName("ConfirmTransfer");

        transfers.MapPost("/{id:guid}/cancel", async Task<Ok<TransferResponse>> (Guid id, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new CancelTransferCommand(user.GetSubject(), id), ct)))
            .WithSummary("Cancel a transfer before confirming it")
            .ProducesProblem(404).ProducesProblem(409)
            .WithName("CancelTransfer");
    }
}
