namespace Loyalty.Contracts;

/// <summary>
/// Every <c>code</c> a problem response of the Loyalty API can carry, with what it means. The API throws and the SDK
/// compares with these constants; a test keeps the list complete, documented and free of unused codes.
/// </summary>
public static class ErrorCodes
{
    /// <summary>This key was already rotated; rotate its successor.</summary>
    public const string ApiKeyAlreadyRotated = "api_key_already_rotated";

    /// <summary>A revoked or expired key cannot be rotated.</summary>
    public const string ApiKeyNotActive = "api_key_not_active";

    /// <summary>This partner has no API key with this id.</summary>
    public const string ApiKeyNotFound = "api_key_not_found";

    /// <summary>A choice attribute needs its list of allowed values.</summary>
    public const string AttributeChoicesRequired = "attribute_choices_required";

    /// <summary>The operation needs a JSON body and none was sent.</summary>
    public const string BodyRequired = "body_required";

    /// <summary>The campaign has ended; create a new one.</summary>
    public const string CampaignEnded = "campaign_ended";

    /// <summary>No campaign has this id.</summary>
    public const string CampaignNotFound = "campaign_not_found";

    /// <summary>The registration can no longer be cancelled: the cancellation deadline has passed.</summary>
    public const string CancellationClosed = "cancellation_closed";

    /// <summary>The new capacity is lower than the number of places already taken.</summary>
    public const string CapacityBelowRegistrations = "capacity_below_registrations";

    /// <summary>A capture takes between 1 point and the authorised points.</summary>
    public const string CaptureExceedsAuthorisation = "capture_exceeds_authorisation";

    /// <summary>Check-in for this event has closed.</summary>
    public const string CheckInClosed = "check_in_closed";

    /// <summary>Check-in for this event has not opened yet.</summary>
    public const string CheckInNotOpen = "check_in_not_open";

    /// <summary>This event is already cancelled.</summary>
    public const string ClubEventCancelled = "club_event_cancelled";

    /// <summary>This event is over.</summary>
    public const string ClubEventEnded = "club_event_ended";

    /// <summary>This event is not open to your tier.</summary>
    public const string ClubEventNotEligible = "club_event_not_eligible";

    /// <summary>No club event has this id.</summary>
    public const string ClubEventNotFound = "club_event_not_found";

    /// <summary>This event takes place at another of your stores.</summary>
    public const string ClubEventWrongStore = "club_event_wrong_store";

    /// <summary>Someone else changed the resource at the same time; read it again and retry.</summary>
    public const string ConcurrentUpdate = "concurrent_update";

    /// <summary>conditions.storeIds names a store of a partner that conditions.partnerIds leaves out: the rule could never apply there.</summary>
    public const string ContradictoryConditions = "contradictory_conditions";

    /// <summary>Tier '…': a retention threshold must use a metric the tier qualifies by and be at most its qualification threshold.</summary>
    public const string ContradictoryThresholds = "contradictory_thresholds";

    /// <summary>The purchase currency is not one the programme earns on.</summary>
    public const string CurrencyNotSupported = "currency_not_supported";

    /// <summary>This delivery is being attempted right now.</summary>
    public const string DeliveryInFlight = "delivery_in_flight";

    /// <summary>This subscription has no delivery with this id.</summary>
    public const string DeliveryNotFound = "delivery_not_found";

    /// <summary>The duplicate has … pending points; merge once they are confirmed (or reversed).</summary>
    public const string DuplicateHasPendingPoints = "duplicate_has_pending_points";

    /// <summary>Two tiers cannot share a rank.</summary>
    public const string DuplicateRank = "duplicate_rank";

    /// <summary>Each existing tier can appear once in a scheme.</summary>
    public const string DuplicateTierId = "duplicate_tier_id";

    /// <summary>Two tiers cannot share a name.</summary>
    public const string DuplicateTierName = "duplicate_tier_name";

