using System.Diagnostics;
using System.Diagnostics.Tracing;
using System.Globalization;
using System.Net;
using System.Text;
using Loyalty.Api.Tests.Infrastructure;
using Loyalty.Contracts.Admin;
using Loyalty.Contracts.Member;
using Loyalty.Infrastructure.Persistence;
using Xunit.Abstractions;


namespace Loyalty.Api.Tests.Load;

/// <summary>Runs only when LOYALTY_ALLOC_BENCH=1; on every provider the run can reach (PostgreSQL with LOYALTY_TEST_POSTGRES).</summary>
public sealed class AllocationBenchmarkTheoryAttribute : TheoryAttribute
{
    public AllocationBenchmarkTheoryAttribute()
    {
        if (Environment.GetEnvironmentVariable("LOYALTY_ALLOC_BENCH") != "1")
        {
            Skip = "Benchmark: set LOYALTY_ALLOC_BENCH=1 (and LOYALTY_TEST_POSTGRES for PostgreSQL); see tests/load/README.md, issue 15.";
        }
    }
}

/// <summary>
/// Bytes allocated and CPU spent per request on the two hot paths, in process and one request at a time, so the
/// figures are counts that do not depend on how busy the machine is (unlike requests per second): a purchase at the
/// till (load harness basket: three lines, the base rate and a campaign's multiplier) and the app's balance read.
/// The database runs in its own process, so its CPU is not counted; the HTTP client and the in-memory test server
/// are (a <c>/health/live</c> row shows that floor). <c>LOYALTY_ALLOC_BENCH_TYPES=1</c> also lists the types
/// allocated most (the runtime's allocation samples, one per ~100 KB).
/// </summary>
[Trait("Category", "Benchmark")]
public sealed class HotPathAllocationBenchmark(ITestOutputHelper output)
{
    [AllocationBenchmarkTheory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Allocations_and_CPU_per_request_on_the_hot_paths(DatabaseProvider provider)
    {
        var requests = BenchmarkSettings.Get("LOYALTY_ALLOC_BENCH_REQUESTS", 2_000);
        var warmUp = BenchmarkSettings.Get("LOYALTY_ALLOC_BENCH_WARMUP", 500);
        var memberCount = BenchmarkSettings.Get("LOYALTY_ALLOC_BENCH_MEMBERS", 100);
        var appUsers = BenchmarkSettings.Get("LOYALTY_ALLOC_BENCH_APP_USERS", 20);
        var types = Environment.GetEnvironmentVariable("LOYALTY_ALLOC_BENCH_TYPES") == "1";
        var only = Environment.GetEnvironmentVariable("LOYALTY_ALLOC_BENCH_ONLY"); // e.g. "transactions", for a trace of one path

        await using var api = new LoyaltyApiFactory(await TestDatabase.CreateAsync(provider));
        var s = await Scenario.StartAsync(api);

        // The load harness's programme (tests/load/run.sh, seed): the demo base rate plus a running campaign with one
        // multiplier rule on beans, so a purchase evaluates two rules and one campaign.
        var now = api.Clock.GetUtcNow();
        var campaign = await s.Admin.PostJsonAsync<CampaignResponse>("/api/v1/admin/campaigns", new CampaignRequest("Bench beans " + Unique.Id(), now.AddDays(-1), now.AddDays(30)));
        await s.Admin.PostJsonAsync<EarningRuleResponse>("/api/v1/admin/earning-rules", new EarningRuleRequest(
            "Double points on beans", EarningRuleKind.Multiplier, Factor: 2m, CampaignId: campaign.Id, Conditions: new EarningRuleConditions(Categories: ["beans"])));

        var members = new List<string>(memberCount);
        for (var i = 0; i < memberCount; i++)
        {
            members.Add((await s.EnrolAsync()).MemberNumber);
        }

        var apps = new List<HttpClient>(appUsers);
        for (var i = 0; i < appUsers; i++)
        {
            var app = s.MemberClient("bench-" + Unique.Id());
            await app.PostJsonAsync<MemberProfileResponse>("/api/v1/me", new SelfEnrolRequest("App", "User" + i, $"bench{Unique.Id()}@example.com", null, null));
            apps.Add(app);
        }

        var health = api.CreateClient();
        var run = Unique.Id();
        var purchase = 0;
        async Task Purchase()
        {
            var n = purchase++;
            var body = string.Create(CultureInfo.InvariantCulture, $$"""
                {"memberNumber":"{{members[n % members.Count]}}","storeId":"{{s.Store.Id}}","externalId":"rcpt-{{run}}-{{n}}","amount":42.50,"currency":"EUR","lines":[{"sku":"BEAN-1KG","category":"beans","quantity":1,"amount":18.00},{"sku":"CUP-TO-GO","category":"cups","quantity":2,"amount":12.50},{"sku":"CROISSANT","category":"pastry","quantity":4,"amount":12.00}]}
                """);
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/partner/transactions") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            request.Headers.Add("Idempotency-Key", $"bench-{run}-{n}");
            using var response = await s.Partner.SendAsync(request);
            await Drain(response, HttpStatusCode.Created);
        }

        var read = 0;
        async Task Balance()
        {
            using var response = await apps[read++ % apps.Count].GetAsync("/api/v1/me/points");
            await Drain(response, HttpStatusCode.OK);
        }

        async Task Live()
        {
            using var response = await health.GetAsync("/health/live");
            await Drain(response, HttpStatusCode.OK);
        }

        var table = new StringBuilder();
        table.AppendLine(CultureInfo.InvariantCulture, $"{provider}: {requests:N0} requests per row after {warmUp:N0} warm-up requests, one at a time, in process");
        // The GC mode is the test host's unless set (DOTNET_gcServer=1 for the API's server GC; see tests/load/README.md).
        table.AppendLine(CultureInfo.InvariantCulture, $"GC: {(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")}, {Environment.ProcessorCount} cores");
        table.AppendLine("| request | bytes allocated / request | CPU µs / request (API + client) | wall µs / request | JIT-compiled methods during the run | gen0/gen1/gen2 GCs | GCs / 1,000 requests | GC pause % of wall | working set MB after |");
        table.AppendLine("|---|---:|---:|---:|---:|---|---:|---:|---:|");
        var samples = new StringBuilder();
        foreach (var (name, act) in new (string, Func<Task>)[] { ("POST /api/v1/partner/transactions", Purchase), ("GET /api/v1/me/points", Balance), ("GET /health/live", Live) })
        {
            if (only is { Length: > 0 } && !name.Contains(only, StringComparison.Ordinal))
            {
                continue;
            }

            for (var i = 0; i < warmUp; i++)
            {
                await act();
            }

            using var sampler = types ? new AllocationSampler() : null;
            var measured = await Measure(requests, act);
            table.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {measured.Bytes:N0} | {measured.CpuMicroseconds:N0} | {measured.WallMicroseconds:N0} | {measured.Jitted} | {measured.Collections} | {measured.GcsPerThousand:N1} | {measured.PausePercent:N1} | {measured.WorkingSetMb:N0} |");
            if (sampler is not null)
            {
                samples.AppendLine(CultureInfo.InvariantCulture, $"{name}: types allocated most (sampled bytes per request)");
                foreach (var (type, bytes) in sampler.Top(40))
                {
                    samples.AppendLine(CultureInfo.InvariantCulture, $"  {bytes / requests,8:N0}  {type}");
                }
            }
        }

        output.WriteLine(table.ToString());
        output.WriteLine(samples.ToString());
        Console.WriteLine(table.ToString()); // also to the console: dotnet test shows it with --logger "console;verbosity=normal"
        Console.WriteLine(samples.ToString());
    }

