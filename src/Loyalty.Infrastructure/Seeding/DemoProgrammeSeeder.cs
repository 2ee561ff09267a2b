using Loyalty.Domain.Financial.Earning;
using Loyalty.Domain.Social.Tiers;
using Loyalty.Domain.Structural.Partners;
using Loyalty.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Loyalty.Infrastructure.Seeding;

/// <summary>
/// A small demo programme for Development, so Swagger UI can be tried at once: three tiers (points, spend or visits in 12 rolling months), a base earning rule
/// and a demo partner with one store. It only runs on an empty programme and creates no secrets: partner keys
/// are issued through the admin API (see the README).
/// </summary>
public sealed partial class DemoProgrammeSeeder(IDbContextFactory<LoyaltyDbContext> contexts, TimeProvider clock, ILogger<DemoProgrammeSeeder> logger)
{
    public const string DemoPartnerName = "Demo Coffee Roasters";
    public const string DemoStoreCode = "DEMO-001";

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await db.Tiers.AnyAsync(cancellationToken))
        {
            return;
        }

        var now = clock.GetUtcNow();
        db.Tiers.AddRange(
            Tier.Create(new TierDefinition("Bronze", 0, TierThresholds.None, TierThresholds.None, new TierBenefits(1.0m, 0m, null, [])), now),
            Tier.Create(
                new TierDefinition(
                    "Silver",
                    1,
                    new TierThresholds(1_000, null, null),
                    TierThresholds.None, // kept by earning what reaching it took
                    new TierBenefits(1.25m, 5m, 48, ["Free delivery"])),
                now),
            Tier.Create(
                new TierDefinition(
                    "Gold",
                    2,
                    new TierThresholds(5_000, null, null),
                    TierThresholds.None,
                    new TierBenefits(1.5m, 10m, 4, ["Free delivery", "Birthday gift", "Early access to sales"])),
                now));
        db.TierProgrammes.Add(TierProgramme.Create(TierProgrammeSettings.Default, now));
        db.EarningRules.Add(EarningRule.BaseRate("Base rate", 1m, "EUR", now));
        var partner = Partner.Create(DemoPartnerName, "partners@demo.example", now);
        db.Partners.Add(partner);
        var store = Store.Open(partner.Id, "Demo Coffee, Main Street", DemoStoreCode, "Springfield", now);
        db.Stores.Add(store);
        await db.SaveChangesAsync(cancellationToken);
        await SeedAccountManagementAsync(db, store, now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        LogSeeded(partner.Id, store.Id);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Seeded the demo programme: partner {PartnerId}, store {StoreId}")]
    private partial void LogSeeded(Guid partnerId, Guid storeId);
}
