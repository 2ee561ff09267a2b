using Loyalty.Domain.Audit;
using Loyalty.Domain.Care.Cases;
using Loyalty.Domain.Care.Surveys;
using Loyalty.Domain.Customised.AccountManagers;
using Loyalty.Domain.Customised.Notifications;
using Loyalty.Domain.Customised.Offers;
using Loyalty.Domain.Customised.Profiles;
using Loyalty.Domain.Customised.Recommendations;
using Loyalty.Domain.Customised.Segments;
using Loyalty.Domain.Financial.Earning;
using Loyalty.Domain.Financial.Grants;
using Loyalty.Domain.Financial.Ledger;
using Loyalty.Domain.Financial.Policies;
using Loyalty.Domain.Financial.Purchases;
using Loyalty.Domain.Financial.Redemptions;
using Loyalty.Domain.Financial.Rewards;
using Loyalty.Domain.Financial.Transfers;
using Loyalty.Domain.Insight.Health;
using Loyalty.Domain.Insight.Retention;
using Loyalty.Domain.Insight.Value;
using Loyalty.Domain.Social.ClubEvents;
using Loyalty.Domain.Social.Members;
using Loyalty.Domain.Social.Referrals;
using Loyalty.Domain.Social.Tiers;
using Loyalty.Domain.Structural.ApiKeys;
using Loyalty.Domain.Structural.Imports;
using Loyalty.Domain.Structural.Outbox;
using Loyalty.Domain.Structural.Partners;
using Loyalty.Domain.Structural.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Loyalty.Application.Abstractions;

/// <summary>
/// The persistence the use cases work with. Handlers query the sets directly (no repositories on top of EF's own
/// unit of work); the provider-specific context lives in Infrastructure.
/// </summary>
public interface ILoyaltyDbContext
{
    DbSet<Member> Members { get; }

    DbSet<PointsAccount> PointsAccounts { get; }

    DbSet<LedgerEntry> LedgerEntries { get; }

    DbSet<PointsLot> PointsLots { get; }

    DbSet<LotDebit> LotDebits { get; }

    DbSet<PointsPolicy> PointsPolicies { get; }

    DbSet<OutboxMessage> OutboxMessages { get; }

    DbSet<Purchase> Purchases { get; }

    DbSet<Redemption> Redemptions { get; }

    DbSet<Reward> Rewards { get; }

    DbSet<Voucher> Vouchers { get; }
    DbSet<PurchaseReturn> PurchaseReturns { get; }

    DbSet<PointsTransfer> PointsTransfers { get; }

    DbSet<BulkGrant> BulkGrants { get; }

    DbSet<BulkGrantItem> BulkGrantItems { get; }

    DbSet<Tier> Tiers { get; }

    DbSet<TierProgramme> TierProgrammes { get; }

    DbSet<TierChange> TierChanges { get; }
    DbSet<ClubEvent> ClubEvents { get; }

    DbSet<ClubEventRegistration> ClubEventRegistrations { get; }

    DbSet<EarningRule> EarningRules { get; }

    DbSet<Campaign> Campaigns { get; }

    DbSet<EarnBreakdownLine> EarnBreakdownLines { get; }

    DbSet<PurchaseLine> PurchaseLines { get; }

    DbSet<DayBonusGrant> DayBonusGrants { get; }

    DbSet<TierSchemeVersion> TierSchemeVersions { get; }

    DbSet<Partner> Partners { get; }

    DbSet<Store> Stores { get; }

    DbSet<ApiKey> ApiKeys { get; }

    DbSet<WebhookSubscription> WebhookSubscriptions { get; }

    DbSet<WebhookDelivery> WebhookDeliveries { get; }

    DbSet<AuditLogEntry> AuditLog { get; }

    DbSet<MemberReferralCode> MemberReferralCodes { get; }

    DbSet<Referral> Referrals { get; }

    DbSet<ReferralProgramme> ReferralProgrammes { get; }