    /// <summary>Purchase '…' was already recorded; a receipt earns once.</summary>
    public const string DuplicateTransaction = "duplicate_transaction";

    /// <summary>The rule is deactivated; create a new rule instead.</summary>
    public const string EarningRuleInactive = "earning_rule_inactive";

    /// <summary>A rule keeps its kind (…); create a new rule for another kind.</summary>
    public const string EarningRuleKindFixed = "earning_rule_kind_fixed";

    /// <summary>No earning rule has this id.</summary>
    public const string EarningRuleNotFound = "earning_rule_not_found";

    /// <summary>Version … of this rule was already superseded.</summary>
    public const string EarningRuleSuperseded = "earning_rule_superseded";

    /// <summary>A member with this e-mail address already exists.</summary>
    public const string EmailAlreadyEnrolled = "email_already_enrolled";

    /// <summary>The entry tier stays: the rank-0 tier of the scheme must be the current entry tier '…' (id …); rename or restyle it instead.</summary>
    public const string EntryTierReplaced = "entry_tier_replaced";

    /// <summary>The entry tier cannot be retired: every member needs a tier to fall back to.</summary>
    public const string EntryTierRetired = "entry_tier_retired";

    /// <summary>The credentials are valid but not allowed to do this.</summary>
    public const string Forbidden = "forbidden";

    /// <summary>No bulk grant has this id.</summary>
    public const string GrantNotFound = "grant_not_found";

    /// <summary>The Idempotency-Key header is empty or too long.</summary>
    public const string IdempotencyKeyInvalid = "idempotency_key_invalid";

    /// <summary>The write needs an Idempotency-Key header.</summary>
    public const string IdempotencyKeyRequired = "idempotency_key_required";

    /// <summary>The Idempotency-Key was already used with a different request.</summary>
    public const string IdempotencyKeyReused = "idempotency_key_reused";

    /// <summary>A request with the same Idempotency-Key is still being processed; retry later.</summary>
    public const string IdempotencyRequestInFlight = "idempotency_request_in_flight";

    /// <summary>The request with this Idempotency-Key took effect but its response could not be kept; read the resource instead of retrying.</summary>
    public const string IdempotencyResponseLost = "idempotency_response_lost";

    /// <summary>Your partner account has no import with this id.</summary>
    public const string ImportNotFound = "import_not_found";

    /// <summary>You do not have … points available.</summary>
    public const string InsufficientPoints = "insufficient_points";

    /// <summary>An unexpected server error; the response carries a trace id to quote to support.</summary>
    public const string InternalError = "internal_error";

    /// <summary>A return gives back more than nothing.</summary>
    public const string InvalidAmount = "invalid_amount";

    /// <summary>The value is not one of the attribute's allowed choices.</summary>
    public const string InvalidAttributeChoice = "invalid_attribute_choice";

    /// <summary>The value does not fit the attribute's type.</summary>
    public const string InvalidAttributeValue = "invalid_attribute_value";

    /// <summary>The campaign definition is invalid (dates, rules or budget).</summary>
    public const string InvalidCampaign = "invalid_campaign";

    /// <summary>An event must end in the future.</summary>
    public const string InvalidClubEvent = "invalid_club_event";

    /// <summary>This consent purpose is not given on this channel (marketing is per e-mail, push or SMS; the others on no channel).</summary>
    public const string InvalidConsentChannel = "invalid_consent_channel";

    /// <summary>'…' is not an ISO 4217 currency code.</summary>
    public const string InvalidCurrency = "invalid_currency";

    /// <summary>The cursor is not one this API issued.</summary>
    public const string InvalidCursor = "invalid_cursor";

    /// <summary>A reward discount is a percentage between 0 and 100.</summary>
    public const string InvalidDiscount = "invalid_discount";

    /// <summary>The earning rule definition is invalid (its conditions or rates).</summary>
    public const string InvalidEarningRule = "invalid_earning_rule";

