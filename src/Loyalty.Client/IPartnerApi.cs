using Loyalty.Contracts.Admin;
using Loyalty.Contracts.Common;
using Loyalty.Contracts.Partner;
using Refit;

namespace Loyalty.Client;

/// <summary>
/// The partner (till and e-commerce) API. Calls are authenticated with an <c>X-Api-Key</c> header that
/// <see cref="ApiKeyHandler"/> adds, so it is not a parameter here.
/// </summary>
/// <remarks>
/// Every method throws <see cref="LoyaltyApiException"/> when the API answers with an error status.
/// Writes take an <c>Idempotency-Key</c>: create one with <see cref="IdempotencyKeys.New"/> per operation and
/// send the same key again when retrying that operation, so a retry never enrols, earns or redeems twice.
/// </remarks>
[PathPrefix("/api/v1/partner")]
public interface IPartnerApi
{
    /// <summary>Enrols a member at the till.</summary>
    /// <exception cref="LoyaltyApiException">The API rejected the request.</exception>
    [Post("/members")]
    Task<EnrolledMemberResponse> EnrolMemberAsync(
        [Body] EnrolMemberRequest request,
        [Header("Idempotency-Key")] string idempotencyKey,
        CancellationToken cancellationToken = default);

    /// <summary>Looks up a member by the number on their card, with only what a till may show.</summary>
    /// <exception cref="LoyaltyApiException">The member was not found or the request was rejected.</exception>
    [Get("/members/{memberNumber}")]
    Task<MemberLookupResponse> GetMemberAsync(string memberNumber, CancellationToken cancellationToken = default);

    /// <summary>Records a purchase and earns points on it.</summary>
    /// <exception cref="LoyaltyApiException">The API rejected the request.</exception>
    [Post("/transactions")]
    Task<PurchaseResponse> RecordPurchaseAsync(
        [Body] RecordPurchaseRequest request,
        [Header("Idempotency-Key")] string idempotencyKey,
        CancellationToken cancellationToken = default);

    /// <summary>What a basket would earn for a member at one of the partner's stores; records nothing.</summary>
    /// <exception cref="LoyaltyApiException">The API rejected the request.</exception>
    [Post("/transactions/quote")]
    Task<EarnQuoteResponse> QuotePurchaseAsync([Body] QuotePurchaseRequest request, CancellationToken cancellationToken = default);

    /// <summary>
    /// A dry run of <see cref="AuthoriseRedemptionAsync"/>: whether it would succeed and what would remain, or the
    /// refusal code it would get. Nothing is held, so it needs no Idempotency-Key.
    /// </summary>
    /// <exception cref="LoyaltyApiException">The API rejected the request (e.g. <c>validation_failed</c>).</exception>
    [Post("/redemptions/quote")]
    Task<RedemptionQuoteResponse> QuoteRedemptionAsync([Body] RedeemPointsRequest request, CancellationToken cancellationToken = default);

    /// <summary>Pays with points, first step: authorises the payment, holding the points until it is captured or cancelled.</summary>
    /// <exception cref="LoyaltyApiException">
    /// The API rejected the request, e.g. with <see cref="LoyaltyApiException.Code"/> <c>insufficient_points</c>.
    /// </exception>
    [Post("/redemptions")]
    Task<RedemptionResponse> AuthoriseRedemptionAsync(
        [Body] RedeemPointsRequest request,
        [Header("Idempotency-Key")] string idempotencyKey,
        CancellationToken cancellationToken = default);

    /// <summary>Checks a voucher a customer shows: reward, status (Issued, Used, Expired) and expiry.</summary>
    /// <exception cref="LoyaltyApiException">The code is mistyped (<c>invalid_voucher_code</c>) or unknown (<c>voucher_not_found</c>).</exception>
    [Get("/vouchers/{code}")]
    Task<PartnerVoucherResponse> GetVoucherAsync(string code, CancellationToken cancellationToken = default);

    /// <summary>Honours a voucher at one of the partner's stores; a voucher is used once.</summary>
    /// <exception cref="LoyaltyApiException">
    /// The API refused, e.g. with <see cref="LoyaltyApiException.Code"/> <c>voucher_already_used</c> or <c>voucher_expired</c>.
    /// </exception>
    [Post("/vouchers/{code}/use")]
    Task<PartnerVoucherResponse> UseVoucherAsync(
        string code,
        [Body] UseVoucherRequest request,
        [Header("Idempotency-Key")] string idempotencyKey,
        CancellationToken cancellationToken = default);

