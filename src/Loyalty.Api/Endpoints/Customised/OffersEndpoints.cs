using System.Security.Claims;
using Loyalty.Api.Auth;
using Loyalty.Application.Features.Customised.Offers;
using Loyalty.Contracts.Admin;
using Loyalty.Contracts.Common;
using Loyalty.Contracts.Member;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Loyalty.Api.Endpoints.Customised;

/// <summary>Personal offers: drafted, published and measured by marketing; listed and activated by the members they target.</summary>
public static class OffersEndpoints
{
    private const string Tag = "Personal offers";

    public static void MapOffersEndpoints(this Audiences api)
    {
        MapAdmin(api.Programme.MapGroup("/offers").WithTags(Tag));
        MapMember(api.Member.MapGroup("/offers").WithTags(Tag));
    }

    private static void MapAdmin(RouteGroupBuilder offers)
    {
        offers.MapPost("/", async Task<Created<PersonalOfferResponse>> (PersonalOfferRequest request, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            {
                var created = await sender.Send(new CreatePersonalOfferCommand(user.GetActor(), request), ct);
                return TypedResults.Created($"/api/v1/admin/offers/{created.Id}", created);
            })
            .WithSummary("Draft a personal offer for named members")
            .WithDescription("benefit.kind bonusPoints (bonusPoints), multiplier (factor above 1 with one category or one sku; extra points on those basket lines' base points) or voucher (rewardId: the reward's voucher, free). memberIds names the audience (at most 10,000). controlShare (0 to 0.5) of them is held out at random on publication. The window includes startsAt and excludes endsAt (UTC). 422 invalid_offer, unknown_member, reward_not_found. Audited.")
            .ProducesValidationProblem().ProducesProblem(422)
            .WithName("CreatePersonalOffer");
        offers.MapGet("/", async Task<Ok<Page<PersonalOfferResponse>>> (int? limit, string? cursor, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new ListPersonalOffersQuery(limit, cursor), ct)))
            .WithSummary("List personal offers, newest first")
            .WithDescription("Cursor-paginated: pass nextCursor back as cursor.")
            .ProducesProblem(400)
            .WithName("ListPersonalOffers");
        offers.MapGet("/{offerId:guid}", async Task<Ok<PersonalOfferResponse>> (Guid offerId, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new GetPersonalOfferQuery(offerId), ct)))
            .WithSummary("Get a personal offer").ProducesProblem(404)
            .WithName("GetPersonalOffer");
        offers.MapPut("/{offerId:guid}", async Task<Ok<PersonalOfferResponse>> (Guid offerId, PersonalOfferRequest request, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new UpdatePersonalOfferCommand(user.GetActor(), offerId, request), ct)))
            .WithSummary("Replace a draft offer's terms and audience")
            .WithDescription("The whole draft is sent. A published or withdrawn offer is fixed: 422 offer_not_draft. Audited.")
            .ProducesValidationProblem().ProducesProblem(404).ProducesProblem(422)
            .WithName("UpdatePersonalOffer");
        offers.MapPost("/{offerId:guid}/publish", async Task<Ok<PersonalOfferResponse>> (Guid offerId, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new PublishPersonalOfferCommand(user.GetActor(), offerId), ct)))
            .WithSummary("Publish a draft offer")
            .WithDescription("Fixes the audience: every active named member is recorded in the treatment or the control group (controlShare of them, chosen at random and stored); control members never see or get the offer. Sends offer.published. 422 offer_not_draft, invalid_offer (the window is over). Audited.")
            .ProducesProblem(404).ProducesProblem(422)
            .WithName("PublishPersonalOffer");
        offers.MapPost("/{offerId:guid}/withdraw", async Task<Ok<PersonalOfferResponse>> (Guid offerId, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new WithdrawPersonalOfferCommand(user.GetActor(), offerId), ct)))
            .WithSummary("Withdraw a published offer")
            .WithDescription("Members no longer see it and purchases no longer use it; points already earned stay. 422 offer_not_published. Audited.")
            .ProducesProblem(404).ProducesProblem(422)
            .WithName("WithdrawPersonalOffer");
        offers.MapGet("/{offerId:guid}/report", async Task<Ok<PersonalOfferReportResponse>> (Guid offerId, string? currency, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new GetPersonalOfferReportQuery(offerId, currency), ct)))
            .WithSummary("An offer's performance: treated members against the control group")
            .WithDescription("Reach (treated members), activations, redeemers and redemptions, points awarded, and per group the members' spend (in currency, default the tier programme's spend currency, net of returns) and visits in the offer's window up to now, with per-member averages; incremental* is treatment minus control per member. 422 offer_not_published for a draft.")
            .ProducesValidationProblem().ProducesProblem(404).ProducesProblem(422)
            .WithName("GetPersonalOfferReport");
    }

    private static void MapMember(RouteGroupBuilder me)
    {
        me.MapGet("/", async Task<Ok<Page<MemberOfferResponse>>> (int? limit, string? cursor, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new ListMyOffersQuery(user.GetSubject(), limit, cursor), ct)))
            .WithSummary("My personal offers open now, ending soonest first")
            .WithDescription("Each with its benefit, whether it needs activating and whether I did, and the uses I have left. Cursor-paginated.")
            .ProducesProblem(400).ProducesProblem(404)
            .WithName("ListMyOffers");
        me.MapPost("/{offerId:guid}/activate", async Task<Ok<MemberOfferResponse>> (Guid offerId, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new ActivateMyOfferCommand(user.GetSubject(), offerId), ct)))
            .WithSummary("Activate (clip) one of my offers")
            .WithDescription("No body. From now on my purchases use it. Activating again answers the same offer (idempotent). 404 offer_not_found for an offer not made to me or not open now.")
            .ProducesProblem(404)
            .WithName("ActivateMyOffer");
    }
}
