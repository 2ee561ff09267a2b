using System.Diagnostics;
using Loyalty.Application.Features.Insight.Churn;
using Loyalty.Application.Features.Insight.Value;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Loyalty.Api.Tests.Load;

/// <summary>Runs only when LOYALTY_INSIGHT_BENCH=1 (see tests/load/insight-bench.sh): it seeds a million members and ten million purchases.</summary>
public sealed class InsightBenchmarkFactAttribute() : BenchmarkFactAttribute("LOYALTY_INSIGHT_BENCH", "tests/load/insight-bench.sh");

/// <summary>
/// One insight run (value, RFM, class and churn score for every member, inserted as a snapshot) against a million
/// members with ten purchases each on PostgreSQL, seeded with SQL (generate_series) into a fresh database; each member
/// has their own rhythm (every 5–34 days) and their own last purchase (0–147 days ago), over two years, with one
/// purchase in twenty partly returned, an earn ledger entry per purchase and campaign earn lines for a quarter of the
/// members. Then one churn backtest as of 180 days ago, the programme-health rollup on its own, and the programme-health
/// and campaign-value reads. Fails above the 2-minute target.
/// </summary>
[Trait("Category", "Benchmark")]
public sealed class InsightBenchmark(ITestOutputHelper output) : PostgreSqlBenchmark(output)
{
    private static readonly TimeSpan Target = TimeSpan.FromMinutes(2);

