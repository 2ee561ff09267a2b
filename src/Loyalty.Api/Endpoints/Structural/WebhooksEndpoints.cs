using System.Security.Claims;
using Loyalty.Api.Auth;
using Loyalty.Api.Idempotency;
using Loyalty.Api.OpenApi;
using Loyalty.Application.Features.Structural.Webhooks;
using Loyalty.Contracts.Admin;
using Loyalty.Contracts.Common;
using Loyalty.Contracts.Partner;
using Loyalty.Domain.Structural.ApiKeys;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Loyalty.Api.Endpoints.Structural;

/// <summary>
/// Webhook subscriptions, their delivery log and replays: staff for any subscription, a partner for its own.
/// A partner's writes take an Idempotency-Key; where the answer holds the signing secret its stored replay is encrypted.
/// </summary>
public static class WebhooksEndpoints
{
    private const string Tag = "Webhooks";
    private const string Signing = "Deliveries are signed the Standard Webhooks way (webhook-id, webhook-timestamp, webhook-signature); see the README, section Webhooks.";

    public static void MapWebhooksEndpoints(this Audiences api)
    {
        var admin = api.Admin.MapGroup("/webhooks").WithTags(Tag);
        admin.MapPost("/", async Task<Created<WebhookSecretResponse>> (CreateAdminWebhookRequest request, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            {
                var created = await sender.Send(new CreateWebhookCommand(Staff(user), request.PartnerId, new CreateWebhookRequest(request.Url, request.EventTypes, request.Description)), ct);
                return TypedResults.Created($"/api/v1/admin/webhooks/{created.Webhook.Id}", created);
            })
            .WithSummary("Subscribe a URL to events (one partner's, or all)").WithDescription("The secret is shown once. " + Signing)
            .ProducesValidationProblem().ProducesProblem(404)
            .WithName("AdminCreateWebhook");
        admin.MapGet("/", async Task<Ok<Page<WebhookResponse>>> (Guid? partnerId, int? limit, string? cursor, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new ListWebhooksQuery(Staff(user), partnerId, limit, cursor), ct))).WithSummary("List webhook subscriptions")
            .WithName("AdminListWebhooks");
        MapCommon(admin, "Admin", Staff, idempotent: false);

        var partner = api.Partner.MapGroup("/webhooks").RequireScope(ApiKeyScopes.WebhooksManage).WithTags(Tag);
        partner.MapPost("/", async Task<Created<WebhookSecretResponse>> (CreateWebhookRequest request, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            {
                var created = await sender.Send(new CreateWebhookCommand(Partner(user), null, request), ct);
                return TypedResults.Created($"/api/v1/partner/webhooks/{created.Webhook.Id}", created);
            })
            .WithSummary("Subscribe a URL to this partner's events").WithDescription("Events about purchases, redemptions and the like at this partner only. The secret is shown once. " + Signing + " " + IdempotencyEndpointExtensions.SecretReplay)
            .RequireIdempotencyKey(responseHoldsSecret: true).ProducesValidationProblem()
            .WithName("PartnerCreateWebhook");
        partner.MapGet("/", async Task<Ok<Page<WebhookResponse>>> (int? limit, string? cursor, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new ListWebhooksQuery(Partner(user), null, limit, cursor), ct))).WithSummary("List this partner's webhook subscriptions")
            .WithName("PartnerListWebhooks");
        MapCommon(partner, "Partner", Partner, idempotent: true);
    }

    // audience prefixes the operation names, which are unique across the documents.
    private static void MapCommon(RouteGroupBuilder group, string audience, Func<ClaimsPrincipal, WebhookOwner> owner, bool idempotent)
    {
        group.MapGet("/{id:guid}", async Task<Ok<WebhookResponse>> (Guid id, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new GetWebhookQuery(owner(user), id), ct))).WithSummary("Get a webhook subscription").ProducesProblem(404)
            .WithName(audience + "GetWebhook");
        Write(group.MapPatch("/{id:guid}", async Task<Ok<WebhookResponse>> (Guid id, UpdateWebhookRequest request, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new UpdateWebhookCommand(owner(user), id, request), ct)))
            .WithSummary("Change a subscription's URL, event types, description or active flag").ProducesValidationProblem().ProducesProblem(404).ProducesProblem(422)
            .WithName(audience + "UpdateWebhook"), idempotent);
        Write(group.MapDelete("/{id:guid}", async Task<NoContent> (Guid id, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            {
                await sender.Send(new DeleteWebhookCommand(owner(user), id), ct);
                return TypedResults.NoContent();
            })
            .WithSummary("Delete a subscription and its delivery log").ProducesProblem(404)
            .WithName(audience + "DeleteWebhook"), idempotent);
        Write(group.MapPost("/{id:guid}/rotate-secret", async Task<Ok<WebhookSecretResponse>> (Guid id, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new RotateWebhookSecretCommand(owner(user), id), ct)))
            .WithSummary("Issue a new signing secret").WithDescription("The old secret keeps signing too (a second v1 signature) until previousSecretExpiresAt.").ProducesProblem(404)
            .WithName(audience + "RotateWebhookSecret"), idempotent, responseHoldsSecret: true);
        group.MapGet("/{id:guid}/deliveries", async Task<Ok<Page<WebhookDeliveryResponse>>> (Guid id, [QueryEnum(typeof(Contracts.Partner.WebhookDeliveryStatus))] string? status, int? limit, string? cursor, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new ListWebhookDeliveriesQuery(owner(user), id, status, limit, cursor), ct)))
            .WithSummary("The delivery log, newest first").WithDescription("status: pending, delivering, succeeded, failed or deadLettered.").ProducesProblem(400).ProducesProblem(404)
            .WithName(audience + "ListWebhookDeliveries");
        Write(group.MapPost("/{id:guid}/deliveries/{deliveryId:guid}/replay", async Task<Ok<WebhookDeliveryResponse>> (Guid id, Guid deliveryId, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new ReplayWebhookDeliveryCommand(owner(user), id, deliveryId), ct)))
            .WithSummary("Send a delivery again").WithDescription("With the same webhook-id, so a receiver that already has it can drop it.").ProducesProblem(404).ProducesProblem(422)
            .WithName(audience + "ReplayWebhookDelivery"), idempotent);
        Write(group.MapPost("/{id:guid}/deliveries/replay-dead-letters", async Task<Ok<WebhookReplayResponse>> (Guid id, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new ReplayDeadLettersCommand(owner(user), id), ct)))
            .WithSummary("Send every dead-lettered delivery again").ProducesProblem(404)
            .WithName(audience + "ReplayDeadLetters"), idempotent);
    }

    private static void Write(RouteHandlerBuilder endpoint, bool idempotent, bool responseHoldsSecret = false)
    {
        if (idempotent)
        {
            endpoint.RequireIdempotencyKey(responseHoldsSecret);
        }
    }

    private static WebhookOwner Staff(ClaimsPrincipal user) => new(user.GetActor(), null);

    private static WebhookOwner Partner(ClaimsPrincipal user) => new(user.GetActor(), user.GetPartnerId());
}
