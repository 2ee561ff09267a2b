using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Loyalty.Application.Features.Structural.Settlement;
using Loyalty.Contracts.Admin;
using Loyalty.Contracts.Common;
using Loyalty.Contracts.Partner;
using Loyalty.Domain.Common;
using Loyalty.Domain.Structural.ApiKeys;
using Loyalty.Domain.Structural.Outbox;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Loyalty.Api.OpenApi;

/// <summary>
/// A request and a success-response example for every partner operation, keyed by method and route. Built from the
/// contract records, so an example cannot drift from its schema. A test fails for a partner operation without one.
/// </summary>
internal sealed partial class PartnerExamplesFilter : IOperationFilter
{
    private static readonly JsonSerializerOptions Json = WireFormat.CreateOptions();

    // One story across the examples: Anna buys coffee at the Station Road store and pays part of it with points.
    private static readonly Guid Store = Guid.Parse("0193a2f0-6c1e-7b3a-9d5e-2f4c8a1b7e10");
    private static readonly Guid Purchase = Guid.Parse("0193a2f4-1b7c-7e2d-8a4f-5c6d7e8f9a01");
    private static readonly Guid Redemption = Guid.Parse("0193a2f5-3d9e-7c1b-a2e4-6f7a8b9c0d12");
    private static readonly Guid Event = Guid.Parse("0193a2f6-8e2a-7d4c-b5f6-7a8b9c0d1e23");
    private static readonly Guid Reward = Guid.Parse("0193a2f7-0a1b-7c2d-8e3f-4a5b6c7d8e34");
    private static readonly TierSummary Silver = new(Guid.Parse("0193a2e0-0000-7000-8000-000000000002"), "Silver", 1);
    private static readonly DateTimeOffset At = new(2026, 11, 23, 10, 15, 0, TimeSpan.Zero);
    private const string Card = "802417365912";
    private const string Receipt = "R-2026-000123";
    private static readonly string Voucher = VoucherExample("K7QM2XHT9PR");

    private static readonly IReadOnlyList<EarnLineResponse> Breakdown =
    [
        new(EarnLineKind.Base, "1 point per EUR", 42),
        new(EarnLineKind.Multiplier, "Weekend double points ×2", 42, RuleId: Guid.Parse("0193a2f8-4b5c-7d6e-8f70-1a2b3c4d5e6f"), RuleVersion: 1, CampaignId: Guid.Parse("0193a2f8-5c6d-7e8f-9a0b-1c2d3e4f5a45")),
    ];

    private static readonly RedemptionResponse Authorised =
        new(Redemption, Card, Store, RedemptionStatus.Authorised, 500, 500, 0, "R-2026-000124", 1_240, At, At.AddMinutes(15), null);

    private static readonly ReturnResponse Returned =
        new(Guid.Parse("0193a2f9-7e8f-7a0b-8c1d-2e3f4a5b6c56"), "RET-0042", Receipt, 12.50m, "EUR", 25, 0, 0, ReturnPolicy.ReverseWithinAvailable, "Damaged pastry", At.AddDays(1));

    private static readonly PartnerVoucherResponse IssuedVoucher =
        new(Voucher, Reward, "Free coffee", VoucherStatus.Issued, At.AddDays(-3), At.AddDays(27), null, null, null);

    private static readonly ClubEventCheckInResponse CheckedIn =
        new(Guid.Parse("0193a2fa-9a0b-7c1d-9e2f-3a4b5c6d7e67"), Event, Card, "Anna K.", At.AddDays(5), CheckInChannel.Partner, 150, false);

    // The partner's own stores, keys and November statement.
    private static readonly Guid Partner = Guid.Parse("0193a2d0-4b5c-7d6e-8f7a-8b9c0d1e2f01");
    private static readonly Guid TillKey = Guid.Parse("0193a2d1-5c6d-7e7f-9a8b-9c0d1e2f3a02");
    private static readonly Guid RotatedKey = Guid.Parse("0193a2d2-6d7e-7f8a-8b9c-0d1e2f3a4b03");
    private static readonly string[] TillScopes = [ApiKeyScopes.MembersRead, ApiKeyScopes.MembersEnrol, ApiKeyScopes.PointsEarn, ApiKeyScopes.PointsRedeem];

    private static readonly StoreResponse StationRoad = new(Store, Partner, "Station Road", "STATION-RD", "Kraków", true, At.AddYears(-1));

    private static readonly ApiKeyResponse TillKeyInUse =
        new(TillKey, Partner, "Till software", "k7qm2xhtpr", TillScopes, At.AddMonths(-6), null, At.AddMinutes(-1));