    DbSet<Import> Imports { get; }

    DbSet<ImportRow> ImportRows { get; }

    // Customised: profiles and consents
    DbSet<InterestTopic> InterestTopics { get; }

    DbSet<MemberInterest> MemberInterests { get; }

    DbSet<MemberProfile> MemberProfiles { get; }

    DbSet<Household> Households { get; }

    DbSet<ProfileAttributeDefinition> ProfileAttributeDefinitions { get; }

    DbSet<MemberAttributeValue> MemberAttributeValues { get; }

    DbSet<PartnerMemberAttribute> PartnerMemberAttributes { get; }

    DbSet<MemberConsent> MemberConsents { get; }

    DbSet<ConsentChange> ConsentChanges { get; }

    // Customised: segments
    DbSet<Segment> Segments { get; }

    DbSet<SegmentMember> SegmentMembers { get; }

    DbSet<SegmentMembershipChange> SegmentMembershipChanges { get; }

    // Customised: personal offers
    DbSet<PersonalOffer> PersonalOffers { get; }

    DbSet<OfferTarget> OfferTargets { get; }

    DbSet<OfferAssignment> OfferAssignments { get; }
    DbSet<MemberRecommendation> MemberRecommendations { get; }

    DbSet<CategoryCoPurchase> CategoryCoPurchases { get; }

    DbSet<CategoryPopularity> CategoryPopularity { get; }
    // Account managers and key-account files (Customised layer).
    DbSet<AccountManager> AccountManagers { get; }

    DbSet<PortfolioAssignment> PortfolioAssignments { get; }

    DbSet<AssignmentChange> AssignmentChanges { get; }

    DbSet<KeyAccountFile> KeyAccountFiles { get; }

    DbSet<KeyAccountInteraction> KeyAccountInteractions { get; }

    DbSet<PriorityServiceMember> PriorityServiceMembers { get; }

    DbSet<PriorityServiceTier> PriorityServiceTiers { get; }

    // Interest notifications (Customised layer).
    DbSet<ContentInterest> ContentInterests { get; }

    DbSet<MemberNotification> MemberNotifications { get; }

    DbSet<NotificationSettings> NotificationSettings { get; }
    DbSet<InsightRun> InsightRuns { get; }

    DbSet<MemberInsight> MemberInsights { get; }

    DbSet<ProgrammeHealthMonth> ProgrammeHealthMonths { get; }

    DbSet<ProgrammeHealthAcquisition> ProgrammeHealthAcquisitions { get; }

    DbSet<CampaignRunValue> CampaignRunValues { get; }

    DbSet<RunValueCell> RunValueCells { get; }

    DbSet<RetentionAction> RetentionActions { get; }
    // Care: service cases, satisfaction surveys and reasons for leaving.
    DbSet<ServiceCase> ServiceCases { get; }

    DbSet<CaseStep> CaseSteps { get; }

    DbSet<Survey> Surveys { get; }

    DbSet<SurveyDimensionAnswer> SurveyDimensionAnswers { get; }

    DbSet<SurveyTrigger> SurveyTriggers { get; }

    DbSet<MemberLeavingReason> LeavingReasons { get; }

    DatabaseFacade Database { get; }

    /// <summary>The EF model: raw set-based SQL converts its parameters through the columns' value converters.</summary>
    IModel Model { get; }

    ChangeTracker ChangeTracker { get; }

    /// <summary>
    /// Inserts <paramref name="row"/> with the unit of work's next save without tracking it (the till's rows: EF's change
    /// tracking and update pipeline cost more than the rows themselves), also before SQLite's deferred unit of work has
    /// begun its transaction. Outside a unit of work or transaction it is an ordinary Add.
    /// The row is written as it is when saved; nothing the save would generate (an identity key) comes back into it.
    /// </summary>
    void InsertWithUnitOfWork<T>(T row)
        where T : class;

    Task<int> SaveChangesAsync(CancellationToken cancellationToken = default);
}
