using System.Security.Claims;
using Loyalty.Api.Auth;
using Loyalty.Api.Idempotency;
using Loyalty.Api.RateLimiting;
using Loyalty.Application.Features.Structural.ApiKeys;
using Loyalty.Application.Features.Structural.Partners;
using Loyalty.Application.Features.Structural.Stores;
using Loyalty.Contracts.Admin;
using Loyalty.Domain.Structural.ApiKeys;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Loyalty.Api.Endpoints;

/// <summary>
/// The partner's back office with a <c>partner:manage</c> key: its own stores and keys only (another partner's ids
/// answer 404). Staff get key rotation and per-partner rate limits under the admin partners routes.
/// </summary>
public static class PartnerSelfServiceEndpoints
{
    private const string RotateDescription =
        "Issues a new key with the same scopes (the secret is shown once) and keeps the old key working for graceMinutes " +
        "(default 1440 = 24 h, at most 10080 = 7 days, 0 = refused at once); then it is refused. A key is rotated once " +
        "(409 api_key_already_rotated): rotate its successor next time.";

    public static void MapPartnerSelfServiceEndpoints(this IEndpointRouteBuilder app)
    {
        var partner = app.MapGroup("/api/v1/partner").WithGroupName(OpenApiDocuments.Partner).RequireRateLimiting(RateLimitSetup.PartnerPolicy)
            .RequireAuthorization(AuthSetup.ScopePolicy(ApiKeyScopes.PartnerManage));

        partner.MapGet("/stores", async Task<Ok<IReadOnlyList<StoreResponse>>> (ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new ListStoresQuery(user.GetPartnerId()), ct)))
            .WithTags("Self-service").WithSummary("My stores");
        partner.MapPatch("/stores/{storeId:guid}", async Task<Ok<StoreResponse>> (Guid storeId, UpdateStoreRequest request, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new UpdateStoreCommand(Actor(user), user.GetPartnerId(), storeId, request), ct)))
            .WithTags("Self-service").WithSummary("Rename, move or close one of my stores (only the fields present change)").RequireIdempotencyKey()
            .ProducesValidationProblem().ProducesProblem(404);
        partner.MapGet("/api-keys", async Task<Ok<IReadOnlyList<ApiKeyResponse>>> (ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new ListApiKeysQuery(user.GetPartnerId()), ct)))
            .WithTags("Self-service").WithSummary("My API keys: prefix, scopes, created, last used (to the minute), expiry after rotation; never secrets");
        partner.MapPost("/api-keys/{keyId:guid}/rotate", async Task<Ok<ApiKeyCreatedResponse>> (Guid keyId, RotateApiKeyRequest? request, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new RotateApiKeyCommand(Actor(user), user.GetPartnerId(), keyId, request?.GraceMinutes, Scopes(user)), ct)))
            .WithTags("Self-service").WithSummary("Rotate one of my API keys").WithDescription(RotateDescription + " The calling key must hold every scope of the key it rotates (403 scope_not_held). " + IdempotencyEndpointExtensions.SecretReplay)
            .RequireIdempotencyKey(responseHoldsSecret: true).ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404).ProducesProblem(422);
        partner.MapPost("/api-keys/{keyId:guid}/revoke", async Task<Ok<ApiKeyResponse>> (Guid keyId, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new RevokeApiKeyCommand(Actor(user), user.GetPartnerId(), keyId), ct)))
            .WithTags("Self-service").WithSummary("Revoke one of my API keys at once").RequireIdempotencyKey().ProducesProblem(404);

        var admin = app.MapGroup("/api/v1/admin/partners").WithGroupName(OpenApiDocuments.Admin).RequireAuthorization(AuthSetup.AdminPolicy);
        admin.MapPost("/{partnerId:guid}/api-keys/{keyId:guid}/rotate", async Task<Ok<ApiKeyCreatedResponse>> (Guid partnerId, Guid keyId, RotateApiKeyRequest? request, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new RotateApiKeyCommand(user.GetActor(), partnerId, keyId, request?.GraceMinutes, null), ct)))
            .WithTags("API keys").WithSummary("Rotate a partner's API key").WithDescription(RotateDescription)
            .ProducesValidationProblem().ProducesProblem(404).ProducesProblem(422);
        admin.MapPut("/{partnerId:guid}/rate-limit", async Task<Ok<PartnerResponse>> (Guid partnerId, PartnerRateLimitRequest request, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new ChangePartnerRateLimitCommand(user.GetActor(), partnerId, request), ct)))
            .WithTags("Partners").WithSummary("Set a partner's requests per second (null = the platform default)")
            .WithDescription("Applies within seconds (the key cache is cleared). Over the limit the partner gets 429 with Retry-After; other partners are not affected. Audited.")
            .ProducesValidationProblem().ProducesProblem(404);
    }

    private static string Actor(ClaimsPrincipal user) => "api_key:" + user.FindFirstValue(LoyaltyClaims.ApiKeyId);

    private static string[] Scopes(ClaimsPrincipal user) => user.FindAll(LoyaltyClaims.Scope).Select(c => c.Value).ToArray();
}
