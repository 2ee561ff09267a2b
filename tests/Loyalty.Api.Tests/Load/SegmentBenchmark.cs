using System.Diagnostics;
using Loyalty.Application.Features.Customised.Segments;
using Loyalty.Domain.Customised.Segments;
using Loyalty.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Loyalty.Api.Tests.Load;

/// <summary>Runs only when LOYALTY_SEGMENT_BENCH=1 (see tests/load/segment-bench.sh): it seeds a million members and ten million purchases.</summary>
public sealed class SegmentBenchmarkFactAttribute() : BenchmarkFactAttribute("LOYALTY_SEGMENT_BENCH", "tests/load/segment-bench.sh");

/// <summary>
/// One segment refresh against a million members with ten purchases each on PostgreSQL, seeded with SQL
/// (generate_series) into a fresh database. The definition mixes a tier, spend and visits in 90 days and recency, so
/// every member's purchases are looked at. Checks the count against the preview's and one segment.entered message
/// per member. Fails above the 2-minute target.
/// </summary>
[Trait("Category", "Benchmark")]
public sealed class SegmentBenchmark(ITestOutputHelper output) : PostgreSqlBenchmark(output)
{
    private static readonly TimeSpan Target = TimeSpan.FromMinutes(2);

    [SegmentBenchmarkFact]
    public async Task A_segment_over_a_million_members_refreshes_within_two_minutes_on_PostgreSQL()
    {
        var members = Setting("LOYALTY_BENCH_MEMBERS", 1_000_000);
        var perMember = Setting("LOYALTY_BENCH_PURCHASES_PER_MEMBER", 10);

        var seeding = await SeedAsync($"""
            CREATE TEMP TABLE bench_members AS
            SELECT gen_random_uuid() AS "Id", g AS n FROM generate_series(0, {members} - 1) g;
            INSERT INTO "Members" ("Id", "MemberNumber", "FirstName", "LastName", "Email", "NormalizedEmail", "Status", "TierId", "EnrolmentChannel", "EnrolledAt", "TierSince")
            SELECT b."Id", '9' || lpad(b.n::text, 11, '0'), 'Bench', 'Member' || b.n, 'bench' || b.n || '@example.com', 'BENCH' || b.n || '@EXAMPLE.COM',
                   'Active', (SELECT "Id" FROM "Tiers" WHERE "Rank" = b.n % 2), 'Store', now() - interval '2 years', now() - interval '1 year'
            FROM bench_members b;
            INSERT INTO "Purchases" ("Id", "MemberId", "PartnerId", "StoreId", "ExternalId", "Amount", "Currency", "PurchasedAt", "RecordedAt",
                                     "PointsEarned", "ReturnedAmount", "PointsReversed", "PointsWrittenOff")
            SELECT gen_random_uuid(), b."Id", s."PartnerId", s."Id", 'B-' || b.n || '-' || k, 10 + (b.n * 7 + k * 13) % 90, 'EUR',
                   now() - ((b.n + k * 37) % 365) * interval '1 day', now(), 0, 0, 0, 0
            FROM bench_members b CROSS JOIN (SELECT "Id", "PartnerId" FROM "Stores" LIMIT 1) s
            CROSS JOIN generate_series(1, {perMember}) k;
            """);
        var purchases = await ScalarAsync("""SELECT COUNT(*) FROM "Purchases" """);
        Output.WriteLine($"Seeded {members:N0} members with {purchases:N0} purchases in {seeding.TotalSeconds:F1} s.");

        Guid segmentId;
        int previewCount;
        await using (var db = Api.CreateDbContext())
        {
            var bronze = await db.Tiers.Where(t => t.Rank == 0).Select(t => t.Id).SingleAsync();
            var definition = new SegmentRule
            {
                Kind = SegmentRuleKind.All,
                Rules =
                [
                    new SegmentRule { Kind = SegmentRuleKind.Tier, TierIds = [bronze] },
                    new SegmentRule { Kind = SegmentRuleKind.Spend, WindowDays = 90, Currency = "EUR", Min = 100 },
                    new SegmentRule { Kind = SegmentRuleKind.Visits, WindowDays = 90, Min = 2 },
                    new SegmentRule { Kind = SegmentRuleKind.DaysSinceLastPurchase, Max = 30 },
                ],
            };
            var segment = Segment.Create("Bench", null, definition, Api.Clock.GetUtcNow());
            db.Segments.Add(segment);
            await db.SaveChangesAsync();
            segmentId = segment.Id;
        }

        var previewRun = Stopwatch.StartNew();
        await using (var scope = Api.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LoyaltyDbContext>();
            var segment = await db.Segments.SingleAsync(s => s.Id == segmentId);
            previewCount = await scope.ServiceProvider.GetRequiredService<ISegmentMembership>().Matching(segment.Definition, Api.Clock.GetUtcNow()).CountAsync();
        }

        Output.WriteLine($"Previewed {previewCount:N0} members in {previewRun.Elapsed.TotalSeconds:F1} s.");

        // The demo programme's own segments entered their members at start-up; count only what this refresh writes.
        var enteredBefore = await ScalarAsync("""SELECT COUNT(*) FROM "OutboxMessages" WHERE "Type" = 'segment.entered'""");
        var run = Stopwatch.StartNew();
        var refreshed = await SendAsync(new RefreshSegmentCommand(segmentId));
        run.Stop();
        Output.WriteLine($"Refreshed a segment of {refreshed.MemberCount:N0} members ({refreshed.Entered:N0} entered) over {purchases:N0} purchases in {run.Elapsed.TotalSeconds:F1} s.");

        Assert.True(refreshed.MemberCount > 0);
        Assert.Equal(previewCount, refreshed.MemberCount);
        Assert.Equal(refreshed.MemberCount, refreshed.Entered);
        Assert.Equal(refreshed.Entered, await ScalarAsync("""SELECT COUNT(*) FROM "OutboxMessages" WHERE "Type" = 'segment.entered'""") - enteredBefore);
        Assert.True(run.Elapsed < Target, $"The segment refresh took {run.Elapsed.TotalSeconds:F1} s; the target is {Target.TotalSeconds} s.");
    }
}
