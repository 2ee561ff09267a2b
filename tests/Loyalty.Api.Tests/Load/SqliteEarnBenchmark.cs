using System.Collections.Concurrent;
using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Loyalty.Api.Tests.Infrastructure;
using Loyalty.Application.Abstractions;
using Loyalty.Contracts.Partner;
using Loyalty.Infrastructure.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Loyalty.Api.Tests.Load;

/// <summary>Runs only when <c>LOYALTY_SQLITE_EARN_BENCH=1</c> (no server database needed).</summary>
public sealed class SqliteEarnBenchmarkFactAttribute : FactAttribute
{
    public const string Variable = "LOYALTY_SQLITE_EARN_BENCH";

    public SqliteEarnBenchmarkFactAttribute()
    {
        if (Environment.GetEnvironmentVariable(Variable) != "1")
        {
            Skip = $"Benchmark: set {Variable}=1.";
        }
    }
}

/// <summary>
/// Where a purchase's time goes on SQLite, in process (no sockets, no wrk): the load harness's purchase (3-line
/// basket, base rate plus a campaign rule) sent one at a time and by many callers at once, with the unit of work
/// taking its write turn before the handler reads (<c>eager</c>, as before issue 15) and at its first write
/// (<c>deferred</c>), alternating in the same run so both see the same machine. Reported per purchase: wall time,
/// time inside the single-writer gate and its wait, every SQL statement's time inside and outside the turn,
/// BEGIN and COMMIT, and the 99th percentile of one turn in the gate. Sizes: LOYALTY_BENCH_PURCHASES (concurrent, per
/// round), LOYALTY_BENCH_SEQUENTIAL, LOYALTY_BENCH_CALLERS, LOYALTY_BENCH_ROUNDS. LOYALTY_BENCH_SQLITE_CHECKPOINT (a time
/// span, e.g. 00:00:00.250) checkpoints the write-ahead log in the background (<c>Database:SqliteCheckpointInterval</c>).
/// </summary>
public sealed partial class SqliteEarnBenchmark(ITestOutputHelper output)
{
    [SqliteEarnBenchmarkFact]
    public async Task Purchases_inside_and_outside_the_write_turn()
    {
        var purchases = BenchmarkSettings.Get("LOYALTY_BENCH_PURCHASES", 1_000);
        var sequential = BenchmarkSettings.Get("LOYALTY_BENCH_SEQUENTIAL", 300);
        var callers = BenchmarkSettings.Get("LOYALTY_BENCH_CALLERS", 64);
        var rounds = BenchmarkSettings.Get("LOYALTY_BENCH_ROUNDS", 2);
        var gate = new TimedWriteGate();
        var statements = new StatementTimer();
        var checkpoint = Environment.GetEnvironmentVariable("LOYALTY_BENCH_SQLITE_CHECKPOINT") is { Length: > 0 } interval ? interval : null;
        await using var api = new LoyaltyApiFactory(
            await TestDatabase.CreateAsync(DatabaseProvider.Sqlite),
            checkpoint is null ? null : new Dictionary<string, string?> { ["Database:SqliteCheckpointInterval"] = checkpoint })
        {
            TestServices = services =>
            {
                services.AddSingleton<IWriteGate>(gate);
                services.ConfigureDbContext<LoyaltyDbContext>(o => o.AddInterceptors(statements));
            },
        };
        var s = await Scenario.StartAsync(api);
        await AddCampaignAsync(s);
        var members = new List<string>();
        for (var i = 0; i < 64; i++)
        {
            members.Add((await s.EnrolAsync()).MemberNumber);
        }

        var run = 0;
        Task<Measured> Run(bool deferred, int count, int parallel) => MeasureAsync(s, gate, statements, members, deferred, count, parallel, $"r{run++}");

        // Warm-up: JIT, EF's query cache, the snapshots, the pool.
        await Run(deferred: false, 300, callers);
        await Run(deferred: true, 300, callers);

        var results = new List<Measured>();
        for (var round = 0; round < rounds; round++)
        {
            foreach (var deferred in new[] { false, true })
            {
                results.Add(await Run(deferred, sequential, 1));
                results.Add(await Run(deferred, purchases, callers));
            }
        }

        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture, $"SQLite purchases in process: {purchases} concurrent ({callers} callers) and {sequential} one at a time per mode and round, {rounds} rounds, {Environment.ProcessorCount} cores, WAL checkpoints {(checkpoint is null ? "SQLite's automatic ones" : "in the background every " + checkpoint)}");
        report.AppendLine("| mode | callers | purchases/s | wall ms/purchase | gate held ms/purchase | gate busy | gate wait ms/purchase | turns/purchase | one turn p99 / max ms | SQL in turn ms | BEGIN ms | COMMIT ms | SQL outside ms | statements in/out |");
        report.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var m in results)
        {
            report.AppendLine(m.Row());
        }

