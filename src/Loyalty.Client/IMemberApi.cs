using Loyalty.Contracts.Common;
using Loyalty.Contracts.Member;
using Refit;

namespace Loyalty.Client;

/// <summary>
/// The member (mobile app) API. The member is whoever the bearer token's subject is; the token is added by
/// <see cref="BearerTokenHandler"/> or, for a caller-supplied <see cref="HttpClient"/>, by Refit's authorization getter.
/// </summary>
/// <remarks>Every method throws <see cref="LoyaltyApiException"/> when the API answers with an error status.</remarks>
[PathPrefix("/api/v1")]
[Headers("Authorization: Bearer")]
public interface IMemberApi
{
    /// <summary>Enrols the token's subject as a member.</summary>
    /// <exception cref="LoyaltyApiException">The API rejected the request, e.g. the subject is already a member.</exception>
    [Post("/me")]
    Task<MemberProfileResponse> EnrolAsync([Body] SelfEnrolRequest request, CancellationToken cancellationToken = default);

    /// <summary>Gets the signed-in member's profile.</summary>
    /// <exception cref="LoyaltyApiException">The API rejected the request.</exception>
    [Get("/me")]
    Task<MemberProfileResponse> GetProfileAsync(CancellationToken cancellationToken = default);

    /// <summary>Gets the tier ladder: every tier, what it takes and gives, and which one is the signed-in member's.</summary>
    /// <exception cref="LoyaltyApiException">The API rejected the request.</exception>
    [Get("/me/tiers")]
    Task<TierLadderResponse> GetTierLadderAsync(CancellationToken cancellationToken = default);

    /// <summary>Gets the signed-in member's points balance.</summary>
    /// <exception cref="LoyaltyApiException">The API rejected the request.</exception>
    [Get("/me/points")]
    Task<PointsBalanceResponse> GetPointsBalanceAsync(CancellationToken cancellationToken = default);

    /// <summary>Gets the signed-in member's available points that will expire, by day, earliest first.</summary>
    /// <exception cref="LoyaltyApiException">The API rejected the request.</exception>
    [Get("/me/points/expiring")]
    Task<ExpiringPointsResponse> GetExpiringPointsAsync(CancellationToken cancellationToken = default);

    /// <summary>Gets one page of the signed-in member's points history.</summary>
    /// <param name="limit">Page size; null lets the API choose.</param>
    /// <param name="cursor"><see cref="Page{T}.NextCursor"/> of the previous page; null for the first page.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <exception cref="LoyaltyApiException">The API rejected the request.</exception>
    [Get("/me/points/history")]
    Task<Page<PointsHistoryEntry>> GetPointsHistoryAsync(
        [Query] int? limit = null,
        [Query] string? cursor = null,
        CancellationToken cancellationToken = default);

    /// <summary>Gets the signed-in member's referral code, the programme's terms, the rewards still open this month and year, and one page of the friends they referred.</summary>
    /// <param name="limit">Page size of the referrals; null lets the API choose.</param>
    /// <param name="cursor"><see cref="Page{T}.NextCursor"/> of the previous page of referrals; null for the first page.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <exception cref="LoyaltyApiException">The API rejected the request.</exception>
    [Get("/me/referrals")]
    Task<MyReferralsResponse> GetReferralsAsync(
        [Query] int? limit = null,
        [Query] string? cursor = null,
        CancellationToken cancellationToken = default);

    /// <summary>Gets one page of the rewards the signed-in member can redeem now, cheapest first.</summary>
    /// <param name="limit">Page size; null lets the API choose.</param>
    /// <param name="cursor"><see cref="Page{T}.NextCursor"/> of the previous page; null for the first page.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <exception cref="LoyaltyApiException">The API rejected the request.</exception>
    [Get("/me/rewards")]
    Task<Page<RewardOfferResponse>> GetRewardsAsync(
        [Query] int? limit = null,
        [Query] string? cursor = null,
        CancellationToken cancellationToken = default);

