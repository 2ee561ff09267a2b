using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using Loyalty.Api.Tests.Infrastructure;
using Loyalty.Application.Features.Structural.Imports;
using Loyalty.Contracts.Partner;
using Xunit.Abstractions;

namespace Loyalty.Api.Tests.Load;

/// <summary>Runs only when LOYALTY_IMPORT_BENCH=1 (see tests/load/import-bench.sh).</summary>
public sealed class ImportBenchmarkFactAttribute() : BenchmarkFactAttribute("LOYALTY_IMPORT_BENCH", "tests/load/import-bench.sh");

/// <summary>
/// Uploads a CSV of 100,000 offline purchases (spread over 1,000 members enrolled through the API) to a fresh PostgreSQL
/// database and times the import job until the import completes; checks every row earned and balance == ledger.
/// </summary>
[Trait("Category", "Benchmark")]
public sealed class ImportBenchmark(ITestOutputHelper output) : PostgreSqlBenchmark(output)
{
    private static readonly TimeSpan Target = TimeSpan.FromMinutes(2);

    [ImportBenchmarkFact]
    public async Task A_hundred_thousand_rows_import_within_two_minutes_on_PostgreSQL()
    {
        var rows = Setting("LOYALTY_BENCH_ROWS", 100_000);
        var memberCount = Setting("LOYALTY_BENCH_MEMBERS", 1_000);
        var parallelism = Setting("LOYALTY_BENCH_PARALLELISM", 4);

        var s = await Scenario.StartAsync(Api);
        var members = new List<string>(memberCount);
        for (var i = 0; i < memberCount; i++)
        {
            members.Add((await s.EnrolAsync()).MemberNumber);
        }

        var at = Api.Clock.GetUtcNow().AddDays(-1).ToString("O", CultureInfo.InvariantCulture);
        var csv = new StringBuilder("memberNumber,storeId,externalId,amount,currency,purchasedAt\n");
        for (var i = 0; i < rows; i++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{members[i % memberCount]},{s.Store.Id},BENCH-{i},{10 + (i % 90)}.50,EUR,{at}\n");
        }

        var upload = Stopwatch.StartNew();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/partner/imports") { Content = new StringContent(csv.ToString(), Encoding.UTF8, "text/csv") };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        using var response = await s.Partner.SendAsync(request);
        await response.EnsureStatusAsync(HttpStatusCode.Accepted);
        var import = (await response.Content.ReadFromJsonAsync<ImportResponse>(HttpTestExtensions.Json))!;
        upload.Stop();
        Output.WriteLine($"Uploaded {rows:N0} rows ({csv.Length / 1024.0 / 1024.0:F1} MB) in {upload.Elapsed.TotalSeconds:F1} s.");

        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var counting = Api.Commands.Start();
        var run = Stopwatch.StartNew();
        var settled = 0;
        int handled;
        do
        {
            handled = await SendAsync(new ProcessImportsCommand(Parallelism: parallelism));
            settled += handled;
        }
        while (handled > 0);
        run.Stop();
        var commands = Api.Commands.Count;
        counting.Dispose();
        cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        Output.WriteLine($"Imported {settled:N0} rows in {run.Elapsed.TotalSeconds:F1} s ({settled / run.Elapsed.TotalSeconds:N0} rows/s, {parallelism} side by side).");
        Output.WriteLine($"Imported: {(double)commands / settled:F2} database commands and {cpu.TotalMilliseconds / settled:F2} ms of API-process CPU per row.");

        var done = await s.Partner.GetJsonAsync<ImportResponse>($"/api/v1/partner/imports/{import.Id}");
        Assert.Equal((ImportStatus.Completed, rows, rows), (done.Status, done.Processed, done.Earned));
        Assert.Equal(0, await ScalarAsync("""
            SELECT COUNT(*) FROM "PointsAccounts" a
            WHERE a."Available" <> (SELECT COALESCE(SUM(e."Points"), 0) FROM "LedgerEntries" e WHERE e."MemberId" = a."MemberId")
            """));
        foreach (var member in members.Take(5))
        {
            await s.AssertBalanceEqualsLedgerAsync(member);
        }

        Assert.True(run.Elapsed + upload.Elapsed < Target, $"The import took {(run.Elapsed + upload.Elapsed).TotalSeconds:F1} s; the target is {Target.TotalSeconds} s.");
    }
}
