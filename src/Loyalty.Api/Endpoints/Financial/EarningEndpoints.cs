using System.Security.Claims;
using Loyalty.Api.Auth;
using Loyalty.Api.Idempotency;
using Loyalty.Api.OpenApi;
using Loyalty.Application.Features.Financial.Earning;
using Loyalty.Contracts.Admin;
using Loyalty.Contracts.Common;
using Loyalty.Contracts.Partner;
using Loyalty.Domain.Structural.ApiKeys;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Loyalty.Api.Endpoints.Financial;

/// <summary>
/// Earning: rules and campaigns (programme staff) and their dry run, a basket's quote, recording and confirming a
/// purchase at the till, and a recorded purchase for staff.
/// </summary>
public static class EarningEndpoints
{
    /// <summary>How rules combine; also in the README.</summary>
    public const string Stacking =
        "Stacking, in this order: (1) base: each basket line earns from the one base rate that applies to it " +
        "(highest priority, then the most specific, then the newest version); a base rate's points are floor(Σ line amount × rate). " +
        "(2) Multipliers add their extra on top of base points and never compound: the member's tier adds floor(base × (tier multiplier − 1)) " +
        "as the \"tier\" line, and each multiplier rule (campaigns, long-tenure perks) adds floor(base of the lines it matches × (factor − 1)), " +
        "base being the unrounded base of those lines. (3) Fixed bonuses add their points when their trigger fires. " +
        "(4) Each rule's points are rounded down once, on its own line. (5) Caps: a capped rule gives at most what is left of its " +
        "per-member daily and monthly cap (UTC calendar day and month of purchasedAt). (6) Exclusive groups: of the rules sharing an " +
        "exclusiveGroup only the one giving the most points (after caps) applies; ties go to the higher priority, then the newer version. " +
        "All conditions, campaign windows, weekdays and hours are evaluated in UTC at purchasedAt (default: now), against the rules in force now.";