    /// <summary>Captures all (<paramref name="request"/> null or without points) or part of an authorised payment.</summary>
    /// <exception cref="LoyaltyApiException">
    /// The API rejected the request, e.g. <c>redemption_expired</c> or <c>redemption_already_captured</c>.
    /// </exception>
    [Post("/redemptions/{redemptionId}/capture")]
    Task<RedemptionResponse> CaptureRedemptionAsync(
        Guid redemptionId,
        [Body] CaptureRedemptionRequest? request,
        [Header("Idempotency-Key")] string idempotencyKey,
        CancellationToken cancellationToken = default);

    /// <summary>Cancels an authorised payment; the held points go back to the member.</summary>
    /// <exception cref="LoyaltyApiException">The API rejected the request, e.g. <c>redemption_already_captured</c>.</exception>
    [Post("/redemptions/{redemptionId}/cancel")]
    Task<RedemptionResponse> CancelRedemptionAsync(
        Guid redemptionId,
        [Header("Idempotency-Key")] string idempotencyKey,
        CancellationToken cancellationToken = default);

    /// <summary>Gets where a payment with points stands.</summary>
    /// <exception cref="LoyaltyApiException">The redemption was not found (or belongs to another partner).</exception>
    [Get("/redemptions/{redemptionId}")]
    Task<RedemptionResponse> GetRedemptionAsync(Guid redemptionId, CancellationToken cancellationToken = default);

    /// <summary>Records a return of a purchase; the member loses the returned share of the points it earned.</summary>
    /// <exception cref="LoyaltyApiException">
    /// The API rejected the request, e.g. <c>return_already_recorded</c> or <c>return_exceeds_purchase</c>.
    /// </exception>
    [Post("/transactions/{externalId}/returns")]
    Task<ReturnResponse> RecordReturnAsync(
        string externalId,
        [Body] RecordReturnRequest request,
        [Header("Idempotency-Key")] string idempotencyKey,
        CancellationToken cancellationToken = default);

    /// <summary>Gets a purchase's returns.</summary>
    /// <exception cref="LoyaltyApiException">The purchase was not found.</exception>
    [Get("/transactions/{externalId}/returns")]
    Task<PurchaseReturnsResponse> GetReturnsAsync(string externalId, CancellationToken cancellationToken = default);

    /// <summary>Confirms an order: the points it earned stop being pending.</summary>
    /// <exception cref="LoyaltyApiException">The purchase was not found.</exception>
    [Post("/transactions/{externalId}/confirm")]
    Task<PurchaseConfirmationResponse> ConfirmPurchaseAsync(
        string externalId,
        [Header("Idempotency-Key")] string idempotencyKey,
        CancellationToken cancellationToken = default);

