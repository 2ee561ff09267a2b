using System.Diagnostics;
using System.Globalization;
using Loyalty.Api.Tests.Infrastructure;
using Loyalty.Infrastructure.Persistence;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Xunit.Abstractions;

namespace Loyalty.Api.Tests.Load;

/// <summary>A benchmark runs only when its variable is 1 and a PostgreSQL server is given: it seeds millions of rows.</summary>
public abstract class BenchmarkFactAttribute : FactAttribute
{
    protected BenchmarkFactAttribute(string variable, string script)
    {
        if (Environment.GetEnvironmentVariable(variable) != "1")
        {
            Skip = $"Benchmark: set {variable}=1 and {TestDatabase.PostgresVariable} ({script}).";
        }
        else if (string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(TestDatabase.PostgresVariable)))
        {
            Skip = $"Benchmark: {TestDatabase.PostgresVariable} is not set.";
        }
    }
}

/// <summary>
/// What every benchmark stands on: a fresh PostgreSQL database with the API on it (migrated, with the demo programme's
/// tiers, partner and store), a connection for seeding with SQL (no command timeout), sizes from the environment, and
/// the job's command sent in a scope of its own. Set up before each benchmark; a skipped benchmark sets up nothing.
/// </summary>
public abstract class PostgreSqlBenchmark : IAsyncLifetime
{
    private LoyaltyApiFactory? _api;
    private NpgsqlConnection? _connection;

    protected PostgreSqlBenchmark(ITestOutputHelper output) => Output = output;

    protected ITestOutputHelper Output { get; }

    protected LoyaltyApiFactory Api => _api ?? throw new InvalidOperationException("Not set up.");

    protected NpgsqlConnection Connection => _connection ?? throw new InvalidOperationException("Not set up.");

    public async Task InitializeAsync()
    {
        _api = new LoyaltyApiFactory(await TestDatabase.CreateAsync(DatabaseProvider.PostgreSql));
        _ = _api.Server; // migrations and the demo programme (tiers, a partner and its store)
        _connection = new NpgsqlConnection(_api.Database.ConnectionString);
        await _connection.OpenAsync();
    }

    public async Task DisposeAsync()
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }

        if (_api is not null)
        {
            await _api.DisposeAsync(); // drops the database
        }
    }

    /// <summary>A positive whole number from the environment, or <paramref name="fallback"/>.</summary>
    protected static int Setting(string name, int fallback) => BenchmarkSettings.Get(name, fallback);

    /// <summary>Runs the seeding SQL, then VACUUM ANALYZE (as autovacuum would have long before a job runs); returns how long both took.</summary>
    protected async Task<TimeSpan> SeedAsync(params string[] batches)
    {
        var seeding = Stopwatch.StartNew();
        foreach (var batch in batches)
        {
            await ExecuteAsync(batch);
        }

        await ExecuteAsync("VACUUM ANALYZE");
        return seeding.Elapsed;
    }

    protected async Task ExecuteAsync(string sql)
    {
        await using var command = new NpgsqlCommand(sql, Connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync();
    }

    protected async Task<long> ScalarAsync(string sql)
    {
        await using var command = new NpgsqlCommand(sql, Connection) { CommandTimeout = 0 };
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    /// <summary>Sends <paramref name="command"/> in a scope of its own, as the job's host does.</summary>
    protected async Task<T> SendAsync<T>(ICommand<T> command)
    {
        await using var scope = Api.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(command);
    }

    /// <inheritdoc cref="SendAsync{T}(ICommand{T})"/>
    protected async Task<T> SendAsync<T>(IQuery<T> query)
    {
        await using var scope = Api.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(query);
    }
}

/// <summary>Benchmark sizes from the environment, shared by the PostgreSQL benchmarks and the in-process ones.</summary>
internal static class BenchmarkSettings
{
    /// <summary>A positive whole number from the environment, or <paramref name="fallback"/>.</summary>
    public static int Get(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : fallback;
}
