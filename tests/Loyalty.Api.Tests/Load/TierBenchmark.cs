using System.Diagnostics;
using Loyalty.Application.Features.Social.Tiers;
using Xunit.Abstractions;

namespace Loyalty.Api.Tests.Load;

/// <summary>Runs only when LOYALTY_TIER_BENCH=1 (see tests/load/tier-bench.sh): it seeds a million members.</summary>
public sealed class TierBenchmarkFactAttribute() : BenchmarkFactAttribute("LOYALTY_TIER_BENCH", "tests/load/tier-bench.sh");

/// <summary>
/// The tier review job against a million Silver members on PostgreSQL, all due, with 2–5 purchases each, seeded
/// with SQL (generate_series) into a fresh database: a third keep Silver, a third start grace, a third are past
/// grace and move down to Bronze. Fails above the 2-minute target.
/// </summary>
[Trait("Category", "Benchmark")]
public sealed class TierBenchmark(ITestOutputHelper output) : PostgreSqlBenchmark(output)
{
    private static readonly TimeSpan Target = TimeSpan.FromMinutes(2);

    [TierBenchmarkFact]
    public async Task A_million_members_are_reviewed_within_two_minutes_on_PostgreSQL()
    {
        var members = Setting("LOYALTY_BENCH_MEMBERS", 1_000_000);
        var batch = Setting("LOYALTY_BENCH_BATCH", ReviewTiersCommand.DefaultMembersPerBatch);
        var parallelism = Setting("LOYALTY_BENCH_PARALLELISM", ReviewTiersCommand.DefaultParallelism);

        // Group n % 3: 0 keeps Silver (500 points a purchase), 1 falls short and gets grace, 2 is past grace and moves down (100 a purchase).
        var seeding = await SeedAsync($"""
            CREATE TEMP TABLE bench_members AS
            SELECT gen_random_uuid() AS "Id", g AS n FROM generate_series(0, {members} - 1) g;
            CREATE UNIQUE INDEX ON bench_members (n);
            INSERT INTO "Members" ("Id", "MemberNumber", "FirstName", "LastName", "Email", "NormalizedEmail", "Status", "TierId", "EnrolmentChannel", "EnrolledAt",
                                   "TierSince", "TierReviewAt", "TierGraceUntil")
            SELECT b."Id", '9' || lpad(b.n::text, 11, '0'), 'Bench', 'Member' || b.n, 'bench' || b.n || '@example.com', 'BENCH' || b.n || '@EXAMPLE.COM',
                   'Active', (SELECT "Id" FROM "Tiers" WHERE "Rank" = 1), 'Store', now() - interval '2 years',
                   now() - interval '13 months', now() - interval '40 days',
                   CASE WHEN b.n % 3 = 2 THEN now() - interval '10 days' END
            FROM bench_members b;
            INSERT INTO "Purchases" ("Id", "MemberId", "PartnerId", "StoreId", "ExternalId", "Amount", "Currency", "PurchasedAt", "RecordedAt",
                                     "PointsEarned", "ReturnedAmount", "PointsReversed", "PointsWrittenOff")
            SELECT gen_random_uuid(), b."Id", s."PartnerId", s."Id", 'B-' || b.n || '-' || k, CASE WHEN b.n % 3 = 0 THEN 500 ELSE 100 END, 'EUR',
                   now() - interval '41 days' - (b.n % 300) * interval '1 day' + k * interval '1 hour', now() - interval '41 days',
                   CASE WHEN b.n % 3 = 0 THEN 500 ELSE 100 END, 0, 0, 0
            FROM bench_members b CROSS JOIN (SELECT "Id", "PartnerId" FROM "Stores" LIMIT 1) s
            CROSS JOIN LATERAL generate_series(1, 2 + (b.n % 4)) k;
            """);
        var purchases = await ScalarAsync("""SELECT COUNT(*) FROM "Purchases" """);
        Output.WriteLine($"Seeded {members:N0} members due for review with {purchases:N0} purchases in {seeding.TotalSeconds:F1} s.");

        var run = Stopwatch.StartNew();
        var reviewed = await SendAsync(new ReviewTiersCommand(batch, parallelism));
        run.Stop();
        Output.WriteLine($"Reviewed {reviewed:N0} members in {run.Elapsed.TotalSeconds:F1} s ({reviewed / run.Elapsed.TotalSeconds:N0} members/s, {batch:N0} members per batch, {parallelism} at a time).");

        var (kept, grace, down) = ((members + 2) / 3, (members + 1) / 3, members / 3);
        Assert.Equal(members, reviewed);
        Assert.Equal(down, await ScalarAsync("""SELECT COUNT(*) FROM "TierChanges" WHERE "Reason" = 'Downgraded'"""));
        Assert.Equal(down, await ScalarAsync("""SELECT COUNT(*) FROM "OutboxMessages" WHERE "Type" = 'tier.changed'"""));
        Assert.Equal(down, await ScalarAsync("""SELECT COUNT(*) FROM "Members" m JOIN "Tiers" t ON t."Id" = m."TierId" WHERE m."FirstName" = 'Bench' AND t."Rank" = 0 AND m."TierReviewAt" IS NULL"""));
        Assert.Equal(grace, await ScalarAsync("""SELECT COUNT(*) FROM "Members" WHERE "FirstName" = 'Bench' AND "TierGraceUntil" = "TierReviewAt" + interval '30 days'"""));
        Assert.Equal(kept, await ScalarAsync("""SELECT COUNT(*) FROM "Members" WHERE "FirstName" = 'Bench' AND "TierGraceUntil" IS NULL AND "TierReviewAt" > now()"""));
        Assert.True(run.Elapsed < Target, $"The tier review took {run.Elapsed.TotalSeconds:F1} s; the target is {Target.TotalSeconds} s.");
    }
}
