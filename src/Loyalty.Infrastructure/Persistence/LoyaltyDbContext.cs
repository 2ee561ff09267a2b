using Loyalty.Application.Abstractions;
using Loyalty.Application.Common;
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
using Loyalty.Infrastructure.Idempotency;
using Loyalty.Infrastructure.Scaling;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace Loyalty.Infrastructure.Persistence;

public sealed class LoyaltyDbContext(DbContextOptions<LoyaltyDbContext> options) : DbContext(options), ILoyaltyDbContext, IReportingDbContext, IDataProtectionKeyContext
{
    public DbSet<Member> Members => Set<Member>();

    public DbSet<CacheGeneration> CacheGenerations => Set<CacheGeneration>();

    public DbSet<ServiceInstance> ServiceInstances => Set<ServiceInstance>();

    public DbSet<PointsAccount> PointsAccounts => Set<PointsAccount>();

    public DbSet<LedgerEntry> LedgerEntries => Set<LedgerEntry>();

    public DbSet<PointsLot> PointsLots => Set<PointsLot>();

    public DbSet<LotDebit> LotDebits => Set<LotDebit>();

    public DbSet<PointsPolicy> PointsPolicies => Set<PointsPolicy>();

    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();

    public DbSet<Purchase> Purchases => Set<Purchase>();

    public DbSet<Redemption> Redemptions => Set<Redemption>();

    public DbSet<Reward> Rewards => Set<Reward>();

    public DbSet<Voucher> Vouchers => Set<Voucher>();
    public DbSet<PurchaseReturn> PurchaseReturns => Set<PurchaseReturn>();

    public DbSet<PointsTransfer> PointsTransfers => Set<PointsTransfer>();

    public DbSet<BulkGrant> BulkGrants => Set<BulkGrant>();

    public DbSet<BulkGrantItem> BulkGrantItems => Set<BulkGrantItem>();

    public DbSet<Tier> Tiers => Set<Tier>();

    public DbSet<TierProgramme> TierProgrammes => Set<TierProgramme>();

    public DbSet<TierChange> TierChanges => Set<TierChange>();
    public DbSet<ClubEvent> ClubEvents => Set<ClubEvent>();

    public DbSet<ClubEventRegistration> ClubEventRegistrations => Set<ClubEventRegistration>();

    public DbSet<EarningRule> EarningRules => Set<EarningRule>();

    public DbSet<Campaign> Campaigns => Set<Campaign>();

    public DbSet<EarnBreakdownLine> EarnBreakdownLines => Set<EarnBreakdownLine>();

    public DbSet<PurchaseLine> PurchaseLines => Set<PurchaseLine>();

    public DbSet<DayBonusGrant> DayBonusGrants => Set<DayBonusGrant>();

    public DbSet<TierSchemeVersion> TierSchemeVersions => Set<TierSchemeVersion>();

    public DbSet<Partner> Partners => Set<Partner>();

    public DbSet<Store> Stores => Set<Store>();

    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();

    public DbSet<WebhookSubscription> WebhookSubscriptions => Set<WebhookSubscription>();

    public DbSet<WebhookDelivery> WebhookDeliveries => Set<WebhookDelivery>();

    public DbSet<AuditLogEntry> AuditLog => Set<AuditLogEntry>();

    public DbSet<MemberReferralCode> MemberReferralCodes => Set<MemberReferralCode>();

    public DbSet<Referral> Referrals => Set<Referral>();

    public DbSet<ReferralProgramme> ReferralProgrammes => Set<ReferralProgramme>();

    public DbSet<Import> Imports => Set<Import>();

    public DbSet<ImportRow> ImportRows => Set<ImportRow>();

    // Customised: profiles and consents
    public DbSet<InterestTopic> InterestTopics => Set<InterestTopic>();

    public DbSet<MemberInterest> MemberInterests => Set<MemberInterest>();

    public DbSet<MemberProfile> MemberProfiles => Set<MemberProfile>();

    public DbSet<Household> Households => Set<Household>();

    public DbSet<ProfileAttributeDefinition> ProfileAttributeDefinitions => Set<ProfileAttributeDefinition>();

    public DbSet<MemberAttributeValue> MemberAttributeValues => Set<MemberAttributeValue>();

    public DbSet<PartnerMemberAttribute> PartnerMemberAttributes => Set<PartnerMemberAttribute>();

    public DbSet<MemberConsent> MemberConsents => Set<MemberConsent>();

    public DbSet<ConsentChange> ConsentChanges => Set<ConsentChange>();

    // Customised: segments
    public DbSet<Segment> Segments => Set<Segment>();

    public DbSet<SegmentMember> SegmentMembers => Set<SegmentMember>();

    public DbSet<SegmentMembershipChange> SegmentMembershipChanges => Set<SegmentMembershipChange>();

    public DbSet<PersonalOffer> PersonalOffers => Set<PersonalOffer>();

    public DbSet<OfferTarget> OfferTargets => Set<OfferTarget>();

    public DbSet<OfferAssignment> OfferAssignments => Set<OfferAssignment>();
    public DbSet<MemberRecommendation> MemberRecommendations => Set<MemberRecommendation>();

    public DbSet<CategoryCoPurchase> CategoryCoPurchases => Set<CategoryCoPurchase>();

    public DbSet<CategoryPopularity> CategoryPopularity => Set<CategoryPopularity>();
    // Account managers and key-account files (Customised layer).
    public DbSet<AccountManager> AccountManagers => Set<AccountManager>();