        foreach (var deferred in new[] { false, true })
        {
            report.AppendLine();
            report.AppendLine(CultureInfo.InvariantCulture, $"Statements per purchase, {(deferred ? "deferred" : "eager")}, concurrent runs (µs each; in = inside the write turn):");
            foreach (var (label, stat) in results.Where(r => r.Deferred == deferred && r.Callers > 1).SelectMany(r => r.Statements).GroupBy(p => p.Key)
                .Select(g => (g.Key, new StatementStat(g.Sum(p => p.Value.Count), g.Sum(p => p.Value.Ticks), g.Sum(p => p.Value.InTurn))))
                .OrderByDescending(x => x.Item2.Ticks))
            {
                var total = results.Where(r => r.Deferred == deferred && r.Callers > 1).Sum(r => r.Purchases);
                report.AppendLine(CultureInfo.InvariantCulture, $"  {label,-40} {(double)stat.Count / total,5:0.00}/purchase  {Stopwatch.GetElapsedTime(0, stat.Ticks / Math.Max(1, stat.Count)).TotalMicroseconds,8:0} µs  in turn {stat.InTurn}/{stat.Count}");
            }
        }

        report.AppendLine();
        report.AppendLine(PragmaCost(api.Database.ConnectionString));
        output.WriteLine(report.ToString());
        if (Environment.GetEnvironmentVariable("LOYALTY_BENCH_REPORT") is { Length: > 0 } file)
        {
            await File.WriteAllTextAsync(file, report.ToString());
        }