    /// <summary>An expiry period is between 1 and 3650 days or months.</summary>
    public const string InvalidExpiryPolicy = "invalid_expiry_policy";

    /// <summary>The grace period is between 0 and … hours.</summary>
    public const string InvalidGracePeriod = "invalid_grace_period";

    /// <summary>A grant needs a reason.</summary>
    public const string InvalidGrant = "invalid_grant";

    /// <summary>The body is not valid JSON, or a value has the wrong JSON type.</summary>
    public const string InvalidJson = "invalid_json";

    /// <summary>The body has a field the operation does not accept (misspelt or unsupported); the problem names it.</summary>
    public const string UnknownField = "unknown_field";

    /// <summary>The page limit is outside the allowed range.</summary>
    public const string InvalidLimit = "invalid_limit";

    /// <summary>The member number is not well formed (format or check digit).</summary>
    public const string InvalidMemberNumber = "invalid_member_number";

    /// <summary>A tier never earns less than the base rate: the multiplier must be at least 1.</summary>
    public const string InvalidMultiplier = "invalid_multiplier";

    /// <summary>The offer's terms are inconsistent: a name, endsAt after startsAt, a per-member limit, a control share of at most 0.5 and a benefit of its kind.</summary>
    public const string InvalidOffer = "invalid_offer";

    /// <summary>A route or query parameter has the wrong format.</summary>
    public const string InvalidParameter = "invalid_parameter";

    /// <summary>A transfer moves at least one point.</summary>
    public const string InvalidPoints = "invalid_points";

    /// <summary>Expiry notices go out 0 to 365 days ahead.</summary>
    public const string InvalidPointsPolicy = "invalid_points_policy";

    /// <summary>The preferred channel must be e-mail, push or SMS.</summary>
    public const string InvalidPreferredChannel = "invalid_preferred_channel";

    /// <summary>The rate limit is between 1 and … requests per second.</summary>
    public const string InvalidRateLimit = "invalid_rate_limit";

    /// <summary>Referral points are 0 to 1,000,000 per member.</summary>
    public const string InvalidReferralProgramme = "invalid_referral_programme";

    /// <summary>A reward needs a name.</summary>
    public const string InvalidReward = "invalid_reward";

    /// <summary>availableUntil must be later than availableFrom.</summary>
    public const string InvalidRewardWindow = "invalid_reward_window";

    /// <summary>An import row could not be read (a field is missing or has the wrong format).</summary>
    public const string InvalidRow = "invalid_row";

    /// <summary>A scheme has 1–… tiers.</summary>
    public const string InvalidScheme = "invalid_scheme";

    /// <summary>The status filter is not one of the allowed values.</summary>
    public const string InvalidStatus = "invalid_status";

    /// <summary>Thresholds cannot be negative.</summary>
    public const string InvalidThreshold = "invalid_threshold";

    /// <summary>The voucher code's check character does not match: the code was probably mistyped.</summary>
    public const string InvalidVoucherCode = "invalid_voucher_code";

    /// <summary>A rolling or since-last-change window lasts 1–… months.</summary>
    public const string InvalidWindow = "invalid_window";

    /// <summary>The uploaded import file cannot be read as CSV or JSON rows.</summary>
    public const string MalformedFile = "malformed_file";

    /// <summary>The request cannot be read (a 400 with no more specific code).</summary>
    public const string MalformedRequest = "malformed_request";

    /// <summary>You are already a member.</summary>
    public const string MemberAlreadyEnrolled = "member_already_enrolled";

    /// <summary>The duplicate was already merged into another member.</summary>
    public const string MemberAlreadyMerged = "member_already_merged";

    /// <summary>The member is already suspended.</summary>
    public const string MemberAlreadySuspended = "member_already_suspended";

    /// <summary>The membership is closed.</summary>
    public const string MemberClosed = "member_closed";

