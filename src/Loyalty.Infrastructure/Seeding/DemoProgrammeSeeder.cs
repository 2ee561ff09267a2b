using Loyalty.Domain.Customised.Segments;
using Loyalty.Domain.Financial.Earning;
using Loyalty.Domain.Social.Tiers;
using Loyalty.Domain.Structural.Partners;
using Loyalty.Infrastructure.Persistence;
using Loyalty.Infrastructure.Segments;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Loyalty.Infrastructure.Seeding;

/// <summary>
/// A small demo programme for Development, so Swagger UI can be tried at once: three tiers (points, spend or visits in 12 rolling months), a base earning rule
/// a demo partner with one store, and two segments (regulars of the demo store, and members who have not bought for 60 days). It only runs on an empty programme and creates no secrets: partner keys
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
        var segments = DemoSegments(store.Id, now);
        db.Segments.AddRange(segments);
        await db.SaveChangesAsync(cancellationToken);

        // Materialised at once, so the walk-through lists them with a refresh time; the hourly job (or POST .../refresh) keeps them current.
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            var membership = new SqlSegmentMembership(db, []);
            foreach (var segment in segments)
            {
                await membership.RefreshAsync(segment, now, cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }

        LogSeeded(partner.Id, store.Id);
    }

    private static Segment[] DemoSegments(Guid storeId, DateTimeOffset now) =>
    [
        Segment.Create(
            "Demo store regulars",
            "Three or more purchases at the demo store in the last 90 days.",
            new SegmentRule
            {
                Kind = SegmentRuleKind.All,
                Rules =
                [
                    new SegmentRule { Kind = SegmentRuleKind.Store, StoreIds = [storeId], WindowDays = 90 },
                    new SegmentRule { Kind = SegmentRuleKind.Visits, WindowDays = 90, Min = 3 },
                ],
            },
            now),
        Segment.Create(
            "Lapsed 60 days",
            "No purchase for 60 days or more (including members who never bought): candidates for a win-back offer.",
            new SegmentRule { Kind = SegmentRuleKind.DaysSinceLastPurchase, Min = 60 },
            now),
    ];

    [LoggerMessage(Level = LogLevel.Information, Message = "Seeded the demo programme: partner {PartnerId}, store {StoreId}")]
    private partial void LogSeeded(Guid partnerId, Guid storeId);
}
