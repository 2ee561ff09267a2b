using System.Security.Claims;
using Loyalty.Api.Auth;
using Loyalty.Api.Idempotency;
using Loyalty.Api.RateLimiting;
using Loyalty.Application.Features.Financial.Earning;
using Loyalty.Application.Features.Social.Members;
using Loyalty.Contracts.Partner;
using Loyalty.Domain.Structural.ApiKeys;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Loyalty.Api.Endpoints;

/// <summary>Partner stores at the till: enrol, look up, earn. Authenticated by API key with scopes.</summary>
public static class PartnerEndpoints
{
    public static void MapPartnerEndpoints(this IEndpointRouteBuilder app)
    {
        var partner = app.MapGroup("/api/v1/partner").WithGroupName(OpenApiDocuments.Partner).RequireRateLimiting(RateLimitSetup.PartnerPolicy);

        partner.MapPost("/members", async Task<Created<EnrolledMemberResponse>> (EnrolMemberRequest request, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            {
                var member = await sender.Send(new EnrolMemberAtStoreCommand(user.GetPartnerId(), request), ct);
                return TypedResults.Created($"/api/v1/partner/members/{member.MemberNumber}", member);
            })
            .RequireAuthorization(AuthSetup.ScopePolicy(ApiKeyScopes.MembersEnrol)).RequireIdempotencyKey()
            .WithTags("Members").WithSummary("Enrol a customer at the till")
            .ProducesValidationProblem().ProducesProblem(404).ProducesProblem(409).ProducesProblem(422);

        partner.MapGet("/members/{memberNumber}", async Task<Ok<MemberLookupResponse>> (string memberNumber, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new LookUpMemberQuery(memberNumber), ct)))
            .RequireAuthorization(AuthSetup.ScopePolicy(ApiKeyScopes.MembersRead))
            .WithTags("Members").WithSummary("Look a member up by card number")
            .WithDescription("Returns what a till may show: display name, tier and available points. A mistyped number fails its check digit with 400 invalid_member_number.")
            .ProducesProblem(400).ProducesProblem(404);

        partner.MapPost("/transactions", async Task<Created<PurchaseResponse>> (RecordPurchaseRequest request, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            {
                var purchase = await sender.Send(new RecordPurchaseCommand(user.GetPartnerId(), request), ct);
                return TypedResults.Created($"/api/v1/partner/transactions/{Uri.EscapeDataString(purchase.ExternalId)}", purchase);
            })
            .RequireAuthorization(AuthSetup.ScopePolicy(ApiKeyScopes.PointsEarn)).RequireIdempotencyKey()
            .WithTags("Transactions").WithSummary("Record a purchase and earn points")
            .WithDescription("Points come from the active earning rules; the breakdown lists each rule's share (rule id and version). Optional lines itemise the basket " +
                "for category and SKU rules; their amounts must add up to amount. A receipt (externalId) earns once. " + EarningEndpoints.Stacking)
            .ProducesValidationProblem().ProducesProblem(404).ProducesProblem(409).ProducesProblem(422);
    }
}
