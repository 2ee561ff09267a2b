using System.Security.Claims;
using Loyalty.Api.Auth;
using Loyalty.Application.Features.Audit;
using Loyalty.Application.Features.Financial.Adjustments;
using Loyalty.Application.Features.Financial.Policies;
using Loyalty.Application.Features.Social.Members;
using Loyalty.Application.Features.Structural.ApiKeys;
using Loyalty.Application.Features.Structural.Partners;
using Loyalty.Application.Features.Structural.Stores;
using Loyalty.Contracts.Admin;
using Loyalty.Contracts.Common;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Loyalty.Api.Endpoints;

/// <summary>Marketing staff and administrators: the programme, partners and their keys, members, the audit log.</summary>
public static class AdminEndpoints
{
    public static void MapAdminEndpoints(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/api/v1/admin").WithGroupName(OpenApiDocuments.Admin).RequireAuthorization(AuthSetup.AdminPolicy);

        var partners = admin.MapGroup("/partners").WithTags("Partners");
        partners.MapPost("/", async Task<Created<PartnerResponse>> (CreatePartnerRequest request, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            {
                var partner = await sender.Send(new CreatePartnerCommand(user.GetActor(), request), ct);
                return TypedResults.Created($"/api/v1/admin/partners/{partner.Id}", partner);
            })
            .WithSummary("Create a partner").ProducesValidationProblem().ProducesProblem(409);
        partners.MapGet("/", async Task<Ok<Page<PartnerResponse>>> (int? limit, string? cursor, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new ListPartnersQuery(limit, cursor), ct))).WithSummary("List partners by name");
        partners.MapGet("/{partnerId:guid}", async Task<Ok<PartnerResponse>> (Guid partnerId, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new GetPartnerQuery(partnerId), ct))).WithSummary("Get a partner").ProducesProblem(404);
        partners.MapPatch("/{partnerId:guid}", async Task<Ok<PartnerResponse>> (Guid partnerId, UpdatePartnerRequest request, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new UpdatePartnerCommand(user.GetActor(), partnerId, request), ct)))
            .WithSummary("Update a partner (name, contact, status)").ProducesValidationProblem().ProducesProblem(404).ProducesProblem(409);

        partners.MapPost("/{partnerId:guid}/stores", async Task<Created<StoreResponse>> (Guid partnerId, CreateStoreRequest request, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            {
                var store = await sender.Send(new CreateStoreCommand(user.GetActor(), partnerId, request), ct);
                return TypedResults.Created($"/api/v1/admin/partners/{partnerId}/stores/{store.Id}", store);
            })
            .WithTags("Stores").WithSummary("Open a store for a partner").ProducesValidationProblem().ProducesProblem(404).ProducesProblem(409);
        partners.MapGet("/{partnerId:guid}/stores", async Task<Ok<IReadOnlyList<StoreResponse>>> (Guid partnerId, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new ListStoresQuery(partnerId), ct))).WithTags("Stores").WithSummary("List a partner's stores").ProducesProblem(404);
        partners.MapPatch("/{partnerId:guid}/stores/{storeId:guid}", async Task<Ok<StoreResponse>> (Guid partnerId, Guid storeId, UpdateStoreRequest request, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new UpdateStoreCommand(user.GetActor(), partnerId, storeId, request), ct)))
            .WithTags("Stores").WithSummary("Update a store (name, city, active)").ProducesValidationProblem().ProducesProblem(404);

        partners.MapPost("/{partnerId:guid}/api-keys", async Task<Created<ApiKeyCreatedResponse>> (Guid partnerId, CreateApiKeyRequest request, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            {
                var key = await sender.Send(new CreateApiKeyCommand(user.GetActor(), partnerId, request), ct);
                return TypedResults.Created($"/api/v1/admin/partners/{partnerId}/api-keys/{key.Id}", key);
            })
            .WithTags("API keys").WithSummary("Issue an API key (the secret is shown once)").ProducesValidationProblem().ProducesProblem(404);
        partners.MapGet("/{partnerId:guid}/api-keys", async Task<Ok<IReadOnlyList<ApiKeyResponse>>> (Guid partnerId, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new ListApiKeysQuery(partnerId), ct))).WithTags("API keys").WithSummary("List a partner's API keys (never their secrets)").ProducesProblem(404);
        partners.MapPost("/{partnerId:guid}/api-keys/{keyId:guid}/revoke", async Task<Ok<ApiKeyResponse>> (Guid partnerId, Guid keyId, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new RevokeApiKeyCommand(user.GetActor(), partnerId, keyId), ct)))
            .WithTags("API keys").WithSummary("Revoke an API key at once").ProducesProblem(404);

        // Programme configuration is open to marketing staff as well as administrators.
        var programme = app.MapGroup("/api/v1/admin").WithGroupName(OpenApiDocuments.Admin).RequireAuthorization(AuthSetup.ProgrammePolicy);
        programme.MapGet("/points-policy", async Task<Ok<PointsPolicyResponse>> (ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new GetPointsPolicyQuery(), ct))).WithTags("Points policy").WithSummary("The points policy: pending period, expiry, returns, point value, holds, transfers");
        programme.MapPut("/points-policy", async Task<Ok<PointsPolicyResponse>> (PointsPolicyRequest request, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new ChangePointsPolicyCommand(user.GetActor(), request), ct)))
            .WithTags("Points policy").WithSummary("Change the points policy")
            .WithDescription("Applies to points earned from now on; lots already earned keep their expiry dates. Audited.")
            .ProducesValidationProblem().ProducesProblem(422);

        var members = admin.MapGroup("/members").WithTags("Members");
        members.MapGet("/", async Task<Ok<Page<AdminMemberResponse>>> (string? query, int? limit, string? cursor, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new SearchMembersQuery(query, limit, cursor), ct)))
            .WithSummary("Search members by member number, e-mail or name").WithDescription("query matches a member number (spaces allowed), an exact e-mail, or the start of a first or last name.");
        members.MapGet("/{memberId:guid}", async Task<Ok<AdminMemberResponse>> (Guid memberId, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new GetMemberQuery(memberId), ct))).WithSummary("Get a member").ProducesProblem(404);
        members.MapPost("/{memberId:guid}/adjustments", async Task<Created<AdjustmentResponse>> (Guid memberId, CreateAdjustmentRequest request, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            {
                var adjustment = await sender.Send(new AdjustPointsCommand(user.GetActor(), memberId, request), ct);
                return TypedResults.Created($"/api/v1/admin/members/{memberId}/adjustments/{adjustment.LedgerEntryId}", adjustment);
            })
            .WithSummary("Credit or debit points manually, with a reason").ProducesValidationProblem().ProducesProblem(404).ProducesProblem(422);

        admin.MapGet("/audit-log", async Task<Ok<Page<AuditLogEntryResponse>>> (string? entityType, string? entityId, int? limit, string? cursor, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new ListAuditLogQuery(entityType, entityId, limit, cursor), ct)))
            .WithTags("Audit log").WithSummary("Read the audit log, newest first");
    }
}