    /// <summary>An erased member cannot take part in a merge.</summary>
    public const string MemberErased = "member_erased";

    /// <summary>The duplicate has … points on hold at a till; capture or cancel the payment (or let it lapse) first.</summary>
    public const string MemberHasOpenHolds = "member_has_open_holds";

    /// <summary>This membership was merged into another one; use that member's card.</summary>
    public const string MemberMerged = "member_merged";

    /// <summary>No member has this id.</summary>
    public const string MemberNotFound = "member_not_found";

    /// <summary>Only a suspended member can be reactivated.</summary>
    public const string MemberNotSuspended = "member_not_suspended";

    /// <summary>The member is suspended and cannot earn or spend points.</summary>
    public const string MemberSuspended = "member_suspended";

    /// <summary>A member cannot be merged into itself.</summary>
    public const string MergeIntoSelf = "merge_into_self";

    /// <summary>The route exists but not with this HTTP method.</summary>
    public const string MethodNotAllowed = "method_not_allowed";

    /// <summary>No route matches the request.</summary>
    public const string NotFound = "not_found";

    /// <summary>The member is not registered for this event; walk-ins are not checked in.</summary>
    public const string NotRegistered = "not_registered";

    /// <summary>Only a draft offer can be changed or published.</summary>
    public const string OfferNotDraft = "offer_not_draft";

    /// <summary>No offer has this id (a member sees only the offers made to them).</summary>
    public const string OfferNotFound = "offer_not_found";

    /// <summary>Only a published offer can be withdrawn.</summary>
    public const string OfferNotPublished = "offer_not_published";

    /// <summary>A tier must need more than the tier below it.</summary>
    public const string OverlappingThresholds = "overlapping_thresholds";

    /// <summary>A partner named '…' already exists.</summary>
    public const string PartnerNameTaken = "partner_name_taken";

    /// <summary>partnerIds names a partner that does not exist.</summary>
    public const string PartnerNotFound = "partner_not_found";

    /// <summary>The body is larger than the API accepts.</summary>
    public const string PayloadTooLarge = "payload_too_large";

    /// <summary>No base earning rate is configured yet.</summary>
    public const string ProgrammeNotConfigured = "programme_not_configured";

    /// <summary>No purchase has this id.</summary>
    public const string PurchaseNotFound = "purchase_not_found";

    /// <summary>An imported purchase is older than the import window and is not earned any more.</summary>
    public const string PurchaseTooOld = "purchase_too_old";

    /// <summary>Too many requests; retry after the Retry-After header.</summary>
    public const string RateLimited = "rate_limited";

    /// <summary>The member you are sending points to cannot receive them (membership suspended or closed).</summary>
    public const string RecipientNotActive = "recipient_not_active";

    /// <summary>The redemption was already cancelled.</summary>
    public const string RedemptionAlreadyCancelled = "redemption_already_cancelled";

    /// <summary>The redemption was already captured.</summary>
    public const string RedemptionAlreadyCaptured = "redemption_already_captured";

    /// <summary>The redemption authorisation lapsed before it was captured.</summary>
    public const string RedemptionExpired = "redemption_expired";

    /// <summary>The redemption is not authorised any more, so it cannot be captured.</summary>
    public const string RedemptionNotAuthorised = "redemption_not_authorised";

    /// <summary>Your partner account has no redemption with this id.</summary>
    public const string RedemptionNotFound = "redemption_not_found";

    /// <summary>This registration is already cancelled.</summary>
    public const string RegistrationCancelled = "registration_cancelled";

    /// <summary>You have already been checked in.</summary>
    public const string RegistrationCheckedIn = "registration_checked_in";

    /// <summary>Registration for this event has closed.</summary>
    public const string RegistrationClosed = "registration_closed";

    /// <summary>You are not registered for this event.</summary>
    public const string RegistrationNotFound = "registration_not_found";