    /// <summary>Redeems a reward: takes its points and issues a voucher.</summary>
    /// <param name="rewardId">The reward, from <see cref="GetRewardsAsync"/>.</param>
    /// <param name="idempotencyKey">One key per redemption (<see cref="IdempotencyKeys.New"/>); send it again when retrying, so a retry never redeems twice.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <exception cref="LoyaltyApiException">
    /// The API refused, e.g. with <see cref="LoyaltyApiException.Code"/> <c>insufficient_points</c>, <c>reward_out_of_stock</c>
    /// or <c>reward_limit_reached</c>.
    /// </exception>
    [Post("/me/rewards/{rewardId}/redeem")]
    Task<RewardRedemptionResponse> RedeemRewardAsync(
        Guid rewardId,
        [Header("Idempotency-Key")] string idempotencyKey,
        CancellationToken cancellationToken = default);

    /// <summary>Gets one page of the signed-in member's vouchers, newest first.</summary>
    /// <param name="limit">Page size; null lets the API choose.</param>
    /// <param name="cursor"><see cref="Page{T}.NextCursor"/> of the previous page; null for the first page.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <exception cref="LoyaltyApiException">The API rejected the request.</exception>
    [Get("/me/vouchers")]
    Task<Page<VoucherResponse>> GetVouchersAsync(
        [Query] int? limit = null,
        [Query] string? cursor = null,
        CancellationToken cancellationToken = default);

    /// <summary>Gets one of the signed-in member's vouchers by its code (dashes optional).</summary>
    /// <exception cref="LoyaltyApiException">The code is mistyped (<c>invalid_voucher_code</c>) or not the member's (<c>voucher_not_found</c>).</exception>
    [Get("/me/vouchers/{code}")]
    Task<VoucherResponse> GetVoucherAsync(string code, CancellationToken cancellationToken = default);

    /// <summary>Starts a points transfer to another member; nothing moves until <see cref="ConfirmTransferAsync"/>.</summary>
    /// <exception cref="LoyaltyApiException">The API rejected the request, e.g. <c>transfer_limit_exceeded</c>.</exception>
    [Post("/me/transfers")]
    Task<TransferResponse> CreateTransferAsync([Body] CreateTransferRequest request, CancellationToken cancellationToken = default);

    /// <summary>Confirms a transfer: the points move, keeping their expiry dates.</summary>
    /// <exception cref="LoyaltyApiException">The API rejected the request, e.g. <c>transfer_expired</c> or <c>insufficient_points</c>.</exception>
    [Post("/me/transfers/{transferId}/confirm")]
    Task<TransferResponse> ConfirmTransferAsync(
        Guid transferId,
        [Header("Idempotency-Key")] string idempotencyKey,
        CancellationToken cancellationToken = default);

    /// <summary>Cancels a transfer that was not confirmed yet.</summary>
    /// <exception cref="LoyaltyApiException">The API rejected the request.</exception>
    [Post("/me/transfers/{transferId}/cancel")]
    Task<TransferResponse> CancelTransferAsync(Guid transferId, CancellationToken cancellationToken = default);

    /// <summary>Gets one page of the signed-in member's transfers, sent and received, newest first.</summary>
    /// <exception cref="LoyaltyApiException">The API rejected the request.</exception>
    [Get("/me/transfers")]
    Task<Page<TransferResponse>> GetTransfersAsync(
        [Query] int? limit = null,
        [Query] string? cursor = null,
        CancellationToken cancellationToken = default);

    /// <summary>Closes the signed-in member's membership for good; points follow the programme's rules (usually forfeited).</summary>
    /// <param name="request">Must confirm: the app asks the member first.</param>
    /// <param name="idempotencyKey">One key per close (<see cref="IdempotencyKeys.New"/>); send it again when retrying.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <exception cref="LoyaltyApiException">E.g. <c>member_closed</c>, or <c>member_has_open_holds</c> while a till payment holds points.</exception>
    [Post("/me/close")]
    Task<MembershipClosedResponse> CloseMembershipAsync(
        [Body] CloseMyMembershipRequest request,
        [Header("Idempotency-Key")] string idempotencyKey,
        CancellationToken cancellationToken = default);

    /// <summary>Downloads everything the club holds about the signed-in member, one JSON object per section.</summary>
    /// <exception cref="LoyaltyApiException">The API rejected the request.</exception>
    [Get("/me/export")]
    Task<MemberDataExport> ExportMyDataAsync(CancellationToken cancellationToken = default);