    /// <summary>Gets one page of the club events the partner hosts that are still open for check-in, soonest first.</summary>
    /// <exception cref="LoyaltyApiException">The API rejected the request.</exception>
    [Get("/club-events")]
    Task<Page<PartnerClubEventResponse>> GetClubEventsAsync(
        [Query] int? limit = null,
        [Query] string? cursor = null,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// Checks a registered member in at an event the partner hosts; the event's points are credited once. A member already
    /// checked in is answered with that check-in (<see cref="ClubEventCheckInResponse.AlreadyCheckedIn"/>).
    /// </summary>
    /// <exception cref="LoyaltyApiException">
    /// The API refused, e.g. <c>not_registered</c> (walk-ins are not checked in), <c>registration_waitlisted</c>,
    /// <c>check_in_not_open</c>, <c>club_event_wrong_store</c> or <c>club_event_not_found</c> (not an event the partner hosts).
    /// </exception>
    [Post("/club-events/{eventId}/check-ins")]
    Task<ClubEventCheckInResponse> CheckInAtClubEventAsync(
        Guid eventId,
        [Body] PartnerCheckInRequest request,
        [Header("Idempotency-Key")] string idempotencyKey,
        CancellationToken cancellationToken = default);

    /// <summary>The partner's own stores (needs the <c>partner:manage</c> scope, like the calls below).</summary>
    [Get("/stores")]
    Task<Page<StoreResponse>> ListStoresAsync(int? limit = null, string? cursor = null, CancellationToken cancellationToken = default);

    /// <summary>Renames, moves or closes one of the partner's stores; only the fields present change.</summary>
    /// <exception cref="LoyaltyApiException">Not one of this partner's stores (<c>store_not_found</c>) or invalid.</exception>
    [Patch("/stores/{storeId}")]
    Task<StoreResponse> UpdateStoreAsync(Guid storeId, [Body] UpdateStoreRequest request, [Header("Idempotency-Key")] string idempotencyKey, CancellationToken cancellationToken = default);

    /// <summary>The partner's API keys (never their secrets), with last use and expiry after rotation.</summary>
    [Get("/api-keys")]
    Task<Page<ApiKeyResponse>> ListApiKeysAsync(int? limit = null, string? cursor = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Issues a successor with the same scopes (its secret is in the answer, once); the old key keeps working for the
    /// grace period (default 24 h, at most 7 days). A retry with the same key gets the same secret back.
    /// </summary>
    /// <exception cref="LoyaltyApiException">E.g. <c>api_key_already_rotated</c>, <c>scope_not_held</c>, <c>api_key_not_found</c>.</exception>
    [Post("/api-keys/{keyId}/rotate")]
    Task<ApiKeyCreatedResponse> RotateApiKeyAsync(Guid keyId, [Body] RotateApiKeyRequest request, [Header("Idempotency-Key")] string idempotencyKey, CancellationToken cancellationToken = default);

    /// <summary>Revokes one of the partner's API keys at once.</summary>
    [Post("/api-keys/{keyId}/revoke")]
    Task<ApiKeyResponse> RevokeApiKeyAsync(Guid keyId, [Header("Idempotency-Key")] string idempotencyKey, CancellationToken cancellationToken = default);

    /// <summary>The settlement for [from, to) in UTC: points issued and redeemed per store, their value and the net owed.</summary>
    [Get("/settlement")]
    Task<SettlementResponse> GetSettlementAsync([Query(Format = "O")] DateTimeOffset from, [Query(Format = "O")] DateTimeOffset to, CancellationToken cancellationToken = default);

    /// <summary>The same settlement as CSV (one row per store, then TOTAL).</summary>
    [Get("/settlement.csv")]
    Task<string> GetSettlementCsvAsync([Query(Format = "O")] DateTimeOffset from, [Query(Format = "O")] DateTimeOffset to, CancellationToken cancellationToken = default);

    /// <summary>Subscribes a URL to this partner's events; the signing secret in the answer is shown only now (check deliveries with <see cref="WebhookSignature"/>).</summary>
    /// <exception cref="LoyaltyApiException">The API rejected the request.</exception>
    [Post("/webhooks")]
    Task<WebhookSecretResponse> CreateWebhookAsync([Body] CreateWebhookRequest request, [Header("Idempotency-Key")] string idempotencyKey, CancellationToken cancellationToken = default);

    /// <summary>This partner's webhook subscriptions.</summary>
    [Get("/webhooks")]
    Task<Page<WebhookResponse>> ListWebhooksAsync(int? limit = null, string? cursor = null, CancellationToken cancellationToken = default);

    /// <summary>One of this partner's webhook subscriptions.</summary>
    /// <exception cref="LoyaltyApiException">Not found (or another partner's).</exception>
    [Get("/webhooks/{id}")]
    Task<WebhookResponse> GetWebhookAsync(Guid id, CancellationToken cancellationToken = default);

    /// <summary>Changes a subscription's URL, event types, description or active flag.</summary>
    [Patch("/webhooks/{id}")]
    Task<WebhookResponse> UpdateWebhookAsync(Guid id, [Body] UpdateWebhookRequest request, [Header("Idempotency-Key")] string idempotencyKey, CancellationToken cancellationToken = default);

    /// <summary>Deletes a subscription and its delivery log.</summary>
    [Delete("/webhooks/{id}")]
    Task DeleteWebhookAsync(Guid id, [Header("Idempotency-Key")] string idempotencyKey, CancellationToken cancellationToken = default);

    /// <summary>Issues a new signing secret; the old one keeps signing until previousSecretExpiresAt.</summary>
    [Post("/webhooks/{id}/rotate-secret")]
    Task<WebhookSecretResponse> RotateWebhookSecretAsync(Guid id, [Header("Idempotency-Key")] string idempotencyKey, CancellationToken cancellationToken = default);

    /// <summary>A subscription's delivery log, newest first; status filters (pending, delivering, succeeded, failed, deadLettered).</summary>
    [Get("/webhooks/{id}/deliveries")]
    Task<Page<WebhookDeliveryResponse>> ListWebhookDeliveriesAsync(Guid id, string? status = null, int? limit = null, string? cursor = null, CancellationToken cancellationToken = default);

    /// <summary>Sends one delivery again (same webhook-id).</summary>
    [Post("/webhooks/{id}/deliveries/{deliveryId}/replay")]
    Task<WebhookDeliveryResponse> ReplayWebhookDeliveryAsync(Guid id, Guid deliveryId, [Header("Idempotency-Key")] string idempotencyKey, CancellationToken cancellationToken = default);

    /// <summary>Sends every dead-lettered delivery of a subscription again.</summary>
    [Post("/webhooks/{id}/deliveries/replay-dead-letters")]
    Task<WebhookReplayResponse> ReplayWebhookDeadLettersAsync(Guid id, [Header("Idempotency-Key")] string idempotencyKey, CancellationToken cancellationToken = default);

    /// <summary>
    /// Uploads a file of offline purchases, e.g. <c>new StringContent(csv, Encoding.UTF8, "text/csv")</c>: up to 100,000 rows
    /// (memberNumber,storeId,externalId,amount,currency,purchasedAt). Earned in the background; poll <see cref="GetImportAsync"/>.
    /// </summary>
    /// <exception cref="LoyaltyApiException">The file was refused whole, e.g. <c>malformed_file</c> or <c>too_many_rows</c>; nothing was stored.</exception>
    [Post("/imports")]
    Task<ImportResponse> UploadImportAsync([Body] HttpContent file, [Header("Idempotency-Key")] string idempotencyKey, CancellationToken cancellationToken = default);

    /// <summary>Uploads offline purchases as JSON rows (same rules as <see cref="UploadImportAsync"/>).</summary>
    /// <exception cref="LoyaltyApiException">The file was refused whole; nothing was stored.</exception>
    [Post("/imports")]
    Task<ImportResponse> UploadImportRowsAsync([Body] IReadOnlyList<ImportRowRequest> rows, [Header("Idempotency-Key")] string idempotencyKey, CancellationToken cancellationToken = default);

    /// <summary>Your latest imports, newest first.</summary>
    [Get("/imports")]
    Task<Page<ImportResponse>> ListImportsAsync(int? limit = null, string? cursor = null, CancellationToken cancellationToken = default);

    /// <summary>An import's progress.</summary>
    /// <exception cref="LoyaltyApiException"><c>import_not_found</c>.</exception>
    [Get("/imports/{importId}")]
    Task<ImportResponse> GetImportAsync(Guid importId, CancellationToken cancellationToken = default);

    /// <summary>The rejected rows of an import as CSV (rowNumber,externalId,reasonCode,message).</summary>
    /// <exception cref="LoyaltyApiException"><c>import_not_found</c>.</exception>
    [Get("/imports/{importId}/rejected")]
    Task<string> GetRejectedRowsAsync(Guid importId, CancellationToken cancellationToken = default);

    /// <summary>Finds a card by an exact e-mail or phone (scope members:lookup); answers the member id and card number only.</summary>
    /// <exception cref="LoyaltyApiException"><c>member_not_found</c>, <c>contact_ambiguous</c> or <c>validation_failed</c>.</exception>
    [Post("/members/lookup")]
    Task<PartnerMemberLookupResponse> LookUpMemberByContactAsync([Body] PartnerMemberLookupRequest request, CancellationToken cancellationToken = default);

    /// <summary>Records consents the customer gave or withdrew at the till (scope members:consents, source till).</summary>
    /// <exception cref="LoyaltyApiException">The API rejected the request.</exception>
    [Post("/members/{memberNumber}/consents")]
    Task RecordConsentsAsync(
        string memberNumber,
        [Body] RecordTillConsentsRequest request,
        [Header("Idempotency-Key")] string idempotencyKey,
        CancellationToken cancellationToken = default);

    /// <summary>Gets this partner's own attributes of a member (scope members:attributes); other partners' are never included.</summary>
    /// <exception cref="LoyaltyApiException">The API rejected the request.</exception>
    [Get("/members/{memberNumber}/attributes")]
    Task<PartnerAttributesResponse> GetMemberAttributesAsync(string memberNumber, CancellationToken cancellationToken = default);

    /// <summary>Sets or removes (null value) this partner's own attributes of a member (scope members:attributes).</summary>
    /// <exception cref="LoyaltyApiException">The API rejected the request.</exception>
    [Put("/members/{memberNumber}/attributes")]
    Task<PartnerAttributesResponse> SetMemberAttributesAsync(
        string memberNumber,
        [Body] SetPartnerAttributesRequest request,
        [Header("Idempotency-Key")] string idempotencyKey,
        CancellationToken cancellationToken = default);

    /// <summary>Opens a service case for a member at one of this partner's stores (scope cases:open, channel till).</summary>
    /// <exception cref="LoyaltyApiException"><c>store_not_found</c> (not one of your stores), <c>member_not_found</c>, <c>case_purchase_not_found</c> or <c>validation_failed</c>.</exception>
    [Post("/cases")]
    Task<PartnerCaseResponse> OpenCaseAsync([Body] PartnerOpenCaseRequest request, [Header("Idempotency-Key")] string idempotencyKey, CancellationToken cancellationToken = default);
}