    /// <summary>Registration for this event has not opened yet.</summary>
    public const string RegistrationNotOpen = "registration_not_open";

    /// <summary>The member is on the waiting list, not registered.</summary>
    public const string RegistrationWaitlisted = "registration_waitlisted";

    /// <summary>Return '…' of this purchase was already recorded; a return is credited once.</summary>
    public const string ReturnAlreadyRecorded = "return_already_recorded";

    /// <summary>The purchase was already returned in full.</summary>
    public const string ReturnExceedsPurchase = "return_exceeds_purchase";

    /// <summary>The member has redeemed this reward as many times as it allows.</summary>
    public const string RewardLimitReached = "reward_limit_reached";

    /// <summary>A reward named '…' already exists.</summary>
    public const string RewardNameTaken = "reward_name_taken";

    /// <summary>This reward is not offered to your tier.</summary>
    public const string RewardNotEligible = "reward_not_eligible";

    /// <summary>No reward has this id.</summary>
    public const string RewardNotFound = "reward_not_found";

    /// <summary>This reward is out of stock.</summary>
    public const string RewardOutOfStock = "reward_out_of_stock";

    /// <summary>This reward is not available at the moment.</summary>
    public const string RewardUnavailable = "reward_unavailable";

    /// <summary>This key may only rotate keys whose scopes it holds itself.</summary>
    public const string ScopeNotHeld = "scope_not_held";

    /// <summary>The segment is archived: it is no longer changed or refreshed.</summary>
    public const string SegmentArchived = "segment_archived";

    /// <summary>No segment has this id.</summary>
    public const string SegmentNotFound = "segment_not_found";

    /// <summary>A member cannot refer themselves.</summary>
    public const string SelfReferral = "self_referral";

    /// <summary>Partner already has a store with code '…'.</summary>
    public const string StoreCodeTaken = "store_code_taken";

    /// <summary>This store is closed for loyalty transactions.</summary>
    public const string StoreInactive = "store_inactive";

    /// <summary>conditions.storeIds names a store that does not exist.</summary>
    public const string StoreNotFound = "store_not_found";

    /// <summary>The member to merge into is closed.</summary>
    public const string SurvivorClosed = "survivor_closed";

    /// <summary>The member to merge into was itself merged into another member; merge into that one.</summary>
    public const string SurvivorMerged = "survivor_merged";

    /// <summary>A tier named '…' already exists.</summary>
    public const string TierNameTaken = "tier_name_taken";

    /// <summary>tierIds names a tier that does not exist.</summary>
    public const string TierNotFound = "tier_not_found";

    /// <summary>Tiers must rise with rank: a higher rank needs a higher threshold and at least the multiplier of the tier below.</summary>
    public const string TierOutOfOrder = "tier_out_of_order";

    /// <summary>A tier with rank … already exists.</summary>
    public const string TierRankTaken = "tier_rank_taken";

    /// <summary>A tier scheme change is scheduled: change the scheme with PUT /api/v1/admin/tier-scheme instead.</summary>
    public const string TierSchemeChangePending = "tier_scheme_change_pending";

    /// <summary>No tier scheme version has this id.</summary>
    public const string TierSchemeVersionNotFound = "tier_scheme_version_not_found";

    /// <summary>An import holds at most … rows; this one has …. Split the file.</summary>
    public const string TooManyRows = "too_many_rows";

    /// <summary>Your partner account has no purchase with this receipt id.</summary>
    public const string TransactionNotFound = "transaction_not_found";

    /// <summary>The transfer was already confirmed.</summary>
    public const string TransferAlreadyCompleted = "transfer_already_completed";

    /// <summary>The transfer was cancelled.</summary>
    public const string TransferCancelled = "transfer_cancelled";

    /// <summary>The transfer was not confirmed in time.</summary>
    public const string TransferExpired = "transfer_expired";

    /// <summary>A transfer moves at most … points.</summary>
    public const string TransferLimitExceeded = "transfer_limit_exceeded";