        // Every purchase committed and every balance is its ledger, in both modes.
        foreach (var member in members)
        {
            await s.AssertBalanceEqualsLedgerAsync(member);
        }
    }

    private static async Task AddCampaignAsync(Scenario s)
    {
        var now = s.Api.Clock.GetUtcNow();
        var campaign = await s.Admin.PostJsonAsync<JsonElement>("/api/v1/admin/campaigns", new { name = "Bench beans " + Unique.Id(), from = now.AddDays(-1), until = now.AddDays(30) });
        var campaignId = campaign.TryGetProperty("id", out var id) ? id.GetGuid() : campaign.GetProperty("campaign").GetProperty("id").GetGuid();
        await s.Admin.PostJsonAsync<JsonElement>("/api/v1/admin/earning-rules", new { name = "Double points on beans", kind = "Multiplier", factor = 2, campaignId, conditions = new { categories = new[] { "beans" } } });
    }

    private static async Task<Measured> MeasureAsync(Scenario s, TimedWriteGate gate, StatementTimer statements, List<string> members, bool deferred, int count, int callers, string tag)
    {
        gate.Deferred = deferred;
        gate.Reset();
        statements.Reset();
        var next = -1;
        var failures = new ConcurrentQueue<string>();
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, callers).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                var request = new RecordPurchaseRequest(members[i % members.Count], s.Store.Id, $"bench-{tag}-{i}-{Unique.Id()}", 42.50m, "EUR", null, Lines:
                [
                    new PurchaseLineRequest("BEAN-1KG", "beans", 1, 18.00m),
                    new PurchaseLineRequest("CUP-TO-GO", "cups", 2, 12.50m),
                    new PurchaseLineRequest("CROISSANT", "pastry", 4, 12.00m),
                ]);
                using var response = await s.Partner.PostAsync("/api/v1/partner/transactions", request, Guid.NewGuid().ToString());
                if (!response.IsSuccessStatusCode)
                {
                    failures.Enqueue($"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
                }
            }
        })));
        var elapsed = Stopwatch.GetElapsedTime(started);
        Assert.True(failures.IsEmpty, string.Join("\n", failures.Take(5)));
        return new Measured(deferred, callers, count, elapsed, gate.Snapshot(), statements.Snapshot());
    }

    /// <summary>What the per-open PRAGMA cost before it was sent once per handle: pooled opens with and without it.</summary>
    private static string PragmaCost(string connectionString)
    {
        const int opens = 5_000;
        var with = Time(pragma: true);
        var without = Time(pragma: false);
        return string.Create(CultureInfo.InvariantCulture, $"Pooled open+close of a SQLite connection: {without:0.0} µs; with `PRAGMA synchronous=NORMAL` on each open: {with:0.0} µs.");

        double Time(bool pragma)
        {
            var start = Stopwatch.GetTimestamp();
            for (var i = 0; i < opens; i++)
            {
                using var connection = new SqliteConnection(connectionString);
                connection.Open();
                if (pragma)
                {
                    using var command = connection.CreateCommand();
                    command.CommandText = "PRAGMA synchronous=NORMAL;";
                    command.ExecuteNonQuery();
                }
            }

            return Stopwatch.GetElapsedTime(start).TotalMicroseconds / opens;
        }
    }

    private sealed record StatementStat(long Count, long Ticks, long InTurn);

    private sealed record Measured(bool Deferred, int Callers, int Purchases, TimeSpan Elapsed, GateStats Gate, Dictionary<string, StatementStat> Statements)
    {
        public string Row()
        {
            double PerPurchase(long ticks) => Stopwatch.GetElapsedTime(0, ticks).TotalMilliseconds / Purchases;
            var inTurn = Statements.Where(p => p.Key is not ("BEGIN" or "COMMIT")).Sum(p => p.Value.InTurn == 0 ? 0 : p.Value.Ticks * p.Value.InTurn / p.Value.Count);
            var outside = Statements.Where(p => p.Key is not ("BEGIN" or "COMMIT")).Sum(p => p.Value.Ticks) - inTurn;
            var countIn = Statements.Where(p => p.Key is not ("BEGIN" or "COMMIT")).Sum(p => p.Value.InTurn);
            var countAll = Statements.Where(p => p.Key is not ("BEGIN" or "COMMIT")).Sum(p => p.Value.Count);
            return string.Create(
                CultureInfo.InvariantCulture,
                $"| {(Deferred ? "deferred" : "eager")} | {Callers} | {Purchases / Elapsed.TotalSeconds:0} | {Elapsed.TotalMilliseconds / Purchases:0.00} | {PerPurchase(Gate.HeldTicks):0.00} | {Stopwatch.GetElapsedTime(0, Gate.HeldTicks) / Elapsed:P0} | {PerPurchase(Gate.WaitTicks):0.00} | {(double)Gate.Entries / Purchases:0.00} | {Stopwatch.GetElapsedTime(0, Gate.P99Ticks).TotalMilliseconds:0.00} / {Stopwatch.GetElapsedTime(0, Gate.MaxTicks).TotalMilliseconds:0.0} | {PerPurchase(inTurn):0.00} | {PerPurchase(Statements.GetValueOrDefault("BEGIN")?.Ticks ?? 0):0.000} | {PerPurchase(Statements.GetValueOrDefault("COMMIT")?.Ticks ?? 0):0.000} | {PerPurchase(outside):0.00} | {(double)countIn / Purchases:0.0}/{(double)(countAll - countIn) / Purchases:0.0} |");
        }
    }

    private sealed record GateStats(long Entries, long WaitTicks, long HeldTicks, long P99Ticks, long MaxTicks);

    /// <summary>
    /// The SQLite gate, timed. <see cref="Deferred"/> false reports a database with row locks, so the unit of work
    /// takes its turn before the handler reads (what every unit of work did before); writers still queue here.
    /// </summary>
    private sealed class TimedWriteGate : IWriteGate
    {
        private readonly SemaphoreSlim _writer = new(1, 1);
        private readonly ConcurrentQueue<long> _turns = new();
        private long _entries;
        private long _waitTicks;
        private long _heldTicks;

        public bool Deferred { get; set; } = true;

        public bool SingleWriter => Deferred;

        public void Reset()
        {
            Interlocked.Exchange(ref _entries, 0);
            Interlocked.Exchange(ref _waitTicks, 0);
            Interlocked.Exchange(ref _heldTicks, 0);
            _turns.Clear();
        }

        public GateStats Snapshot()
        {
            var turns = _turns.Order().ToArray();
            var p99 = turns.Length == 0 ? 0 : turns[Math.Min(turns.Length - 1, (int)Math.Ceiling(turns.Length * 0.99) - 1)];
            return new(Interlocked.Read(ref _entries), Interlocked.Read(ref _waitTicks), Interlocked.Read(ref _heldTicks), p99, turns.Length == 0 ? 0 : turns[^1]);
        }

        public async ValueTask<IAsyncDisposable> EnterAsync(CancellationToken cancellationToken)
        {
            var asked = Stopwatch.GetTimestamp();
            await _writer.WaitAsync(cancellationToken);
            var entered = Stopwatch.GetTimestamp();
            Interlocked.Increment(ref _entries);
            Interlocked.Add(ref _waitTicks, entered - asked);
            return new Exit(this, entered);
        }

        private sealed class Exit(TimedWriteGate gate, long entered) : IAsyncDisposable
        {
            private int _released;

            public ValueTask DisposeAsync()
            {
                if (Interlocked.Exchange(ref _released, 1) == 0)
                {
                    var held = Stopwatch.GetTimestamp() - entered;
                    Interlocked.Add(ref gate._heldTicks, held);
                    gate._turns.Enqueue(held);
                    gate._writer.Release();
                }

                return ValueTask.CompletedTask;
            }
        }
    }

    /// <summary>Every command's time (a reader's until it is disposed), by kind and first table, inside the turn or not; BEGIN and COMMIT.</summary>
    private sealed partial class StatementTimer : DbCommandInterceptor, IDbTransactionInterceptor
    {
        private readonly ConcurrentDictionary<string, long[]> _stats = new();

        public void Reset() => _stats.Clear();

        public Dictionary<string, StatementStat> Snapshot() => _stats.ToDictionary(p => p.Key, p => new StatementStat(p.Value[0], p.Value[1], p.Value[2]));

        public override InterceptionResult DataReaderDisposing(DbCommand command, DataReaderDisposingEventData eventData, InterceptionResult result)
        {
            Add(Label(command.CommandText), eventData.Duration, command.Transaction is not null);
            return result;
        }

        public override ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
        {
            Add(Label(command.CommandText), eventData.Duration, command.Transaction is not null);
            return ValueTask.FromResult(result);
        }

        public override ValueTask<object?> ScalarExecutedAsync(DbCommand command, CommandExecutedEventData eventData, object? result, CancellationToken cancellationToken = default)
        {
            Add(Label(command.CommandText), eventData.Duration, command.Transaction is not null);
            return ValueTask.FromResult(result);
        }

        ValueTask<DbTransaction> IDbTransactionInterceptor.TransactionStartedAsync(DbConnection connection, TransactionEndEventData eventData, DbTransaction result, CancellationToken cancellationToken)
        {
            Add("BEGIN", eventData.Duration, inTurn: true);
            return ValueTask.FromResult(result);
        }

        Task IDbTransactionInterceptor.TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken)
        {
            Add("COMMIT", eventData.Duration, inTurn: true);
            return Task.CompletedTask;
        }

        private void Add(string label, TimeSpan duration, bool inTurn)
        {
            var stat = _stats.GetOrAdd(label, _ => new long[3]);
            Interlocked.Increment(ref stat[0]);
            Interlocked.Add(ref stat[1], (long)(duration.TotalSeconds * Stopwatch.Frequency));
            if (inTurn)
            {
                Interlocked.Increment(ref stat[2]);
            }
        }

        private static string Label(string sql)
        {
            var text = sql.TrimStart();
            var end = text.IndexOfAny([' ', '\n', '\r']);
            var word = (end < 0 ? text : text[..end]).ToUpperInvariant();
            var table = FirstTable().Match(sql);
            return table.Success ? $"{word} {table.Groups[1].Value}" : word;
        }

        [GeneratedRegex("(?:FROM|INTO|UPDATE)\\s+\"([A-Za-z]+)\"", RegexOptions.IgnoreCase)]
        private static partial Regex FirstTable();
    }
}
