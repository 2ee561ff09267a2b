using Loyalty.Api.Auth;
using Loyalty.Application.Features.Customised.KeyAccounts;
using Loyalty.Contracts.Admin;
using Loyalty.Contracts.Common;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Loyalty.Api.Endpoints.Customised;

/// <summary>Key-account files, their interaction logs and the due lists, for the member's account manager and administrators.</summary>
public static class KeyAccountsEndpoints
{
    public static void MapKeyAccountsEndpoints(this Audiences api)
    {
        var staff = api.AccountManagement.MapGroup("").WithTags("Key accounts");
        staff.MapPut("/members/{memberId:guid}/key-account", async Task<Ok<KeyAccountFileResponse>> (Guid memberId, KeyAccountFileRequest request, HttpContext http, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new SaveKeyAccountFileCommand(PortfolioAuthorizationHandler.CallerOf(http), memberId, request), ct)))
            .WithSummary("Open or replace a member's key-account file")
            .WithDescription("Company, contacts, needs, equipment or configuration, agreed terms (service level, credit and payment terms) and the next review date. The interaction log is kept.")
            .ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404).ProducesProblem(422)
            .WithName("SaveKeyAccountFile");
        staff.MapGet("/members/{memberId:guid}/key-account", async Task<Ok<KeyAccountFileResponse>> (Guid memberId, HttpContext http, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new GetKeyAccountFileQuery(PortfolioAuthorizationHandler.CallerOf(http), memberId), ct)))
            .WithSummary("A member's key-account file").ProducesProblem(403).ProducesProblem(404)
            .WithName("GetKeyAccountFile");
        staff.MapPost("/members/{memberId:guid}/key-account/interactions", async Task<Created<InteractionResponse>> (Guid memberId, RecordInteractionRequest request, HttpContext http, ISender sender, CancellationToken ct) =>
            {
                var interaction = await sender.Send(new RecordInteractionCommand(PortfolioAuthorizationHandler.CallerOf(http), memberId, request), ct);
                return TypedResults.Created($"/api/v1/admin/members/{memberId}/key-account/interactions", interaction);
            })
            .WithSummary("Log a call, visit, e-mail or meeting, with its outcome and next step")
            .ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404).ProducesProblem(422)
            .WithName("RecordKeyAccountInteraction");
        staff.MapGet("/members/{memberId:guid}/key-account/interactions", async Task<Ok<Page<InteractionResponse>>> (Guid memberId, int? limit, string? cursor, HttpContext http, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ListInteractionsQuery(PortfolioAuthorizationHandler.CallerOf(http), memberId, limit, cursor), ct)))
            .WithSummary("A key account's interaction log, most recent first").ProducesProblem(403).ProducesProblem(404)
            .WithName("ListKeyAccountInteractions");
        staff.MapPost("/members/{memberId:guid}/key-account/interactions/{interactionId:guid}/complete", async Task<Ok<InteractionResponse>> (Guid memberId, Guid interactionId, HttpContext http, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new CompleteNextStepCommand(PortfolioAuthorizationHandler.CallerOf(http), memberId, interactionId), ct)))
            .WithSummary("Mark an interaction's next step done").ProducesProblem(403).ProducesProblem(404).ProducesProblem(422)
            .WithName("CompleteKeyAccountNextStep");
        staff.MapGet("/portfolio/due-reviews", async Task<Ok<Page<DueReviewResponse>>> (Guid? managerId, int? withinDays, int? limit, string? cursor, HttpContext http, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ListDueReviewsQuery(PortfolioAuthorizationHandler.CallerOf(http), managerId, withinDays, limit, cursor), ct)))
            .WithSummary("Key-account reviews due now (or within withinDays), earliest first")
            .ProducesValidationProblem().ProducesProblem(403)
            .WithName("ListDueKeyAccountReviews");
        staff.MapGet("/portfolio/due-next-steps", async Task<Ok<Page<DueNextStepResponse>>> (Guid? managerId, int? withinDays, int? limit, string? cursor, HttpContext http, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ListDueNextStepsQuery(PortfolioAuthorizationHandler.CallerOf(http), managerId, withinDays, limit, cursor), ct)))
            .WithSummary("Open next steps due now (or within withinDays), earliest first")
            .ProducesValidationProblem().ProducesProblem(403)
            .WithName("ListDueKeyAccountNextSteps");
    }
}
