using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Loyalty.Api.Tests.Infrastructure;
using Loyalty.Api.Tests.Insight;
using Loyalty.Contracts.Admin;
using Loyalty.Contracts.Partner;
using Loyalty.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Loyalty.Api.Tests.Platform;

/// <summary>
/// The read replica on a real PostgreSQL streaming standby (scripts/postgres-replica.sh): with replay paused on the
/// standby, a purchase succeeds and a primary read shows it while the liability report does not; once replay resumes
/// the report catches up. The test API's command counter records every command with the server it ran on: writes only
/// ever reach the primary, and each report reads the standby. Runs when <see cref="ReplicaVariable"/> names a standby of
/// <see cref="TestDatabase.PostgresVariable"/>'s cluster.
/// </summary>
public sealed partial class ReadReplicaTests(ReadReplicaTests.Replica replica) : IClassFixture<ReadReplicaTests.Replica>
{
    public const string ReplicaVariable = "LOYALTY_TEST_POSTGRES_REPLICA";

    /// <summary>A statement that only reads: SELECT or WITH … SELECT, after any comment lines.</summary>
    private static Regex Read { get; } = ReadPattern();

    [ReplicaFact]
    public async Task Reports_read_the_standby_while_writes_and_the_till_stay_on_the_primary()
    {
        var api = await replica.StartAsync();
        using var counting = api.Commands.Start();
        var s = await Scenario.StartAsync(api);
        var member = await s.EnrolAsync();
        await s.EarnAsync(member.MemberNumber, 100m);
        await replica.CatchUpAsync();
        var before = (await LiabilityAsync(s)).Outstanding.Points;
        Assert.Equal(await replica.PrimaryOutstandingAsync(), before);

        await replica.PauseReplayAsync();
        long onPrimary;
        try
        {
            var mark = api.Commands.Mark();
            var purchase = await s.EarnAsync(member.MemberNumber, 50m); // a standby refuses writes: this one went elsewhere
            Assert.True(purchase.PointsEarned > 0);
            var sent = api.Commands.Since(mark);
            Assert.Contains(sent, c => c.Sql.Contains("INSERT", StringComparison.OrdinalIgnoreCase));
            Assert.All(sent, c => Assert.Equal(replica.PrimaryServer, c.Server));

            // The till's read sees its own write at once; the report, on the paused standby, does not yet.
            onPrimary = await replica.PrimaryOutstandingAsync();
            Assert.True(onPrimary > before);
            var lookup = await s.Partner.GetJsonAsync<MemberLookupResponse>($"/api/v1/partner/members/{member.MemberNumber}");
            Assert.Equal(await s.AssertBalanceEqualsLedgerAsync(member.MemberNumber), lookup.AvailablePoints);

            mark = api.Commands.Mark();
            var lagging = await LiabilityAsync(s);
            Assert.Equal(before, lagging.Outstanding.Points);
            Assert.Contains(api.Commands.Since(mark), c => c.Server == replica.StandbyServer && c.Sql.Contains("\"LedgerEntries\"", StringComparison.Ordinal));
        }
        finally
        {
            await replica.ResumeReplayAsync();
        }

        var caughtUp = await Replica.WithinAsync(Replica.CatchUpLimit, async () => (await LiabilityAsync(s)).Outstanding.Points == onPrimary);
        Assert.True(caughtUp, "the report never showed the purchase after replay resumed");
        replica.AssertTheStandbyOnlyRead(api.Commands.Since(0));
    }

