using System.Security.Claims;
using Loyalty.Api.Auth;
using Loyalty.Application.Features.Structural.Partners;
using Loyalty.Contracts.Admin;
using Loyalty.Contracts.Common;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Loyalty.Api.Endpoints.Structural;

/// <summary>Partners for staff: create, list, read, update, and their rate limit.</summary>
public static class PartnersEndpoints
{
    public static void MapPartnersEndpoints(this Audiences api)
    {
        var partners = api.Admin.MapGroup("/partners").WithTags("Partners");
        partners.MapPost("/", async Task<Created<PartnerResponse>> (CreatePartnerRequest request, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            {
                var partner = await sender.Send(new CreatePartnerCommand(user.GetActor(), request), ct);
                return TypedResults.Created($"/api/v1/admin/partners/{partner.Id}", partner);
            })
            .WithSummary("Create a partner").ProducesValidationProblem().ProducesProblem(409)
            .WithName("CreatePartner");
        partners.MapGet("/", async Task<Ok<Page<PartnerResponse>>> (int? limit, string? cursor, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new ListPartnersQuery(limit, cursor), ct))).WithSummary("List partners by name")
            .WithName("ListPartners");
        partners.MapGet("/{partnerId:guid}", async Task<Ok<PartnerResponse>> (Guid partnerId, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new GetPartnerQuery(partnerId), ct))).WithSummary("Get a partner").ProducesProblem(404)
            .WithName("GetPartner");
        partners.MapPatch("/{partnerId:guid}", async Task<Ok<PartnerResponse>> (Guid partnerId, UpdatePartnerRequest request, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new UpdatePartnerCommand(user.GetActor(), partnerId, request), ct)))
            .WithSummary("Update a partner (name, contact, status)").ProducesValidationProblem().ProducesProblem(404).ProducesProblem(409)
            .WithName("UpdatePartner");

        partners.MapPut("/{partnerId:guid}/rate-limit", async Task<Ok<PartnerResponse>> (Guid partnerId, PartnerRateLimitRequest request, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new ChangePartnerRateLimitCommand(user.GetActor(), partnerId, request), ct)))
            .WithSummary("Set a partner's requests per second (null = the platform default)")
            .WithDescription("Applies within seconds (the key cache is cleared). Over the limit the partner gets 429 with Retry-After; other partners are not affected. Audited.")
            .ProducesValidationProblem().ProducesProblem(404)
            .WithName("ChangePartnerRateLimit");
    }
}