    private static readonly SettlementResponse November = Settlement(
        new(Store, "STATION-RD", "Station Road", 18_420, 310, 18_110, 9_600, 181.10m, 96.00m, 85.10m),
        new(Guid.Parse("0193a2d3-7e8f-7a9b-9cad-1e2f3a4b5c04"), "OLD-TOWN", "Old Town", 7_050, 0, 7_050, 11_200, 70.50m, 112.00m, -41.50m));

    // The partner's till back office subscribes to its sales and payments.
    private static readonly Guid Hook = Guid.Parse("0193a2d4-8f9a-7bac-8dbe-2f3a4b5c6d05");
    private static readonly string[] SalesEvents = [EventTypes.PointsEarned, EventTypes.PointsRedeemed, EventTypes.PointsReversed];
    private const string HookSecret = "whsec_3q2+7wRZpYl1kQe9n8V0cXbT5sUaMhGdJfNiOyK4rLw=";

    private static readonly WebhookResponse SalesHook =
        new(Hook, Partner, "https://backoffice.example.com/loyalty/events", "Back office: sales and payments", SalesEvents, true, At.AddDays(-30), At.AddDays(-30));

    private static readonly WebhookDeliveryResponse Delivered =
        new(Guid.Parse("0193a2d5-9a0b-7cbd-9ecf-3a4b5c6d7e06"), Guid.Parse("0193a2d6-0b1c-7dce-8fd0-4b5c6d7e8f07"), EventTypes.PointsEarned,
            WebhookDeliveryStatus.Succeeded, 1, At, 200, null, At, At.AddSeconds(1));

    // Last night's offline sales from the Station Road till, uploaded in the morning.
    private static readonly Guid NightImport = Guid.Parse("0193a2d8-2d3e-7f0a-8b12-6d7e8f9a0b09");
    private static readonly ImportRowRequest[] NightRows =
    [
        new(Card, Store, "OFF-2026-1122-001", 18.40m, "EUR", At.AddHours(-14)),
        new(Card, Store, "OFF-2026-1122-002", 6.90m, "EUR", At.AddHours(-13)),
    ];

    private static readonly ImportResponse Queued = new(NightImport, ImportFormat.Csv, ImportStatus.Queued, 2, 0, 0, 0, 0, 0, At, null, null);