    [ReplicaFact]
    public async Task Every_report_on_the_reporting_context_answers_from_the_standby()
    {
        var api = await replica.StartAsync();
        using var counting = api.Commands.Start();
        var s = await Scenario.StartAsync(api);
        var member = await s.EnrolAsync();
        var now = InsightKit.Now(s);
        await s.BuyAsync(member.MemberNumber, now.AddDays(-3), 40m);
        await s.RefreshAsync(); // insight's run, written on the primary; its dashboards read it from the standby
        await replica.CatchUpAsync();

        var day = $"from={Instant(now.AddDays(-1))}&to={Instant(now)}";
        string[] reports =
        [
            "/api/v1/admin/reports/liability",
            "/api/v1/admin/insight/programme-health",
            "/api/v1/admin/insight/campaign-value",
            "/api/v1/admin/insight/churn/by-tier",
            "/api/v1/admin/insight/value/distribution",
            "/api/v1/admin/insight/classes",
            "/api/v1/admin/insight/classes/transitions",
            "/api/v1/admin/insight/at-risk?maxDecile=10",
            "/api/v1/admin/insight/retention/report",
            $"/api/v1/admin/insight/churn/backtest?asOf={Instant(now.AddDays(-120))}",
            $"/api/v1/admin/settlements?partnerId={s.PartnerInfo.Id}&{day}",
            $"/api/v1/admin/cases/report?{day}",
            $"/api/v1/admin/surveys/report?{day}",
            $"/api/v1/admin/surveys/leaving-reasons?{day}",
        ];
        foreach (var url in reports)
        {
            var mark = api.Commands.Mark();
            using var response = await s.Admin.GetAsync(url);
            await response.EnsureStatusAsync(HttpStatusCode.OK);
            Assert.True(api.Commands.Since(mark).Any(c => c.Server == replica.StandbyServer), $"{url} sent nothing to the standby");
        }

        var partnerMark = api.Commands.Mark();
        using (var csv = await s.Partner.GetAsync($"/api/v1/partner/settlement.csv?{day}"))
        {
            await csv.EnsureStatusAsync(HttpStatusCode.OK);
        }

        Assert.Contains(api.Commands.Since(partnerMark), c => c.Server == replica.StandbyServer);
        replica.AssertTheStandbyOnlyRead(api.Commands.Since(0));
    }

    [GeneratedRegex(@"^(\s*--[^\n]*\n)*\s*(SELECT|WITH)\b", RegexOptions.IgnoreCase)]
    private static partial Regex ReadPattern();

    private static Task<LiabilityReportResponse> LiabilityAsync(Scenario s) => s.Admin.GetJsonAsync<LiabilityReportResponse>("/api/v1/admin/reports/liability");

