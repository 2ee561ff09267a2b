using System.Globalization;
using Loyalty.Api.Tests.Infrastructure;
using Npgsql;

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

/// <summary>What the benchmarks share: sizes from the environment, and seeding SQL without a command timeout.</summary>
internal static class BenchmarkSql
{
    public static int Setting(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : fallback;

    public static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync();
    }

    public static async Task<long> ScalarAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }
}
