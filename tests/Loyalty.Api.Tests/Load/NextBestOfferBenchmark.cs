using System.Diagnostics;
using Loyalty.Application.Features.Customised.Recommendations;
using Xunit.Abstractions;

namespace Loyalty.Api.Tests.Load;

/// <summary>Runs only when LOYALTY_NBO_BENCH=1 (see tests/load/nbo-bench.sh): it seeds a million members and ten million purchase lines.</summary>
public sealed class NextBestOfferBenchmarkFactAttribute() : BenchmarkFactAttribute("LOYALTY_NBO_BENCH", "tests/load/nbo-bench.sh");

/// <summary>
/// The next-best-offer refresh for every member on PostgreSQL, seeded with SQL (generate_series) into a fresh
/// database: members (nine in ten consenting to profiling) with a staple category in most baskets, a few popular categories and noise, one categorised
/// reward per category. Reports the refresh time (target under 5 minutes) and the leave-last-out hit rate at 3
/// against the most-popular baseline on that history.
/// </summary>
[Trait("Category", "Benchmark")]
public sealed class NextBestOfferBenchmark(ITestOutputHelper output) : PostgreSqlBenchmark(output)
{
    private static readonly TimeSpan Target = TimeSpan.FromMinutes(5);

    [NextBestOfferBenchmarkFact]
    public async Task Every_members_next_best_offer_is_refreshed_within_five_minutes_on_PostgreSQL()
    {
        var members = Setting("LOYALTY_BENCH_MEMBERS", 1_000_000);
        var purchases = Setting("LOYALTY_BENCH_PURCHASES", 3_333_334); // three lines each: ten million lines
        const int categories = 50;

        var seeding = await SeedAsync($"""
            INSERT INTO "Members" ("Id", "MemberNumber", "FirstName", "LastName", "Email", "NormalizedEmail", "Status", "TierId", "EnrolmentChannel", "EnrolledAt")
            SELECT gen_random_uuid(), '8' || lpad(g::text, 11, '0'), 'Nbo', 'Member' || g, 'nbo' || g || '@example.com', 'NBO' || g || '@EXAMPLE.COM',
                   'Active', (SELECT "Id" FROM "Tiers" ORDER BY "Rank" LIMIT 1), 'Store', now() - interval '2 years'
            FROM generate_series(1, {members}) g;
            CREATE TEMP TABLE bench_members AS SELECT "Id", row_number() OVER (ORDER BY "MemberNumber") - 1 AS n FROM "Members" WHERE "FirstName" = 'Nbo';
            CREATE UNIQUE INDEX ON bench_members (n);
            INSERT INTO "PointsAccounts" ("MemberId", "Available", "Pending", "Held", "LifetimeEarned", "UpdatedAt")
            SELECT "Id", 0, 0, 0, 0, now() FROM bench_members;
            -- Nine members in ten consent to profiling: the others get recommendations from popularity only.
            INSERT INTO "MemberConsents" ("MemberId", "Purpose", "Channel", "Granted", "ChangedAt", "Source")
            SELECT "Id", 'Profiling', 'None', true, now() - interval '1 year', 'App' FROM bench_members WHERE n % 10 <> 0;
            CREATE TEMP TABLE bench_purchases AS
            SELECT gen_random_uuid() AS id, m."Id" AS member_id, m.n, g,
                   now() - ((g::bigint * 7919) % 360) * interval '1 day' - (g % 86400) * interval '1 second' AS at
            FROM generate_series(0, {purchases} - 1) g JOIN bench_members m ON m.n = g % {members};
            INSERT INTO "Purchases" ("Id", "MemberId", "PartnerId", "StoreId", "ExternalId", "Amount", "Currency", "PurchasedAt", "RecordedAt",
                                     "PointsEarned", "ReturnedAmount", "PointsReversed", "PointsWrittenOff")
            SELECT p.id, p.member_id, s."PartnerId", s."Id", 'NBO-' || p.g, 30, 'EUR', p.at, p.at, 0, 0, 0, 0
            FROM bench_purchases p CROSS JOIN (SELECT "Id", "PartnerId" FROM "Stores" LIMIT 1) s;
            -- Line 0: the member's staple in 8 baskets of 10; line 1: one of ten popular categories (skewed); line 2: noise.
            INSERT INTO "PurchaseLines" ("PurchaseId", "MemberId", "Sequence", "Category", "Quantity", "Amount", "PurchasedAt")
            SELECT p.id, p.member_id, l,
                   'cat-' || CASE l WHEN 0 THEN CASE WHEN random() < 0.8 THEN p.n % {categories} ELSE floor(random() * {categories})::int END
                                    WHEN 1 THEN floor(power(random(), 3) * 10)::int
                                    ELSE floor(random() * {categories})::int END,
                   1, 10, p.at
            FROM bench_purchases p CROSS JOIN generate_series(0, 2) l;
            INSERT INTO "Rewards" ("Id", "Name", "Description", "PointsCost", "VoucherValidityDays", "IsActive", "CreatedAt", "UpdatedAt", "Category")
            SELECT gen_random_uuid(), 'Bench reward ' || c, '', 100 + c, 30, true, now(), now(), 'cat-' || c FROM generate_series(0, {categories} - 1) c;
            """);
        var lines = await ScalarAsync("""SELECT COUNT(*) FROM "PurchaseLines" """);
        Output.WriteLine($"Seeded {members:N0} members, {purchases:N0} purchases and {lines:N0} purchase lines in {seeding.TotalSeconds:F1} s.");

        var run = Stopwatch.StartNew();
        var refreshed = await SendAsync(new RefreshRecommendationsCommand());
        run.Stop();
        Output.WriteLine($"Refreshed {refreshed.Members:N0} members ({refreshed.Recommendations:N0} recommendations, {refreshed.CoPurchasePairs:N0} co-purchase pairs) in {run.Elapsed.TotalSeconds:F1} s ({refreshed.Members / run.Elapsed.TotalSeconds:N0} members/s).");

        var evaluating = Stopwatch.StartNew();
        var result = await SendAsync(new EvaluateRecommendationsQuery(3, 20_000));
        Output.WriteLine($"Evaluated hit rate at 3 over {result.Members:N0} members: {result.HitRate:P1} against {result.BaselineHitRate:P1} for the 3 most popular categories ({evaluating.Elapsed.TotalSeconds:F1} s).");

        Assert.True(await ScalarAsync("""SELECT COUNT(DISTINCT "MemberId") FROM "MemberRecommendations" """) >= members);
        Assert.True(run.Elapsed < Target, $"The refresh took {run.Elapsed.TotalSeconds:F1} s; the target is {Target.TotalSeconds} s.");
    }
}
