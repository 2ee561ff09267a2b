using Loyalty.Domain.Financial.Earning;
using Loyalty.Domain.Social.Tiers;
using Loyalty.Domain.Structural.Partners;
using Loyalty.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Loyalty.Infrastructure.Seeding;

/// <summary>
/// A small demo programme for Development, so Swagger UI can be tried at once: three tiers, a base earning rule
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
            Tier.Create("Bronze", 0, 1.0m, 0, now),
            Tier.Create("Silver", 1, 1.25m, 1_000, now),
            Tier.Create("Gold", 2, 1.5m, 5_000, now));
        db.EarningRules.Add(EarningRule.BaseRate("Base rate", 1m, "EUR", now));
        var partner = Partner.Create(DemoPartnerName, "partners@demo.example", now);
        db.Partners.Add(partner);
        var store = Store.Open(partner.Id, "Demo Coffee, Main Street", DemoStoreCode, "Springfield", now);
        db.Stores.Add(store);
        await db.SaveChangesAsync(cancellationToken);
        LogSeeded(partner.Id, store.Id);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Seeded the demo programme: partner {PartnerId}, store {StoreId}")]
    private partial void LogSeeded(Guid partnerId, Guid storeId);
}