    private static readonly Dictionary<string, (object? Request, (int Status, object Body)[] Responses)> Examples = new()
    {
        ["POST api/v1/partner/members"] = (
            new EnrolMemberRequest(Store, "Anna", "Kowalska", "anna@example.com", "+48 600 100 200", new DateOnly(1990, 4, 12)),
            [(201, new EnrolledMemberResponse(Guid.Parse("0193a2f1-2a3b-7c4d-8e5f-6a7b8c9d0e11"), Card, "Anna K.", new TierSummary(Guid.Parse("0193a2e0-0000-7000-8000-000000000001"), "Bronze", 0), At))]),
        ["GET api/v1/partner/members/{memberNumber}"] = (null, [(200, new MemberLookupResponse(Card, "Anna K.", MemberStatus.Active, Silver, 1_740))]),
        ["POST api/v1/partner/transactions"] = (
            new RecordPurchaseRequest(Card, Store, Receipt, 42.50m, "EUR", At, false, [new("ESP-250", "coffee", 1, 30.00m), new(null, "pastry", 3, 12.50m)]),
            [(201, new PurchaseResponse(Purchase, Receipt, Card, 42.50m, "EUR", 84, Breakdown, 1_740, At))]),
        ["POST api/v1/partner/transactions/quote"] = (
            new QuotePurchaseRequest(Card, Store, 42.50m, "EUR", At, [new("ESP-250", "coffee", 1, 30.00m), new(null, "pastry", 3, 12.50m)]),
            [(200, new EarnQuoteResponse(42.50m, "EUR", At, 84, Breakdown))]),
        ["POST api/v1/partner/transactions/{externalId}/returns"] = (
            new RecordReturnRequest("RET-0042", 12.50m, "Damaged pastry"),
            [(201, Returned)]),
        ["GET api/v1/partner/transactions/{externalId}/returns"] = (null, [(200, new PurchaseReturnsResponse(Receipt, 42.50m, "EUR", 84, 12.50m, 25, 0, [Returned]))]),
        ["POST api/v1/partner/transactions/{externalId}/confirm"] = (null, [(200, new PurchaseConfirmationResponse("WEB-2026-88412", Card, 84, 1_824, At.AddDays(14)))]),
        ["POST api/v1/partner/redemptions"] = (new RedeemPointsRequest(Card, Store, 500, "R-2026-000124"), [(201, Authorised)]),
        ["POST api/v1/partner/redemptions/quote"] = (
            new RedeemPointsRequest(Card, Store, 500, "R-2026-000124"),
            [(200, new RedemptionQuoteResponse(true, 500, 1_740, 1_240, null, null))]),
        ["GET api/v1/partner/redemptions/{id}"] = (null, [(200, Authorised)]),
        ["POST api/v1/partner/redemptions/{id}/capture"] = (
            new CaptureRedemptionRequest(400),
            [(200, Authorised with { Status = RedemptionStatus.Captured, HeldPoints = 0, CapturedPoints = 400, AvailablePoints = 1_340, CompletedAt = At.AddMinutes(2) })]),
        ["POST api/v1/partner/redemptions/{id}/cancel"] = (
            null,
            [(200, Authorised with { Status = RedemptionStatus.Cancelled, HeldPoints = 0, AvailablePoints = 1_740, CompletedAt = At.AddMinutes(2) })]),
        ["GET api/v1/partner/vouchers/{code}"] = (null, [(200, IssuedVoucher)]),
        ["POST api/v1/partner/vouchers/{code}/use"] = (
            new UseVoucherRequest(Store, Receipt),
            [(200, IssuedVoucher with { Status = VoucherStatus.Used, UsedAt = At, UsedAtStoreId = Store, UseReference = Receipt })]),
        ["GET api/v1/partner/club-events"] = (
            null,
            [(200, new Page<PartnerClubEventResponse>([new(Event, "Latte art evening", At.AddDays(5), At.AddDays(5).AddHours(2), Store, ClubEventStatus.Scheduled, 18, 0)], "eyJzIjoiMjAyNi0xMS0yOCJ9"))]),
        ["POST api/v1/partner/club-events/{eventId}/check-ins"] = (
            new PartnerCheckInRequest(Card, Store),
            [(201, CheckedIn), (200, CheckedIn with { AlreadyCheckedIn = true })]),
        ["GET api/v1/partner/stores"] = (null, [(200, new Page<StoreResponse>([StationRoad], null))]),
        ["PATCH api/v1/partner/stores/{storeId}"] = (
            new UpdateStoreRequest("Station Road (platform 1)", null, null),
            [(200, StationRoad with { Name = "Station Road (platform 1)" })]),
        ["GET api/v1/partner/api-keys"] = (null, [(200, new Page<ApiKeyResponse>([TillKeyInUse], null))]),
        ["POST api/v1/partner/api-keys/{keyId}/rotate"] = (
            new RotateApiKeyRequest(1_440),
            [(200, new ApiKeyCreatedResponse(RotatedKey, Partner, "Till software", "p3wn8dq2vz", "lk_p3wn8dq2vz_<shown once: store it in the till's secret store>", TillScopes, At))]),
        ["POST api/v1/partner/api-keys/{keyId}/revoke"] = (null, [(200, TillKeyInUse with { RevokedAt = At })]),
        ["GET api/v1/partner/settlement"] = (null, [(200, November)]),
        ["POST api/v1/partner/webhooks"] = (
            new CreateWebhookRequest(SalesHook.Url, SalesEvents, SalesHook.Description),
            [(201, new WebhookSecretResponse(SalesHook with { CreatedAt = At, UpdatedAt = At }, HookSecret, null))]),
        ["GET api/v1/partner/webhooks"] = (null, [(200, new Page<WebhookResponse>([SalesHook], null))]),
        ["GET api/v1/partner/webhooks/{id}"] = (null, [(200, SalesHook)]),
        ["PATCH api/v1/partner/webhooks/{id}"] = (
            new UpdateWebhookRequest(null, [.. SalesEvents, EventTypes.ClubEventCheckedIn], null, null),
            [(200, SalesHook with { EventTypes = [.. SalesEvents, EventTypes.ClubEventCheckedIn], UpdatedAt = At })]),
        ["POST api/v1/partner/webhooks/{id}/rotate-secret"] = (
            null,
            [(200, new WebhookSecretResponse(SalesHook with { UpdatedAt = At }, "whsec_Vb8nQ1xZ4kT7mR0pL3sW6yH9cF2gJ5dA8eN1uI4oK7q=", At.AddHours(24)))]),
        ["GET api/v1/partner/webhooks/{id}/deliveries"] = (
            null,
            [(200, new Page<WebhookDeliveryResponse>(
                [Delivered, Delivered with { Id = Guid.Parse("0193a2d7-1c2d-7edf-9a01-5c6d7e8f9008"), Status = WebhookDeliveryStatus.Failed, Attempts = 2, NextAttemptAt = At.AddMinutes(2), LastStatusCode = 503, LastError = "HTTP 503 Service Unavailable", DeliveredAt = null }],
                null))]),
        ["POST api/v1/partner/webhooks/{id}/deliveries/{deliveryId}/replay"] = (
            null,
            [(200, Delivered with { Status = WebhookDeliveryStatus.Pending, NextAttemptAt = At.AddHours(1), DeliveredAt = null })]),
        ["POST api/v1/partner/webhooks/{id}/deliveries/replay-dead-letters"] = (null, [(200, new WebhookReplayResponse(3))]),
        ["POST api/v1/partner/imports"] = (
            new ByMediaType(new Dictionary<string, object>
            {
                ["application/json"] = NightRows,
                ["text/csv"] = "memberNumber,storeId,externalId,amount,currency,purchasedAt\r\n"
                    + string.Concat(NightRows.Select(r => $"{r.MemberNumber},{r.StoreId},{r.ExternalId},{r.Amount:0.00},{r.Currency},{r.PurchasedAt:yyyy-MM-ddTHH:mm:ssZ}\r\n")),
            }),
            [(202, Queued)]),
        ["GET api/v1/partner/imports"] = (null, [(200, new Page<ImportResponse>([Queued with { Status = ImportStatus.Completed, Processed = 2, Earned = 1, Points = 18, Rejected = 1, StartedAt = At.AddSeconds(2), CompletedAt = At.AddSeconds(3) }], "MTc2NDM3NDQwMDAwMDAwMDAwMHwwMTkzYTJmNmIxYzA3ZDJlOGYzYTRiNWM2ZDdlOGY5MA"))]),
        ["GET api/v1/partner/imports/{importId}"] = (null, [(200, Queued with { Status = ImportStatus.Running, Processed = 1, Earned = 1, Points = 18, StartedAt = At.AddSeconds(2) })]),
        ["GET api/v1/partner/imports/{importId}/rejected"] = (
            null,
            [(200, "rowNumber,externalId,reasonCode,message\r\n2,OFF-2026-1122-002,store_inactive,The store is closed.\r\n")]),
        ["GET api/v1/partner/settlement.csv"] = (null, [(200, SettlementCsv.Write(November))]),
    };

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        if (context.DocumentName != OpenApiDocuments.Partner
            || !Examples.TryGetValue($"{context.ApiDescription.HttpMethod} {Route(context.ApiDescription.RelativePath)}", out var example))
        {
            return;
        }