    /// <summary>Gets one page of the upcoming club events the signed-in member may attend, soonest first, with places left and their own status.</summary>
    /// <param name="limit">Page size; null lets the API choose.</param>
    /// <param name="cursor"><see cref="Page{T}.NextCursor"/> of the previous page; null for the first page.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <exception cref="LoyaltyApiException">The API rejected the request.</exception>
    [Get("/me/club-events")]
    Task<Page<ClubEventOfferResponse>> GetClubEventsAsync(
        [Query] int? limit = null,
        [Query] string? cursor = null,
        CancellationToken cancellationToken = default);

    /// <summary>Gets one club event as the signed-in member sees it.</summary>
    /// <exception cref="LoyaltyApiException">The event is not one the member may see (<c>club_event_not_found</c>).</exception>
    [Get("/me/club-events/{eventId}")]
    Task<ClubEventOfferResponse> GetClubEventAsync(Guid eventId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Registers for a club event: Registered while places are left, else Waitlisted with a position. Registering again
    /// answers the existing registration, so a retry is safe.
    /// </summary>
    /// <exception cref="LoyaltyApiException">
    /// The API refused, e.g. <c>club_event_not_eligible</c>, <c>registration_not_open</c>, <c>registration_closed</c>,
    /// <c>club_event_cancelled</c> or <c>member_suspended</c>.
    /// </exception>
    [Post("/me/club-events/{eventId}/registration")]
    Task<ClubEventRegistrationResponse> RegisterForClubEventAsync(Guid eventId, CancellationToken cancellationToken = default);

    /// <summary>Cancels the signed-in member's registration (the place goes to the first member waiting) or leaves the waiting list.</summary>
    /// <exception cref="LoyaltyApiException">The API refused, e.g. <c>cancellation_closed</c> or <c>registration_not_found</c>.</exception>
    [Delete("/me/club-events/{eventId}/registration")]
    Task<ClubEventRegistrationResponse> CancelClubEventRegistrationAsync(Guid eventId, CancellationToken cancellationToken = default);

    /// <summary>Gets one page of the signed-in member's club event registrations, latest event first.</summary>
    /// <exception cref="LoyaltyApiException">The API rejected the request.</exception>
    [Get("/me/club-events/registrations")]
    Task<Page<ClubEventRegistrationResponse>> GetClubEventRegistrationsAsync(
        [Query] int? limit = null,
        [Query] string? cursor = null,
        CancellationToken cancellationToken = default);

    /// <summary>Gets one page of the signed-in member's personal offers open now, ending soonest first, with activation state and uses left.</summary>
    /// <param name="limit">Page size; null lets the API choose.</param>
    /// <param name="cursor"><see cref="Page{T}.NextCursor"/> of the previous page; null for the first page.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <exception cref="LoyaltyApiException">The API rejected the request.</exception>
    [Get("/me/offers")]
    Task<Page<MemberOfferResponse>> GetOffersAsync(
        [Query] int? limit = null,
        [Query] string? cursor = null,
        CancellationToken cancellationToken = default);

    /// <summary>Activates ("clips") one of the signed-in member's offers, so their purchases use it. Activating again is harmless.</summary>
    /// <exception cref="LoyaltyApiException">The offer is not one made to the member or not open now (<c>offer_not_found</c>).</exception>
    [Post("/me/offers/{offerId}/activate")]
    Task<MemberOfferResponse> ActivateOfferAsync(Guid offerId, CancellationToken cancellationToken = default);

    /// <summary>Gets the signed-in member's tier, benefits and progress (what the next tier and keeping this one take).</summary>
    /// <exception cref="LoyaltyApiException">The API rejected the request.</exception>
    [Get("/me/tier")]
    Task<MemberTierResponse> GetTierAsync(CancellationToken cancellationToken = default);

    /// <summary>Gets one page of the signed-in member's tier changes, newest first.</summary>
    /// <param name="limit">Page size; null lets the API choose.</param>
    /// <param name="cursor"><see cref="Page{T}.NextCursor"/> of the previous page; null for the first page.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <exception cref="LoyaltyApiException">The API rejected the request.</exception>
    [Get("/me/tier/history")]
    Task<Page<TierHistoryEntry>> GetTierHistoryAsync(
        [Query] int? limit = null,
        [Query] string? cursor = null,
        CancellationToken cancellationToken = default);

    /// <summary>Gets the signed-in member's interests, preferences, household, attributes and consents.</summary>
    /// <exception cref="LoyaltyApiException">The API rejected the request.</exception>
    [Get("/me/profile")]
    Task<MyProfileResponse> GetCustomerProfileAsync(CancellationToken cancellationToken = default);

    /// <summary>Changes the signed-in member's profile: only the parts given change; consent changes are kept with their time and source app.</summary>
    /// <exception cref="LoyaltyApiException">The API rejected the request, e.g. <c>validation_failed</c> or <c>unknown_interest_topic</c>.</exception>
    [Patch("/me/profile")]
    Task<MyProfileResponse> UpdateCustomerProfileAsync([Body] UpdateMyProfileRequest request, CancellationToken cancellationToken = default);

    /// <summary>Gets the interest topics and attributes the member can choose from.</summary>
    /// <exception cref="LoyaltyApiException">The API rejected the request.</exception>
    [Get("/me/profile/options")]
    Task<ProfileOptionsResponse> GetProfileOptionsAsync(CancellationToken cancellationToken = default);

    /// <summary>Gets one page of the signed-in member's consent changes, newest first.</summary>
    /// <param name="limit">Page size; null lets the API choose.</param>
    /// <param name="cursor"><see cref="Page{T}.NextCursor"/> of the previous page; null for the first page.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <exception cref="LoyaltyApiException">The API rejected the request.</exception>
    [Get("/me/consents/history")]
    Task<Page<ConsentHistoryEntry>> GetConsentHistoryAsync(
        [Query] int? limit = null,
        [Query] string? cursor = null,
        CancellationToken cancellationToken = default);
    /// <summary>Gets the signed-in member's next best offers (up to three), each with its reason and the purchases it rests on.</summary>
    /// <exception cref="LoyaltyApiException">The API rejected the request.</exception>
    [Get("/me/recommendations")]
    Task<Page<RecommendationResponse>> GetRecommendationsAsync(
        [Query] int? limit = null,
        [Query] string? cursor = null,
        CancellationToken cancellationToken = default);

    /// <summary>Opens a complaint or service case; a first response is promised by the case's <c>serviceLevelDueAt</c> (from the member's tier).</summary>
    /// <exception cref="LoyaltyApiException">The API rejected the request, e.g. <c>validation_failed</c> or <c>case_purchase_not_found</c>.</exception>
    [Post("/me/cases")]
    Task<MyCaseResponse> OpenCaseAsync([Body] OpenMyCaseRequest request, [Header("Idempotency-Key")] string idempotencyKey, CancellationToken cancellationToken = default);

    /// <summary>Lists the signed-in member's cases, newest first, with their steps.</summary>
    /// <param name="limit">Page size; null lets the API choose.</param>
    /// <param name="cursor">The previous page's <c>nextCursor</c>; null for the first page.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <exception cref="LoyaltyApiException">The API rejected the request.</exception>
    [Get("/me/cases")]
    Task<Page<MyCaseResponse>> ListCasesAsync([Query] int? limit = null, [Query] string? cursor = null, CancellationToken cancellationToken = default);

    /// <summary>Gets one of the signed-in member's cases: status, next step and its due time, staff's notes.</summary>
    /// <exception cref="LoyaltyApiException"><c>case_not_found</c> (also for another member's case).</exception>
    [Get("/me/cases/{caseId}")]
    Task<MyCaseResponse> GetCaseAsync(Guid caseId, CancellationToken cancellationToken = default);

    /// <summary>Lists the surveys waiting for the signed-in member's answer, newest first.</summary>
    /// <param name="limit">Page size; null lets the API choose.</param>
    /// <param name="cursor">The previous page's <c>nextCursor</c>; null for the first page.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <exception cref="LoyaltyApiException">The API rejected the request.</exception>
    [Get("/me/surveys")]
    Task<Page<MySurveyResponse>> ListSurveysAsync([Query] int? limit = null, [Query] string? cursor = null, CancellationToken cancellationToken = default);

    /// <summary>Answers a survey once: CSAT 1–5, NPS 0–10, free text, expected and perceived per service dimension.</summary>
    /// <exception cref="LoyaltyApiException"><c>survey_not_found</c>, <c>survey_already_answered</c>, <c>survey_expired</c>, <c>unknown_service_dimension</c> or <c>validation_failed</c>.</exception>
    [Post("/me/surveys/{surveyId}/answers")]
    Task<SurveyAnsweredResponse> AnswerSurveyAsync(Guid surveyId, [Body] AnswerSurveyRequest request, CancellationToken cancellationToken = default);
}