    public static void MapEarningEndpoints(this Audiences api)
    {
        var rules = api.Programme.MapGroup("/earning-rules").WithTags("Earning rules");
        rules.MapGet("/", async Task<Ok<Page<EarningRuleResponse>>> (bool? active, [QueryEnum(typeof(Contracts.Admin.EarningRuleKind))] string? kind, Guid? campaignId, int? limit, string? cursor, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ListEarningRulesQuery(active, kind, campaignId, limit, cursor), ct)))
            .WithSummary("List earning rules (current versions), active first")
            .WithDescription("Filters: active=true|false, kind=BaseRate|Multiplier|FixedBonus, campaignId. Within each group: by priority, specificity, newest change.")
            .ProducesValidationProblem()
            .WithName("ListEarningRules");
        rules.MapGet("/{ruleId:guid}", async Task<Ok<EarningRuleDetailResponse>> (Guid ruleId, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new GetEarningRuleQuery(ruleId), ct)))
            .WithSummary("Get an earning rule with all its versions, newest first").ProducesProblem(404)
            .WithName("GetEarningRule");
        rules.MapPost("/", async Task<Created<EarningRuleResponse>> (EarningRuleRequest request, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            {
                var rule = await sender.Send(new CreateEarningRuleCommand(user.GetActor(), request), ct);
                return TypedResults.Created($"/api/v1/admin/earning-rules/{rule.Id}", rule);
            })
            .WithSummary("Create an earning rule (base rate, multiplier or fixed bonus)")
            .WithDescription("Conditions narrow where a rule applies (minimum spend, tiers, partners, stores, categories/SKUs, minimum membership months); " +
                "caps limit what it gives one member per UTC day/month; campaignId ties it to a campaign's window. Unknown ids are 404 " +
                "(tier_not_found, partner_not_found, store_not_found, campaign_not_found); conditions that can never hold together are 422 contradictory_conditions. " + Stacking)
            .ProducesValidationProblem().ProducesProblem(404).ProducesProblem(409).ProducesProblem(422)
            .WithName("CreateEarningRule");
        rules.MapPut("/{ruleId:guid}", async Task<Ok<EarningRuleResponse>> (Guid ruleId, EarningRuleRequest request, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new UpdateEarningRuleCommand(user.GetActor(), ruleId, request), ct)))
            .WithSummary("Update an earning rule: a new version supersedes the current one")
            .WithDescription("The body is the whole new definition (the kind cannot change). Past purchases keep pointing at the version they earned under. " +
                "A deactivated rule is 409 earning_rule_inactive; a concurrent update of the same rule is 409 earning_rule_changed.")
            .ProducesValidationProblem().ProducesProblem(404).ProducesProblem(409).ProducesProblem(422)
            .WithName("UpdateEarningRule");
        rules.MapPost("/{ruleId:guid}/deactivate", async Task<Ok<EarningRuleResponse>> (Guid ruleId, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new DeactivateEarningRuleCommand(user.GetActor(), ruleId), ct)))
            .WithSummary("Deactivate an earning rule (an inactive version supersedes the current one)").ProducesProblem(404).ProducesProblem(409)
            .WithName("DeactivateEarningRule");
        rules.MapPost("/simulate", async Task<Ok<EarnQuoteResponse>> (SimulateEarningRequest request, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new SimulateEarningQuery(request), ct)))
            .WithSummary("What would this basket earn? (no side effects)")
            .WithDescription("For a member (memberNumber: their tier, birthday, membership age, visits and cap usage count) or a tier (tierId: a brand-new member " +
                "with no purchases, no birthday, enrolled at purchasedAt), at a store. " + Stacking)
            .ProducesValidationProblem().ProducesProblem(404).ProducesProblem(409).ProducesProblem(422)
            .WithName("SimulateEarning");

        var campaigns = api.Programme.MapGroup("/campaigns").WithTags("Campaigns");
        campaigns.MapGet("/", async Task<Ok<Page<CampaignResponse>>> ([QueryEnum(typeof(Contracts.Admin.CampaignStatus))] string? status, int? limit, string? cursor, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ListCampaignsQuery(status, limit, cursor), ct)))
            .WithSummary("List campaigns, latest start first").WithDescription("status=Scheduled|Running|Ended filters by the campaign's window now.")
            .ProducesValidationProblem()
            .WithName("ListCampaigns");
        campaigns.MapGet("/{campaignId:guid}", async Task<Ok<CampaignDetailResponse>> (Guid campaignId, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new GetCampaignQuery(campaignId), ct)))
            .WithSummary("Get a campaign with its rules").ProducesProblem(404)
            .WithName("GetCampaign");
        campaigns.MapPost("/", async Task<Created<CampaignResponse>> (CampaignRequest request, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            {
                var campaign = await sender.Send(new CreateCampaignCommand(user.GetActor(), request), ct);
                return TypedResults.Created($"/api/v1/admin/campaigns/{campaign.Id}", campaign);
            })
            .WithSummary("Create a campaign")
            .WithDescription("All times are UTC: the window is [from, until), weekdays (Monday…Sunday) are UTC weekdays and hours are [fromHour, untilHour) " +
                "of the UTC day. tierIds and partnerIds restrict who and where. Add rules to it with campaignId on an earning rule: they apply only " +
                "while the campaign's conditions hold at the purchase's purchasedAt.")
            .ProducesValidationProblem().ProducesProblem(404)
            .WithName("CreateCampaign");
        campaigns.MapPut("/{campaignId:guid}", async Task<Ok<CampaignResponse>> (Guid campaignId, CampaignRequest request, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new UpdateCampaignCommand(user.GetActor(), campaignId, request), ct)))
            .WithSummary("Update a campaign that has not ended (times in UTC)").WithDescription("An ended campaign is 409 campaign_ended.")
            .ProducesValidationProblem().ProducesProblem(404).ProducesProblem(409)
            .WithName("UpdateCampaign");
        campaigns.MapPost("/{campaignId:guid}/end", async Task<Ok<CampaignResponse>> (Guid campaignId, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new EndCampaignCommand(user.GetActor(), campaignId), ct)))
            .WithSummary("End a campaign now").ProducesProblem(404).ProducesProblem(409)
            .WithName("EndCampaign");

        api.Admin.MapGet("/purchases/{purchaseId:guid}", async Task<Ok<AdminPurchaseResponse>> (Guid purchaseId, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new GetPurchaseQuery(purchaseId), ct)))
            .WithTags("Purchases").WithSummary("Get a recorded purchase with the breakdown it earned, as the rules were then").ProducesProblem(404)
            .WithName("GetPurchase");


        var transactions = api.Partner.MapGroup("/transactions").WithTags("Transactions");
        transactions.MapPost("/quote", async Task<Ok<EarnQuoteResponse>> (QuotePurchaseRequest request, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new QuotePurchaseQuery(user.GetPartnerId(), request), ct)))
            .RequireScope(ApiKeyScopes.PointsEarn)
            .WithSummary("What would this basket earn? (records nothing)")
            .WithDescription("The same calculation as recording the purchase, for one of your stores; nothing is stored and no points move. " + Stacking)
            .ProducesValidationProblem().ProducesProblem(404).ProducesProblem(409).ProducesProblem(422)
            .WithName("QuotePurchase");
        transactions.MapPost("", async Task<Created<PurchaseResponse>> (RecordPurchaseRequest request, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            {
                var purchase = await sender.Send(new RecordPurchaseCommand(user.GetPartnerId(), request), ct);
                return TypedResults.Created($"/api/v1/partner/transactions/{Uri.EscapeDataString(purchase.ExternalId)}", purchase);
            })
            .RequireScope(ApiKeyScopes.PointsEarn).RequireIdempotencyKey()
            .WithSummary("Record a purchase and earn points")
            .WithDescription("Points come from the active earning rules; the breakdown lists each rule's share (rule id and version). Optional lines itemise the basket " +
                "for category and SKU rules; their amounts must add up to amount. A receipt (externalId) earns once. " + Stacking)
            .ProducesValidationProblem().ProducesProblem(404).ProducesProblem(409).ProducesProblem(422)
            .WithName("RecordPurchase");
        transactions.MapPost("/{externalId}/confirm", async Task<Ok<PurchaseConfirmationResponse>> (string externalId, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ConfirmPurchaseCommand(user.GetPartnerId(), externalId), ct)))
            .RequireScope(ApiKeyScopes.PointsEarn).RequireIdempotencyKey()
            .WithSummary("Confirm an order: its pending points become available now")
            .WithDescription("For purchases recorded with awaitConfirmation, or still inside the pending period. Confirming again, or a purchase with nothing pending, is harmless: 200 with pointsConfirmed 0.")
            .ProducesValidationProblem().ProducesProblem(404)
            .WithName("ConfirmPurchase");
    }
}