    public DbSet<PortfolioAssignment> PortfolioAssignments => Set<PortfolioAssignment>();

    public DbSet<AssignmentChange> AssignmentChanges => Set<AssignmentChange>();

    public DbSet<KeyAccountFile> KeyAccountFiles => Set<KeyAccountFile>();

    public DbSet<KeyAccountInteraction> KeyAccountInteractions => Set<KeyAccountInteraction>();

    public DbSet<PriorityServiceMember> PriorityServiceMembers => Set<PriorityServiceMember>();

    public DbSet<PriorityServiceTier> PriorityServiceTiers => Set<PriorityServiceTier>();

    // Interest notifications (Customised layer).
    public DbSet<ContentInterest> ContentInterests => Set<ContentInterest>();

    public DbSet<MemberNotification> MemberNotifications => Set<MemberNotification>();

    public DbSet<NotificationSettings> NotificationSettings => Set<NotificationSettings>();
    public DbSet<InsightRun> InsightRuns => Set<InsightRun>();

    public DbSet<MemberInsight> MemberInsights => Set<MemberInsight>();

    public DbSet<ProgrammeHealthMonth> ProgrammeHealthMonths => Set<ProgrammeHealthMonth>();

    public DbSet<ProgrammeHealthAcquisition> ProgrammeHealthAcquisitions => Set<ProgrammeHealthAcquisition>();

    public DbSet<CampaignRunValue> CampaignRunValues => Set<CampaignRunValue>();

    public DbSet<RunValueCell> RunValueCells => Set<RunValueCell>();

    public DbSet<RetentionAction> RetentionActions => Set<RetentionAction>();
    // Care: service cases, satisfaction surveys and reasons for leaving.
    public DbSet<ServiceCase> ServiceCases => Set<ServiceCase>();

    public DbSet<CaseStep> CaseSteps => Set<CaseStep>();

    public DbSet<Survey> Surveys => Set<Survey>();

    public DbSet<SurveyDimensionAnswer> SurveyDimensionAnswers => Set<SurveyDimensionAnswer>();

    public DbSet<SurveyTrigger> SurveyTriggers => Set<SurveyTrigger>();

    public DbSet<MemberLeavingReason> LeavingReasons => Set<MemberLeavingReason>();

    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();

    /// <summary>The Data Protection key ring, shared by every API instance (webhook secrets are protected with it).</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    private UnitOfWorkInserts? _inserts;

    public void InsertWithUnitOfWork<T>(T row)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(row);
        // The rows belong to the unit of work, begun or not: SQLite's deferred one has no transaction before its first write.
        if (InsertOwner() is not { } owner)
        {
            Set<T>().Add(row);
            return;
        }

        (_inserts ??= new UnitOfWorkInserts()).Add(owner, Model.FindEntityType(typeof(T))!, this.GetService<ISqlGenerationHelper>(), row);
    }

    /// <summary>True while rows from <see cref="InsertWithUnitOfWork{T}"/> wait for this unit of work's save.</summary>
    internal bool HasPendingInserts => _inserts is not null && _inserts.PendingFor(InsertOwner()) > 0;

    /// <summary>What untracked rows belong to: the open write transaction, else a transaction begun on the context directly.</summary>
    private object? InsertOwner() => (object?)WriteTransaction.Of(this) ?? Database.CurrentTransaction;

    /// <summary>Writes the pending untracked rows and <paramref name="update"/> in one command (the idempotency journal's commit).</summary>
    internal Task SaveInsertsAsync(UnitOfWorkInserts.Update? update, CancellationToken cancellationToken) =>
        (_inserts ?? new UnitOfWorkInserts()).FlushAsync(this, this.GetService<ISqlGenerationHelper>(), update, cancellationToken);

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        // The untracked rows first: a row EF tracks may refer to them (an offer's voucher to its purchase).
        if (HasPendingInserts)
        {
            await SaveInsertsAsync(null, cancellationToken);
        }

        return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        HasPendingInserts
            ? throw new InvalidOperationException("Untracked rows are saved by SaveChangesAsync only.")
            : base.SaveChanges(acceptAllChangesOnSuccess);

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);

        // SQLite has no date/time type: store instants as UTC ticks, sortable 64-bit numbers, so ORDER BY and range
        // filters work there as on the server databases. Every instant we store is UTC.
        if (Database.IsSqlite())
        {
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
        }
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(LoyaltyDbContext).Assembly);

        // Partial indexes over the lots that still hold points: the expiry and release jobs scan only those, however
        // many spent lots accumulate. The filter is SQL, so it is quoted the provider's way.
        var remaining = Database.IsSqlServer() ? "[Remaining] > 0" : "\"Remaining\" > 0";
        var lots = modelBuilder.Entity<PointsLot>();
        lots.HasIndex(l => new { l.MemberId, l.IsPending, l.Id }, "IX_PointsLots_Spendable").HasFilter(remaining);
        lots.HasIndex(l => l.ExpiresAt, "IX_PointsLots_Expiring").HasFilter(remaining);
        // The balance's first expiry is the lowest ExpiresAt of the member's spendable lots: one index step, however many lots.
        lots.HasIndex(l => new { l.MemberId, l.IsPending, l.ExpiresAt }, "IX_PointsLots_MemberExpiry").HasFilter(remaining);
        lots.HasIndex(l => l.PendingUntil, "IX_PointsLots_PendingUntil").HasFilter(Database.IsSqlServer() ? "[IsPending] = 1" : "\"IsPending\"");
        Configurations.TierIndexes.Configure(modelBuilder, Database.IsSqlServer());
    }
}