    /// <summary>You can transfer … more points this month (limit …).</summary>
    public const string TransferMonthlyLimitExceeded = "transfer_monthly_limit_exceeded";

    /// <summary>You have no transfer with this id.</summary>
    public const string TransferNotFound = "transfer_not_found";

    /// <summary>Points cannot be transferred to yourself.</summary>
    public const string TransferToSelf = "transfer_to_self";

    /// <summary>The programme does not allow points transfers.</summary>
    public const string TransfersDisabled = "transfers_disabled";

    /// <summary>No valid credentials: the API key or bearer token is missing, unknown, expired or revoked.</summary>
    public const string Unauthenticated = "unauthenticated";

    /// <summary>A webhook subscription names an event type that does not exist.</summary>
    public const string UnknownEventType = "unknown_event_type";

    /// <summary>A member id in the request does not exist.</summary>
    public const string UnknownMember = "unknown_member";

    /// <summary>No partner has this id.</summary>
    public const string UnknownPartner = "unknown_partner";

    /// <summary>This referral code does not belong to an active member: check it, or leave it out.</summary>
    public const string UnknownReferralCode = "unknown_referral_code";

    /// <summary>An API key names a scope that does not exist.</summary>
    public const string UnknownScope = "unknown_scope";

    /// <summary>An offer names a segment that does not exist.</summary>
    public const string UnknownSegment = "unknown_segment";

    /// <summary>The hosting partner has no store with this id.</summary>
    public const string UnknownStore = "unknown_store";

    /// <summary>A tier id in the request does not exist.</summary>
    public const string UnknownTier = "unknown_tier";

    /// <summary>The body is not sent as application/json (or the format the operation declares).</summary>
    public const string UnsupportedMediaType = "unsupported_media_type";

    /// <summary>The request failed validation; errors lists each field and what is wrong with it.</summary>
    public const string ValidationFailed = "validation_failed";

    /// <summary>Version … is no longer pending: it was applied or cancelled.</summary>
    public const string VersionNotPending = "version_not_pending";

    /// <summary>The voucher was already used.</summary>
    public const string VoucherAlreadyUsed = "voucher_already_used";

    /// <summary>The voucher has expired.</summary>
    public const string VoucherExpired = "voucher_expired";

    /// <summary>No voucher has this code.</summary>
    public const string VoucherNotFound = "voucher_not_found";

    /// <summary>There is no webhook subscription with this id.</summary>
    public const string WebhookNotFound = "webhook_not_found";

    /// <summary>A webhook URL points to a loopback, private, link-local or multicast address.</summary>
    public const string WebhookUrlNotAllowed = "webhook_url_not_allowed";

    // Customised: profiles and consents

    /// <summary>An interest code names no active topic.</summary>
    public const string UnknownInterestTopic = "unknown_interest_topic";

    /// <summary>An attribute code names no active attribute the caller may set.</summary>
    public const string UnknownAttribute = "unknown_attribute";

    /// <summary>No interest topic has this id.</summary>
    public const string InterestTopicNotFound = "interest_topic_not_found";

    /// <summary>An interest topic with this code already exists.</summary>
    public const string TopicCodeTaken = "topic_code_taken";

    /// <summary>No profile attribute has this id.</summary>
    public const string AttributeNotFound = "attribute_not_found";

    /// <summary>A profile attribute with this code already exists.</summary>
    public const string AttributeCodeTaken = "attribute_code_taken";

    /// <summary>More than one member has this phone number; ask for the card or the e-mail.</summary>
    public const string ContactAmbiguous = "contact_ambiguous";

    /// <summary>A member is already in (or heads) another household.</summary>
    public const string MemberInHousehold = "member_in_household";

    /// <summary>No household has this id.</summary>
    public const string HouseholdNotFound = "household_not_found";

    // Customised: interest notifications

