using System.Security.Claims;
using Loyalty.Api.Auth;
using Loyalty.Api.Idempotency;
using Loyalty.Application.Features.Structural.ApiKeys;
using Loyalty.Contracts.Admin;
using Loyalty.Contracts.Common;
using Loyalty.Domain.Structural.ApiKeys;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Loyalty.Api.Endpoints.Structural;

/// <summary>
/// API keys: issued, listed, rotated and revoked by staff for a partner; the partner's own keys with a partner:manage
/// key (another partner's ids answer 404).
/// </summary>
public static class ApiKeysEndpoints
{
    private const string RotateDescription =
        "Issues a new key with the same scopes (the secret is shown once) and keeps the old key working for graceMinutes " +
        "(default 1440 = 24 h, at most 10080 = 7 days, 0 = refused at once); then it is refused. A key is rotated once " +
        "(409 api_key_already_rotated): rotate its successor next time.";

    public static void MapApiKeysEndpoints(this Audiences api)
    {
        var admin = api.Admin.MapGroup("/partners").WithTags("API keys");
        admin.MapPost("/{partnerId:guid}/api-keys", async Task<Created<ApiKeyCreatedResponse>> (Guid partnerId, CreateApiKeyRequest request, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            {
                var key = await sender.Send(new CreateApiKeyCommand(user.GetActor(), partnerId, request), ct);
                return TypedResults.Created($"/api/v1/admin/partners/{partnerId}/api-keys/{key.Id}", key);
            })
            .WithSummary("Issue an API key (the secret is shown once)").ProducesValidationProblem().ProducesProblem(404)
            .WithName("CreateApiKey");
        admin.MapGet("/{partnerId:guid}/api-keys", async Task<Ok<Page<ApiKeyResponse>>> (Guid partnerId, int? limit, string? cursor, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new ListApiKeysQuery(partnerId, limit, cursor), ct))).WithSummary("List a partner's API keys (never their secrets)").ProducesProblem(404)
            .WithName("AdminListApiKeys");
        admin.MapPost("/{partnerId:guid}/api-keys/{keyId:guid}/revoke", async Task<Ok<ApiKeyResponse>> (Guid partnerId, Guid keyId, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new RevokeApiKeyCommand(user.GetActor(), partnerId, keyId), ct)))
            .WithSummary("Revoke an API key at once").ProducesProblem(404)
            .WithName("AdminRevokeApiKey");
        admin.MapPost("/{partnerId:guid}/api-keys/{keyId:guid}/rotate", async Task<Ok<ApiKeyCreatedResponse>> (Guid partnerId, Guid keyId, RotateApiKeyRequest? request, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new RotateApiKeyCommand(user.GetActor(), partnerId, keyId, request?.GraceMinutes, null), ct)))
            .WithSummary("Rotate a partner's API key").WithDescription(RotateDescription + " " + IdempotencyEndpointExtensions.SecretReplay)
            .RequireIdempotencyKey(responseHoldsSecret: true).ProducesValidationProblem().ProducesProblem(404).ProducesProblem(422)
            .WithName("AdminRotateApiKey");
        var partner = api.Partner.MapGroup("").RequireScope(ApiKeyScopes.PartnerManage).WithTags("Self-service");
        partner.MapGet("/api-keys", async Task<Ok<Page<ApiKeyResponse>>> (int? limit, string? cursor, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new ListApiKeysQuery(user.GetPartnerId(), limit, cursor), ct)))
            .WithSummary("My API keys: prefix, scopes, created, last used (to the minute), expiry after rotation; never secrets")
            .WithName("PartnerListApiKeys");
        partner.MapPost("/api-keys/{keyId:guid}/rotate", async Task<Ok<ApiKeyCreatedResponse>> (Guid keyId, RotateApiKeyRequest? request, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new RotateApiKeyCommand(user.GetApiKeyActor(), user.GetPartnerId(), keyId, request?.GraceMinutes, user.GetScopes()), ct)))
            .WithSummary("Rotate one of my API keys").WithDescription(RotateDescription + " The calling key must hold every scope of the key it rotates (403 scope_not_held). " + IdempotencyEndpointExtensions.SecretReplay)
            .RequireIdempotencyKey(responseHoldsSecret: true).ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404).ProducesProblem(422)
            .WithName("PartnerRotateApiKey");
        partner.MapPost("/api-keys/{keyId:guid}/revoke", async Task<Ok<ApiKeyResponse>> (Guid keyId, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new RevokeApiKeyCommand(user.GetApiKeyActor(), user.GetPartnerId(), keyId), ct)))
            .WithSummary("Revoke one of my API keys at once").RequireIdempotencyKey().ProducesProblem(404)
            .WithName("PartnerRevokeApiKey");
    }
}
