using System.Diagnostics;
using Loyalty.Application.Features.Financial.Expiry;
using Xunit.Abstractions;

namespace Loyalty.Api.Tests.Load;

/// <summary>Runs only when LOYALTY_EXPIRY_BENCH=1 (see tests/load/expiry-bench.sh): it seeds a million lots.</summary>
public sealed class ExpiryBenchmarkFactAttribute() : BenchmarkFactAttribute("LOYALTY_EXPIRY_BENCH", "tests/load/expiry-bench.sh");

/// <summary>
/// The expiry job against a million expired lots on PostgreSQL, seeded with SQL (generate_series) into a fresh
/// database, next to live lots that must not move. Fails above the 60 s target.
/// </summary>
[Trait("Category", "Benchmark")]
public sealed class ExpiryBenchmark(ITestOutputHelper output) : PostgreSqlBenchmark(output)
{
    private static readonly TimeSpan Target = TimeSpan.FromSeconds(60);

    [ExpiryBenchmarkFact]
    public async Task A_million_expired_lots_expire_within_a_minute_on_PostgreSQL()
    {
        var lots = Setting("LOYALTY_BENCH_LOTS", 1_000_000);
        var members = Setting("LOYALTY_BENCH_MEMBERS", 250_000);
        var liveLots = Setting("LOYALTY_BENCH_LIVE_LOTS", 1_000_000);
        var batch = Setting("LOYALTY_BENCH_BATCH", ExpirePointsCommand.DefaultMembersPerBatch);
        var parallelism = Setting("LOYALTY_BENCH_PARALLELISM", ExpirePointsCommand.DefaultParallelism);

        var seeding = await SeedAsync($"""
            INSERT INTO "Members" ("Id", "MemberNumber", "FirstName", "LastName", "Email", "NormalizedEmail", "Status", "TierId", "EnrolmentChannel", "EnrolledAt")
            SELECT gen_random_uuid(), '9' || lpad(g::text, 11, '0'), 'Bench', 'Member' || g, 'bench' || g || '@example.com', 'BENCH' || g || '@EXAMPLE.COM',
                   'Active', (SELECT "Id" FROM "Tiers" ORDER BY "Rank" LIMIT 1), 'Store', now() - interval '2 years'
            FROM generate_series(1, {members}) g;
            CREATE TEMP TABLE bench_members AS SELECT "Id", row_number() OVER (ORDER BY "MemberNumber") - 1 AS n FROM "Members" WHERE "FirstName" = 'Bench';
            CREATE UNIQUE INDEX ON bench_members (n);
            INSERT INTO "PointsAccounts" ("MemberId", "Available", "Pending", "Held", "LifetimeEarned", "UpdatedAt")
            SELECT "Id", 0, 0, 0, 0, now() FROM bench_members;
            -- Expired lots, partly spent (60 of 100 left), expiry dates spread over the last day.
            INSERT INTO "PointsLots" ("MemberId", "Points", "Remaining", "EarnedAt", "ExpiresAt", "IsPending")
            SELECT m."Id", 100, 60, now() - interval '400 days', now() - interval '1 day' + (g % 86000) * interval '1 second', false
            FROM generate_series(0, {lots} - 1) g JOIN bench_members m ON m.n = g % {members};
            -- Live lots that must not move.
            INSERT INTO "PointsLots" ("MemberId", "Points", "Remaining", "EarnedAt", "ExpiresAt", "IsPending")
            SELECT m."Id", 100, 100, now() - interval '10 days', now() + interval '300 days', false
            FROM generate_series(0, {liveLots} - 1) g JOIN bench_members m ON m.n = g % {members};
            UPDATE "PointsAccounts" a SET "Available" = s.total, "LifetimeEarned" = s.total
            FROM (SELECT "MemberId", SUM("Remaining") AS total FROM "PointsLots" GROUP BY "MemberId") s
            WHERE s."MemberId" = a."MemberId";
            """);
        Output.WriteLine($"Seeded {lots:N0} expired and {liveLots:N0} live lots for {members:N0} members in {seeding.TotalSeconds:F1} s.");

        var run = Stopwatch.StartNew();
        await SendAsync(new ExpirePointsCommand(batch, parallelism));
        run.Stop();
        var perSecond = lots / run.Elapsed.TotalSeconds;
        Output.WriteLine($"Expired {lots:N0} lots of {Math.Min(members, lots):N0} members in {run.Elapsed.TotalSeconds:F1} s ({perSecond:N0} lots/s, {batch:N0} members per batch, {parallelism} at a time).");

        Assert.Equal(Math.Min(members, lots), await ScalarAsync("""SELECT COUNT(*) FROM "LedgerEntries" WHERE "Type" = 'Expire'"""));
        Assert.Equal(-60L * lots, await ScalarAsync("""SELECT COALESCE(SUM("Points"), 0) FROM "LedgerEntries" WHERE "Type" = 'Expire'"""));
        Assert.Equal(Math.Min(members, lots), await ScalarAsync("""SELECT COUNT(*) FROM "OutboxMessages" WHERE "Type" = 'points.expired'"""));
        Assert.Equal(0, await ScalarAsync("""SELECT COUNT(*) FROM "PointsLots" WHERE "ExpiresAt" <= now() AND "Remaining" > 0"""));
        Assert.Equal(100L * liveLots, await ScalarAsync("""SELECT COALESCE(SUM("Remaining"), 0) FROM "PointsLots" """));
        // The balances still equal their lots, member by member.
        Assert.Equal(0, await ScalarAsync("""
            SELECT COUNT(*) FROM "PointsAccounts" a
            LEFT JOIN (SELECT "MemberId", SUM("Remaining") AS total FROM "PointsLots" WHERE NOT "IsPending" GROUP BY "MemberId") l ON l."MemberId" = a."MemberId"
            WHERE a."Available" <> COALESCE(l.total, 0)
            """));
        Assert.True(run.Elapsed < Target, $"Expiry took {run.Elapsed.TotalSeconds:F1} s; the target is {Target.TotalSeconds} s.");
    }
}