    private static async Task Drain(HttpResponseMessage response, HttpStatusCode expected)
    {
        if (response.StatusCode != expected)
        {
            Assert.Fail($"{response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }

        await response.Content.ReadAsByteArrayAsync();
    }

    private sealed record Measurement(long Bytes, long CpuMicroseconds, long WallMicroseconds, int Jitted, string Collections, double GcsPerThousand, double PausePercent, long WorkingSetMb);

    private static async Task<Measurement> Measure(int requests, Func<Task> act)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var process = Process.GetCurrentProcess();
        var gcs = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
        var jitted = System.Runtime.JitInfo.GetCompiledMethodCount(currentThread: false);
        var pause = GC.GetTotalPauseDuration();
        var cpu = process.TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        var bytes = GC.GetTotalAllocatedBytes(precise: true);
        for (var i = 0; i < requests; i++)
        {
            await act();
        }

        bytes = GC.GetTotalAllocatedBytes(precise: true) - bytes;
        wall.Stop();
        process.Refresh();
        var cpuUsed = process.TotalProcessorTime - cpu;
        var paused = GC.GetTotalPauseDuration() - pause;
        var gen0 = GC.CollectionCount(0) - gcs.Item1; // every collection counts gen0 too
        return new Measurement(
            bytes / requests,
            (long)(cpuUsed.TotalMicroseconds / requests),
            (long)(wall.Elapsed.TotalMicroseconds / requests),
            (int)(System.Runtime.JitInfo.GetCompiledMethodCount(currentThread: false) - jitted),
            $"{gen0}/{GC.CollectionCount(1) - gcs.Item2}/{GC.CollectionCount(2) - gcs.Item3}",
            gen0 * 1000.0 / requests,
            100 * paused / wall.Elapsed,
            process.WorkingSet64 / (1024 * 1024));
    }

    /// <summary>The runtime's allocation samples (GCAllocationTick, about one per 100 KB allocated), added up by type.</summary>
    private sealed class AllocationSampler : EventListener
    {
        private readonly Dictionary<string, long> _bytes = [];
        private volatile bool _on = true;

        public IEnumerable<(string Type, long Bytes)> Top(int count)
        {
            lock (_bytes)
            {
                _on = false;
                return _bytes.OrderByDescending(b => b.Value).Take(count).Select(b => (b.Key, b.Value)).ToList();
            }
        }

        protected override void OnEventSourceCreated(EventSource eventSource)
        {
            if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
            {
                EnableEvents(eventSource, EventLevel.Verbose, (EventKeywords)0x1); // GC keyword: AllocationTick is verbose
            }
        }

        protected override void OnEventWritten(EventWrittenEventArgs eventData)
        {
            if (!_on || eventData.EventName is not { } name || !name.StartsWith("GCAllocationTick", StringComparison.Ordinal) || eventData.Payload is null)
            {
                return;
            }

            var type = eventData.PayloadNames!.IndexOf("TypeName") is var t and >= 0 ? eventData.Payload[t] as string ?? "?" : "?";
            var amount = eventData.PayloadNames.IndexOf("AllocationAmount64") is var a and >= 0 ? Convert.ToInt64(eventData.Payload[a], CultureInfo.InvariantCulture) : 100_000;
            lock (_bytes)
            {
                _bytes[type] = _bytes.GetValueOrDefault(type) + amount;
            }
        }
    }
}
