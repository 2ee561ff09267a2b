using System.Security.Claims;
using Loyalty.Api.Auth;
using Loyalty.Api.Idempotency;
using Loyalty.Application.Features.Financial.Rewards;
using Loyalty.Contracts.Admin;
using Loyalty.Contracts.Common;
using Loyalty.Contracts.Member;
using Loyalty.Contracts.Partner;
using Loyalty.Domain.Structural.ApiKeys;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Loyalty.Api.Endpoints.Financial;

/// <summary>The rewards catalogue (staff), redeeming rewards for vouchers (app), and honouring vouchers (tills).</summary>
public static class RewardsEndpoints
{
    public static void MapRewardsEndpoints(this Audiences api)
    {
        MapAdmin(api.Programme);
        MapMember(api.Member);
        MapPartner(api.Partner);
    }

    private static void MapAdmin(RouteGroupBuilder programme)
    {
        var rewards = programme.MapGroup("/rewards").WithTags("Rewards");

        rewards.MapPost("/", async Task<Created<RewardResponse>> (CreateRewardRequest request, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            {
                var reward = await sender.Send(new CreateRewardCommand(user.GetActor(), request), ct);
                return TypedResults.Created($"/api/v1/admin/rewards/{reward.Id}", reward);
            })
            .WithSummary("Add a reward to the catalogue")
            .WithDescription("stock and perMemberLimit null mean unlimited; availableFrom/availableUntil null leave the window open on that side; eligibleTierIds empty means every tier. Names are unique (409 reward_name_taken); an unknown tier id is 422 unknown_tier. Audited.")
            .ProducesValidationProblem().ProducesProblem(409).ProducesProblem(422)
            .WithName("CreateReward");
        rewards.MapGet("/", async Task<Ok<Page<RewardResponse>>> (int? limit, string? cursor, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new ListRewardsQuery(limit, cursor), ct)))
            .WithSummary("List rewards by name, active or not").WithDescription("Cursor-paginated: pass nextCursor back as cursor.").ProducesProblem(400)
            .WithName("ListRewards");
        rewards.MapGet("/{rewardId:guid}", async Task<Ok<RewardResponse>> (Guid rewardId, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new GetRewardQuery(rewardId), ct)))
            .WithSummary("Get a reward").ProducesProblem(404)
            .WithName("GetReward");
        rewards.MapPatch("/{rewardId:guid}", async Task<Ok<RewardResponse>> (Guid rewardId, UpdateRewardRequest request, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new UpdateRewardCommand(user.GetActor(), rewardId, request), ct)))
            .WithSummary("Change a reward")
            .WithDescription("A merge patch: only the fields sent change. Sending stock, perMemberLimit, availableFrom or availableUntil as null removes that limit; eligibleTierIds [] opens the reward to every tier; isActive false withdraws it from the catalogue. Vouchers already issued are not affected. Audited.")
            .ProducesValidationProblem().ProducesProblem(404).ProducesProblem(409).ProducesProblem(422)
            .WithName("UpdateReward");
    }

    private static void MapMember(RouteGroupBuilder me)
    {
        me.MapGet("/rewards", async Task<Ok<Page<RewardOfferResponse>>> (int? limit, string? cursor, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new GetMyRewardsQuery(user.GetSubject(), limit, cursor), ct)))
            .WithTags("Rewards").WithSummary("The rewards I can redeem now, cheapest first")
            .WithDescription("Active rewards inside their availability window that my tier may redeem, each with whether I can afford it, how many more I may redeem (remainingForYou, null when unlimited) and whether a redeem would pass now (canRedeem). Cursor-paginated.")
            .ProducesProblem(400).ProducesProblem(404)
            .WithName("GetMyRewards");
        me.MapPost("/rewards/{rewardId:guid}/redeem", async Task<Created<RewardRedemptionResponse>> (Guid rewardId, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            {
                var redemption = await sender.Send(new RedeemRewardCommand(user.GetSubject(), rewardId), ct);
                return TypedResults.Created($"/api/v1/me/vouchers/{redemption.Voucher.Code}", redemption);
            })
            .RequireIdempotencyKey()
            .WithTags("Rewards").WithSummary("Redeem a reward for a voucher")
            .WithDescription("Takes the reward's points and issues a voucher to show at a partner's till. No body. Refusals: 404 reward_not_found; 422 reward_unavailable (inactive or outside its window), reward_not_eligible (not offered to my tier), reward_out_of_stock, reward_limit_reached (per-member limit), insufficient_points, member_suspended.")
            .ProducesProblem(400).ProducesProblem(404).ProducesProblem(409).ProducesProblem(422)
            .WithName("RedeemReward");
        me.MapGet("/vouchers", async Task<Ok<Page<VoucherResponse>>> (int? limit, string? cursor, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new ListMyVouchersQuery(user.GetSubject(), limit, cursor), ct)))
            .WithTags("Vouchers").WithSummary("My vouchers, newest first")
            .WithDescription("Status is Issued (usable), Used or Expired. Cursor-paginated: pass nextCursor back as cursor.")
            .ProducesProblem(400).ProducesProblem(404)
            .WithName("ListMyVouchers");
        me.MapGet("/vouchers/{code}", async Task<Ok<VoucherResponse>> (string code, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new GetMyVoucherQuery(user.GetSubject(), code), ct)))
            .WithTags("Vouchers").WithSummary("One of my vouchers by code")
            .WithDescription("The code may be sent with or without dashes, in any case. A mistyped code is 400 invalid_voucher_code; a code that is not mine is 404 voucher_not_found.")
            .ProducesProblem(400).ProducesProblem(404)
            .WithName("GetMyVoucher");
    }

    private static void MapPartner(RouteGroupBuilder partnerApi)
    {
        var partner = partnerApi.MapGroup("").WithTags("Vouchers");
        partner.MapGet("/vouchers/{code}", async Task<Ok<PartnerVoucherResponse>> (string code, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new LookUpVoucherQuery(user.GetPartnerId(), code), ct)))
            .RequireScope(ApiKeyScopes.PointsRedeem)
            .WithSummary("Check a voucher a customer shows")
            .WithDescription("Reward name, status (Issued = usable, Used, Expired) and expiry. The code may be typed with or without dashes, in any case; a mistyped code fails its check character with 400 invalid_voucher_code.")
            .ProducesProblem(400).ProducesProblem(404)
            .WithName("LookUpVoucher");
        partner.MapPost("/vouchers/{code}/use", async Task<Ok<PartnerVoucherResponse>> (string code, UseVoucherRequest request, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new UseVoucherCommand(user.GetPartnerId(), code, request), ct)))
            .RequireScope(ApiKeyScopes.PointsRedeem).RequireIdempotencyKey()
            .WithSummary("Honour a voucher at one of your stores")
            .WithDescription("Marks the voucher used, once: 409 voucher_already_used if it was, 422 voucher_expired after its expiry. The store must be one of yours (404 store_not_found, 409 store_inactive).")
            .ProducesValidationProblem().ProducesProblem(404).ProducesProblem(409).ProducesProblem(422)
            .WithName("UseVoucher");
    }
}