        if (example.Request is not null && operation.RequestBody?.Content is { } requestContent)
        {
            foreach (var (mediaType, media) in requestContent)
            {
                var request = example.Request is ByMediaType byMedia ? byMedia.Examples.GetValueOrDefault(mediaType) : example.Request;
                if (request is not null && media is OpenApiMediaType concrete)
                {
                    concrete.Example = JsonSerializer.SerializeToNode(request, request.GetType(), Json);
                }
            }
        }

        foreach (var (status, body) in example.Responses)
        {
            if (operation.Responses?.TryGetValue(status.ToString(System.Globalization.CultureInfo.InvariantCulture), out var response) == true
                && response.Content is { } content)
            {
                foreach (var media in content.Values.OfType<OpenApiMediaType>())
                {
                    media.Example = JsonSerializer.SerializeToNode(body, body.GetType(), Json);
                }
            }
        }
    }

    /// <summary>A request whose example differs by content type (an upload as JSON rows or as a CSV file).</summary>
    private sealed record ByMediaType(IReadOnlyDictionary<string, object> Examples);

    // "api/v1/partner/redemptions/{id:guid}/" → "api/v1/partner/redemptions/{id}"
    private static string Route(string? relativePath) =>
        Constraint().Replace(relativePath ?? "", "}").TrimEnd('/');

    [GeneratedRegex(":[^}]*}")]
    private static partial Regex Constraint();

    private static SettlementResponse Settlement(params SettlementLine[] stores)
    {
        var totals = new SettlementLine(
            null, null, null, stores.Sum(s => s.PointsEarned), stores.Sum(s => s.PointsReversed), stores.Sum(s => s.PointsIssued),
            stores.Sum(s => s.PointsRedeemed), stores.Sum(s => s.IssuedValue), stores.Sum(s => s.RedeemedValue), stores.Sum(s => s.NetAmount));
        var from = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
        return new SettlementResponse(
            Partner, "Café Nowak", from, from.AddMonths(1), 0.01m, "EUR", stores, totals,
            totals.NetAmount >= 0 ? "partner_owes_programme" : "programme_owes_partner", Math.Abs(totals.NetAmount), from.AddMonths(1).AddHours(2));
    }

    internal static string VoucherExample(string payload)
    {
        var code = payload + CheckedCode.CheckCharacter(payload);
        return $"{code[..4]}-{code[4..8]}-{code[8..]}";
    }
}
