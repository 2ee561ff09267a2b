using Loyalty.Domain.Customised.Profiles;
using Loyalty.Domain.Customised.Segments;
using Loyalty.Domain.Financial.Earning;
using Loyalty.Domain.Financial.Ledger;
using Loyalty.Domain.Social.Members;
using Loyalty.Domain.Social.Tiers;
using Loyalty.Domain.Structural.Partners;
using Loyalty.Infrastructure.Persistence;
using Loyalty.Infrastructure.Segments;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Loyalty.Infrastructure.Seeding;

/// <summary>
/// A small demo programme for Development, so Swagger UI can be tried at once: three tiers (points, spend or visits in 12 rolling months), a base earning rule
/// a demo partner with one store, interest topics with three demo members (interests, preferences, consents) and three segments. It only runs on an empty programme and creates no secrets: partner keys
/// are issued through the admin API (see the README).
/// </summary>
public sealed partial class DemoProgrammeSeeder(IDbContextFactory<LoyaltyDbContext> contexts, ISender sender, TimeProvider clock, ILogger<DemoProgrammeSeeder> logger)
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
        var bronze = Tier.Create(new TierDefinition("Bronze", 0, TierThresholds.None, TierThresholds.None, new TierBenefits(1.0m, 0m, null, [])), now);
        db.Tiers.AddRange(
            bronze,
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
        await SeedProfilesAsync(db, bronze.Id, store.Id, now, cancellationToken);
        await DemoOffers.SeedAsync(db, now, cancellationToken);

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

        await SeedAccountManagementAsync(db, store, now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await DemoRecommendations.SeedAsync(db, sender, store, now, cancellationToken);
        await DemoNotifications.SeedAsync(sender, now, cancellationToken);
        await DemoInsight.SeedAsync(db, sender, store, now, cancellationToken);
        await DemoCare.SeedAsync(db, now, cancellationToken);
        await DemoCareHistory.SeedAsync(db, now, cancellationToken);
        await DemoInsight.RefreshAsync(sender, cancellationToken); // after the surveys: the scores and the health's NPS read them
        LogSeeded(partner.Id, store.Id);
    }

    /// <summary>
    /// Interest topics, a profile attribute and three demo members with interests, preferences and consents, so the
    /// profile, consent history and (later) segments and offers have someone to show. Enrolled by staff, as in the admin API.
    /// </summary>
    private static async Task SeedProfilesAsync(LoyaltyDbContext db, Guid entryTierId, Guid storeId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var topics = new[] { ("coffee", "Coffee"), ("tea", "Tea"), ("baking", "Baking"), ("brewing-gear", "Brewing gear"), ("events", "Tastings and events") }
            .ToDictionary(t => t.Item1, t => InterestTopic.Create(t.Item1, t.Item2, now));
        db.InterestTopics.AddRange(topics.Values);
        db.ProfileAttributeDefinitions.Add(ProfileAttributeDefinition.Create("brew-method", "How you brew at home", AttributeType.Choice, ["Espresso", "Filter", "French press", "Capsules"], memberEditable: true, now));

        var demo = new[]
        {
            (First: "Ada", Last: "Lovelace", Interests: new[] { "coffee", "brewing-gear" }, Email: true, Sms: false, Profiling: true, Channel: ContactChannel.Email),
            (First: "Grace", Last: "Hopper", Interests: new[] { "tea", "baking", "events" }, Email: true, Sms: true, Profiling: false, Channel: ContactChannel.Sms),
            (First: "Alan", Last: "Turing", Interests: new[] { "coffee" }, Email: false, Sms: false, Profiling: true, Channel: ContactChannel.Push),
        };
        foreach (var d in demo)
        {
            var member = Member.Enrol(MemberNumber.Generate(), new MemberDetails(d.First, d.Last, $"{d.First.ToLowerInvariant()}@members.demo.example", null, null), entryTierId, EnrolmentChannel.Admin, now, storeId: storeId);
            db.Members.Add(member);
            db.PointsAccounts.Add(PointsAccount.Open(member.Id, now));
            db.TierChanges.Add(TierChange.Record(member.Id, null, entryTierId, TierChangeReason.Enrolment, null, now));
            db.MemberInterests.AddRange(d.Interests.Select(code => MemberInterest.Add(member.Id, topics[code].Id, now)));
            var profile = MemberProfile.Start(member.Id, now);
            profile.SetPreferredStore(storeId, now);
            profile.SetPreferredChannel(d.Channel, now);
            profile.SetLanguage("en", now);
            db.MemberProfiles.Add(profile);
            foreach (var (purpose, channel, granted) in new[] { (ConsentPurpose.Marketing, ContactChannel.Email, d.Email), (ConsentPurpose.Marketing, ContactChannel.Sms, d.Sms), (ConsentPurpose.Profiling, ContactChannel.None, d.Profiling) })
            {
                if (granted)
                {
                    var consent = MemberConsent.Record(member.Id, purpose, channel, true, ConsentSource.Staff, now);
                    db.MemberConsents.Add(consent);
                    db.ConsentChanges.Add(ConsentChange.Of(consent, "demo seed"));
                }
            }
        }

        await db.SaveChangesAsync(cancellationToken);
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
        Segment.Create(
            "Coffee lovers by e-mail",
            "Interested in coffee and reachable by e-mail.",
            new SegmentRule
            {
                Kind = SegmentRuleKind.All,
                Rules =
                [
                    new SegmentRule { Kind = SegmentRuleKind.Interest, Topics = ["coffee"] },
                    new SegmentRule { Kind = SegmentRuleKind.Consent, Purpose = ConsentPurpose.Marketing, Channel = ContactChannel.Email },
                ],
            },
            now),
    ];

    [LoggerMessage(Level = LogLevel.Information, Message = "Seeded the demo programme: partner {PartnerId}, store {StoreId}")]
    private partial void LogSeeded(Guid partnerId, Guid storeId);
}