    /// <summary>The notification frequency cap is outside its range (maxPerWindow 0 to 100, windowDays 1 to 90).</summary>
    public const string InvalidNotificationSettings = "invalid_notification_settings";
    // Account managers and key-account files (issue 13, part 2).

    /// <summary>No account manager has this id.</summary>
    public const string AccountManagerNotFound = "account_manager_not_found";

    /// <summary>This staff subject is already registered as an account manager.</summary>
    public const string AccountManagerSubjectTaken = "account_manager_subject_taken";

    /// <summary>The account manager is inactive and takes no new members.</summary>
    public const string AccountManagerInactive = "account_manager_inactive";

    /// <summary>The assignment would take the manager's portfolio beyond their capacity.</summary>
    public const string AccountManagerAtCapacity = "account_manager_at_capacity";

    /// <summary>A manager's capacity is outside the allowed range.</summary>
    public const string InvalidCapacity = "invalid_capacity";

    /// <summary>The token has the account-manager role but no active account manager is registered for its subject.</summary>
    public const string NotAnAccountManager = "not_an_account_manager";

    /// <summary>The member or list belongs to another account manager's portfolio.</summary>
    public const string OutsidePortfolio = "outside_portfolio";

    /// <summary>The member has no key-account file.</summary>
    public const string KeyAccountFileNotFound = "key_account_file_not_found";

    /// <summary>A business key account must name its company.</summary>
    public const string CompanyRequired = "company_required";

    /// <summary>A key-account file lists too many contacts.</summary>
    public const string TooManyContacts = "too_many_contacts";

    /// <summary>The key account has no interaction with this id.</summary>
    public const string InteractionNotFound = "interaction_not_found";

    /// <summary>An interaction cannot be logged before it happened.</summary>
    public const string InteractionInFuture = "interaction_in_future";

    /// <summary>A next step and its due date go together.</summary>
    public const string NextStepIncomplete = "next_step_incomplete";

    /// <summary>The interaction has no next step to complete.</summary>
    public const string NoNextStep = "no_next_step";

    /// <summary>No insight run has scored the members yet (POST /admin/insight/refresh, or wait for the daily job).</summary>
    public const string InsightNotComputed = "insight_not_computed";

    /// <summary>A backtest date must leave the whole 90-day horizon in the past.</summary>
    public const string BacktestTooRecent = "backtest_too_recent";

    /// <summary>A retention action is inconsistent (goodwill points without points, points on another kind, follow-up window out of range).</summary>
    public const string InvalidRetentionAction = "invalid_retention_action";
    // Care: service cases and satisfaction.

    /// <summary>No case has this id (or it is not yours to see).</summary>
    public const string CaseNotFound = "case_not_found";

    /// <summary>The case is resolved; nothing more can be done on it.</summary>
    public const string CaseResolved = "case_resolved";

    /// <summary>A case's next step must be due in the future.</summary>
    public const string NextStepDueInPast = "next_step_due_in_past";

    /// <summary>Goodwill points are out of range.</summary>
    public const string InvalidGoodwillPoints = "invalid_goodwill_points";

    /// <summary>The purchase named on the case is not the member's.</summary>
    public const string CasePurchaseNotFound = "case_purchase_not_found";

    /// <summary>No survey of yours has this id.</summary>
    public const string SurveyNotFound = "survey_not_found";

    /// <summary>The survey was already answered.</summary>
    public const string SurveyAlreadyAnswered = "survey_already_answered";

    /// <summary>The survey can no longer be answered.</summary>
    public const string SurveyExpired = "survey_expired";

    /// <summary>A survey score is out of range (CSAT 1–5, NPS 0–10, dimensions 1–5).</summary>
    public const string InvalidSurveyAnswer = "invalid_survey_answer";

    /// <summary>A survey answer names a service dimension the programme does not ask about, or one twice.</summary>
    public const string UnknownServiceDimension = "unknown_service_dimension";
}
