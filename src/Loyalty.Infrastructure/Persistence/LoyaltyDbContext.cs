using Loyalty.Application.Abstractions;
using Loyalty.Domain.Audit;
using Loyalty.Domain.Financial.Earning;
using Loyalty.Domain.Financial.Ledger;
using Loyalty.Domain.Financial.Purchases;
using Loyalty.Domain.Financial.Redemptions;
using Loyalty.Domain.Social.Members;
using Loyalty.Domain.Social.Tiers;
using Loyalty.Domain.Structural.ApiKeys;
using Loyalty.Domain.Structural.Partners;
using Loyalty.Infrastructure.Idempotency;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Infrastructure.Persistence;

public sealed class LoyaltyDbContext(DbContextOptions<LoyaltyDbContext> options) : DbContext(options), ILoyaltyDbContext
{
    public DbSet<Member> Members => Set<Member>();

    public DbSet<PointsAccount> PointsAccounts => Set<PointsAccount>();

    public DbSet<LedgerEntry> LedgerEntries => Set<LedgerEntry>();

    public DbSet<Purchase> Purchases => Set<Purchase>();

    public DbSet<Redemption> Redemptions => Set<Redemption>();

    public DbSet<Tier> Tiers => Set<Tier>();

    public DbSet<EarningRule> EarningRules => Set<EarningRule>();

    public DbSet<Campaign> Campaigns => Set<Campaign>();

    public DbSet<EarnBreakdownLine> EarnBreakdownLines => Set<EarnBreakdownLine>();

    public DbSet<Partner> Partners => Set<Partner>();

    public DbSet<Store> Stores => Set<Store>();

    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();

    public DbSet<AuditLogEntry> AuditLog => Set<AuditLogEntry>();

    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();

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

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(LoyaltyDbContext).Assembly);
}
