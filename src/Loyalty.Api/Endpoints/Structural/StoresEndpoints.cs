using System.Security.Claims;
using Loyalty.Api.Auth;
using Loyalty.Api.Idempotency;
using Loyalty.Application.Features.Structural.Stores;
using Loyalty.Contracts.Admin;
using Loyalty.Contracts.Common;
using Loyalty.Domain.Structural.ApiKeys;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Loyalty.Api.Endpoints.Structural;

/// <summary>Stores: opened and managed by staff for a partner; the partner's own stores with a partner:manage key.</summary>
public static class StoresEndpoints
{
    public static void MapStoresEndpoints(this Audiences api)
    {
        var admin = api.Admin.MapGroup("/partners").WithTags("Stores");
        admin.MapPost("/{partnerId:guid}/stores", async Task<Created<StoreResponse>> (Guid partnerId, CreateStoreRequest request, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            {
                var store = await sender.Send(new CreateStoreCommand(user.GetActor(), partnerId, request), ct);
                return TypedResults.Created($"/api/v1/admin/partners/{partnerId}/stores/{store.Id}", store);
            })
            .WithSummary("Open a store for a partner").ProducesValidationProblem().ProducesProblem(404).ProducesProblem(409)
            .WithName("CreateStore");
        admin.MapGet("/{partnerId:guid}/stores", async Task<Ok<Page<StoreResponse>>> (Guid partnerId, int? limit, string? cursor, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new ListStoresQuery(partnerId, limit, cursor), ct))).WithSummary("List a partner's stores").ProducesProblem(404)
            .WithName("AdminListStores");
        admin.MapPatch("/{partnerId:guid}/stores/{storeId:guid}", async Task<Ok<StoreResponse>> (Guid partnerId, Guid storeId, UpdateStoreRequest request, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new UpdateStoreCommand(user.GetActor(), partnerId, storeId, request), ct)))
            .WithSummary("Update a store (name, city, active)").ProducesValidationProblem().ProducesProblem(404)
            .WithName("AdminUpdateStore");

        var partner = api.Partner.MapGroup("").RequireScope(ApiKeyScopes.PartnerManage).WithTags("Self-service");
        partner.MapGet("/stores", async Task<Ok<Page<StoreResponse>>> (int? limit, string? cursor, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new ListStoresQuery(user.GetPartnerId(), limit, cursor), ct)))
            .WithSummary("My stores")
            .WithName("PartnerListStores");
        partner.MapPatch("/stores/{storeId:guid}", async Task<Ok<StoreResponse>> (Guid storeId, UpdateStoreRequest request, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new UpdateStoreCommand(user.GetApiKeyActor(), user.GetPartnerId(), storeId, request), ct)))
            .WithSummary("Rename, move or close one of my stores (only the fields present change)").RequireIdempotencyKey()
            .ProducesValidationProblem().ProducesProblem(404)
            .WithName("PartnerUpdateStore");
    }
}