    [InsightBenchmarkFact]
    public async Task Scoring_a_million_members_takes_under_two_minutes_on_PostgreSQL()
    {
        var members = Setting("LOYALTY_BENCH_MEMBERS", 1_000_000);
        var perMember = Setting("LOYALTY_BENCH_PURCHASES_PER_MEMBER", 10);

        // The members and their purchases; then the ledger behind programme health's points flow (an earn per purchase,
        // a redemption per tenth member) and base-rate earn lines for each member's first purchase, one member in four
        // under one of four campaigns (campaign value's "reached").
        var seeding = await SeedAsync(
            $"""
            CREATE TEMP TABLE bench_members AS
            SELECT gen_random_uuid() AS "Id", g AS n FROM generate_series(0, {members} - 1) g;
            INSERT INTO "Members" ("Id", "MemberNumber", "FirstName", "LastName", "Email", "NormalizedEmail", "Status", "TierId", "EnrolmentChannel", "EnrolledAt", "TierSince")
            SELECT b."Id", '9' || lpad(b.n::text, 11, '0'), 'Bench', 'Member' || b.n, 'bench' || b.n || '@example.com', 'BENCH' || b.n || '@EXAMPLE.COM',
                   'Active', (SELECT "Id" FROM "Tiers" WHERE "Rank" = b.n % 2), 'Store', now() - interval '3 years', now() - interval '1 year'
            FROM bench_members b;
            INSERT INTO "Purchases" ("Id", "MemberId", "PartnerId", "StoreId", "ExternalId", "Amount", "Currency", "PurchasedAt", "RecordedAt",
                                     "PointsEarned", "ReturnedAmount", "PointsReversed", "PointsWrittenOff")
            SELECT gen_random_uuid(), b."Id", s."PartnerId", s."Id", 'B-' || b.n || '-' || k, 10 + (b.n * 7 + k * 13) % 90, 'EUR',
                   now() - (((b.n % 50) * 3) + (k - 1) * (5 + b.n % 30) + (k * b.n) % 4) * interval '1 day', now(), 0,
                   CASE WHEN (b.n + k) % 20 = 0 THEN 5 ELSE 0 END, 0, 0
            FROM bench_members b CROSS JOIN (SELECT "Id", "PartnerId" FROM "Stores" LIMIT 1) s
            CROSS JOIN generate_series(1, {perMember}) k;
            """,
            """
            INSERT INTO "LedgerEntries" ("MemberId", "Type", "Points", "PendingPoints", "Description", "OccurredAt", "PartnerId", "StoreId", "PurchaseId")
            SELECT p."MemberId", 'Earn', 10, 0, 'Bench', p."PurchasedAt", p."PartnerId", p."StoreId", p."Id" FROM "Purchases" p;
            INSERT INTO "LedgerEntries" ("MemberId", "Type", "Points", "PendingPoints", "Description", "OccurredAt")
            SELECT b."Id", 'Redeem', -50, 0, 'Bench', now() - (b.n % 700) * interval '1 day' FROM bench_members b WHERE b.n % 10 = 0;
            INSERT INTO "EarnBreakdownLines" ("MemberId", "PurchaseId", "Sequence", "Kind", "RuleId", "RuleVersion", "CampaignId", "Description", "Points", "EarnedAt")
            SELECT p."MemberId", p."Id", 0, 'base', r."Id", r."Version",
                   CASE WHEN b.n % 4 = 0 THEN ('00000000-0000-0000-0000-00000000000' || (b.n % 16 / 4))::uuid END, 'Bench', 10, p."PurchasedAt"
            FROM "Purchases" p JOIN bench_members b ON b."Id" = p."MemberId"
            CROSS JOIN (SELECT "Id", "Version" FROM "EarningRules" ORDER BY "CreatedAt" LIMIT 1) r
            WHERE p."ExternalId" LIKE 'B-%-1';
            """);
        var purchases = await ScalarAsync("""SELECT COUNT(*) FROM "Purchases" """);
        Output.WriteLine($"Seeded {members:N0} members with {purchases:N0} purchases in {seeding.TotalSeconds:F1} s.");

        var run = Stopwatch.StartNew();
        var scored = await SendAsync(new RefreshInsightCommand("benchmark"));
        run.Stop();
        var classes = await ScalarAsync($"""SELECT COUNT(DISTINCT "Class") FROM "MemberInsights" WHERE "RunId" = '{scored.Id}'""");
        var drifting = await ScalarAsync($"""SELECT COUNT(*) FROM "MemberInsights" WHERE "RunId" = '{scored.Id}' AND "Class" = 'Drifting'""");
        Output.WriteLine($"Scored {scored.Members:N0} members (value, RFM, class, churn; {drifting:N0} drifting) over {purchases:N0} purchases in {run.Elapsed.TotalSeconds:F1} s.");

        var backtestRun = Stopwatch.StartNew();
        var backtest = await SendAsync(new RunChurnBacktestQuery(Api.Clock.GetUtcNow().AddDays(-180)));
        Output.WriteLine($"Backtested {backtest.Members:N0} members as of 180 days ago in {backtestRun.Elapsed.TotalSeconds:F1} s: precision@10% {backtest.Model.PrecisionAtTop10Percent:F3} (recency {backtest.RecencyBaseline.PrecisionAtTop10Percent:F3}), AUC {backtest.Model.Auc:F3} (recency {backtest.RecencyBaseline.Auc:F3}).");

        // Programme health: the rollup the refresh ran (all 36 months on a first run), timed on its own, then the
        // reads the dashboard makes — they read the stored months, so their time does not grow with purchases.
        var rollup = Stopwatch.StartNew();
        await using (var scope = Api.Services.CreateAsyncScope())
        {
            var now = Domain.Insight.Health.HealthMeasures.IndexOf(Api.Clock.GetUtcNow());
            await scope.ServiceProvider.GetRequiredService<Application.Features.Insight.Health.IProgrammeHealthSums>().ComputeAsync(now - 35, now, default);
        }

        rollup.Stop();
        Output.WriteLine($"Rolled up programme health for 36 months over {purchases:N0} purchases in {rollup.Elapsed.TotalSeconds:F1} s.");
        foreach (var (label, query) in new (string, object)[]
                 {
                     ("programme health, 12 months", new Application.Features.Insight.Health.GetProgrammeHealthQuery(null, null)),
                     ("programme health, 36 months", new Application.Features.Insight.Health.GetProgrammeHealthQuery(
                         Domain.Insight.Health.HealthMeasures.Key(Domain.Insight.Health.HealthMeasures.IndexOf(Api.Clock.GetUtcNow()) - 35), null)),
                     ("campaign value", new Application.Features.Insight.Health.GetCampaignValueQuery(null)),
                     // The rest of the staff dashboard's insight reads, as an administrator sees them.
                     ("value distribution", new GetValueDistributionQuery()),
                     ("class summary", new Application.Features.Insight.Classes.GetClassSummaryQuery()),
                     ("class transitions", new Application.Features.Insight.Classes.ListClassTransitionsQuery()),
                     ("churn risk by tier", new Application.Features.Insight.Dashboard.GetChurnRiskByTierQuery()),
                     ("members at risk, first page", new ListAtRiskMembersQuery(new Application.Features.Customised.AccountManagers.StaffCaller("benchmark", null))),
                 })
        {
            var times = new List<double>();
            for (var i = 0; i < 3; i++)
            {
                await using var scope = Api.Services.CreateAsyncScope();
                var read = Stopwatch.StartNew();
                await scope.ServiceProvider.GetRequiredService<ISender>().Send(query);
                times.Add(read.Elapsed.TotalMilliseconds);
            }

            Output.WriteLine($"Read {label} in {times.Min():F0} ms (best of 3; first {times[0]:F0} ms).");
        }

        Assert.True(scored.Members >= members);
        Assert.Equal(3, classes);
        Assert.True(run.Elapsed < Target, $"Scoring took {run.Elapsed.TotalSeconds:F1} s; the target is {Target.TotalSeconds} s.");
    }
}