    private static string Instant(DateTimeOffset at) => Uri.EscapeDataString(at.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));

    /// <summary>The test API on a fresh database of the primary, its reports on the same database of the standby.</summary>
    public sealed class Replica : IAsyncLifetime
    {
        public static readonly TimeSpan CatchUpLimit = TimeSpan.FromSeconds(60);

        private readonly SemaphoreSlim _start = new(1, 1);
        private LoyaltyApiFactory? _api;
        private string _primaryServer = "";
        private string _standbyServer = "";

        /// <summary>The primary as the counter names a command's server (<see cref="SentCommand.Server"/>).</summary>
        public string PrimaryServer { get; private set; } = "";

        public string StandbyServer { get; private set; } = "";

        public async Task<LoyaltyApiFactory> StartAsync()
        {
            await _start.WaitAsync();
            try
            {
                return _api ??= await CreateAsync();
            }
            finally
            {
                _start.Release();
            }
        }

        private async Task<LoyaltyApiFactory> CreateAsync()
        {
            var primary = new NpgsqlConnectionStringBuilder(Environment.GetEnvironmentVariable(TestDatabase.PostgresVariable));
            var standby = new NpgsqlConnectionStringBuilder(Environment.GetEnvironmentVariable(ReplicaVariable));
            Assert.NotEqual(primary.Port, standby.Port);
            PrimaryServer = ServerOf(primary.ConnectionString);
            StandbyServer = ServerOf(standby.ConnectionString);
            _primaryServer = new NpgsqlConnectionStringBuilder(primary.ConnectionString) { Database = "postgres", Pooling = false }.ConnectionString;
            _standbyServer = new NpgsqlConnectionStringBuilder(standby.ConnectionString) { Database = "postgres", Pooling = false }.ConnectionString;
            Assert.True(await ScalarAsync<bool>(_standbyServer, "SELECT pg_is_in_recovery()"), $"{ReplicaVariable} is not a standby");
            await ResumeReplayAsync(); // a run that died while paused must not stall this one

            var database = await TestDatabase.CreateAsync(DatabaseProvider.PostgreSql);
            var reports = new NpgsqlConnectionStringBuilder(standby.ConnectionString) { Database = new NpgsqlConnectionStringBuilder(database.ConnectionString).Database };
            var api = new LoyaltyApiFactory(database, new Dictionary<string, string?> { ["ConnectionStrings:LoyaltyReadOnly"] = reports.ConnectionString });
            _ = api.Server; // migrates the new database on the primary
            await CatchUpAsync(); // the database and its schema reach the standby by replay
            return api;
        }

        /// <summary>Waits until the standby has replayed everything the primary has written so far.</summary>
        public async Task CatchUpAsync()
        {
            var lsn = await ScalarAsync<string>(_primaryServer, "SELECT pg_current_wal_lsn()::text");
            var replayed = await WithinAsync(CatchUpLimit, () => ScalarAsync<bool>(_standbyServer, "SELECT pg_last_wal_replay_lsn() >= CAST(@lsn AS pg_lsn)", lsn));
            Assert.True(replayed, $"the standby did not replay up to {lsn} within {CatchUpLimit.TotalSeconds} s");
        }

        /// <summary>
        /// Stops the standby's replay: the startup process checks the request before each WAL record, so nothing
        /// written after this returns is applied until <see cref="ResumeReplayAsync"/> (the state reads "paused" only
        /// once it next looks, which an idle standby may not do soon).
        /// </summary>
        public async Task PauseReplayAsync()
        {
            await ScalarAsync<object>(_standbyServer, "SELECT pg_wal_replay_pause()");
            Assert.True(await ScalarAsync<bool>(_standbyServer, "SELECT pg_is_wal_replay_paused()"), "the standby did not take the pause request");
        }

        public Task ResumeReplayAsync() => ScalarAsync<object>(_standbyServer, "SELECT pg_wal_replay_resume()");

        /// <summary>Points owed in the test database, read on the primary.</summary>
        public async Task<long> PrimaryOutstandingAsync()
        {
            await using var db = _api!.CreateDbContext();
            return await db.PointsAccounts.SumAsync(a => a.Available + a.Pending + a.Held);
        }

        /// <summary>Nothing but reads reached the standby (it would refuse anything else, but a refusal might be swallowed).</summary>
        public void AssertTheStandbyOnlyRead(IReadOnlyList<SentCommand> sent)
        {
            var onStandby = sent.Where(c => c.Server == StandbyServer).ToList();
            Assert.NotEmpty(onStandby);
            Assert.All(onStandby, c => Assert.Matches(Read, c.Sql));
        }

        /// <summary>The name a connection to this server gives itself, as the counter records it.</summary>
        private static string ServerOf(string connectionString)
        {
            using var connection = new NpgsqlConnection(connectionString);
            return connection.DataSource;
        }

        public static async Task<bool> WithinAsync(TimeSpan limit, Func<Task<bool>> condition)
        {
            var clock = Stopwatch.StartNew();
            while (true)
            {
                if (await condition())
                {
                    return true;
                }

                if (clock.Elapsed > limit)
                {
                    return false;
                }

                await Task.Delay(100);
            }
        }

        private static async Task<T> ScalarAsync<T>(string connectionString, string sql, string? lsn = null)
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(sql, connection);
            if (lsn is not null)
            {
                command.Parameters.AddWithValue("lsn", lsn);
            }

            return (T)(await command.ExecuteScalarAsync())!;
        }

        public Task InitializeAsync() => Task.CompletedTask; // nothing until a test asks: skipped tests need no server

        public async Task DisposeAsync()
        {
            if (_api is not null)
            {
                await ResumeReplayAsync();
                await _api.DisposeAsync();
            }

            _start.Dispose();
        }
    }
}

/// <summary>Runs only when <see cref="ReadReplicaTests.ReplicaVariable"/> and <see cref="TestDatabase.PostgresVariable"/> are both set.</summary>
public sealed class ReplicaFactAttribute : FactAttribute
{
    public ReplicaFactAttribute()
    {
        if (string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(TestDatabase.PostgresVariable))
            || string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(ReadReplicaTests.ReplicaVariable)))
        {
            Skip = $"Read replica: set {ReadReplicaTests.ReplicaVariable} to a standby of {TestDatabase.PostgresVariable}'s cluster (scripts/postgres-replica.sh start, then url).";
        }
    }
}
