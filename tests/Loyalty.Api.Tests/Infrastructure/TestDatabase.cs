using Loyalty.Infrastructure.Persistence;
using Microsoft.Data.SqlClient;
using Npgsql;

namespace Loyalty.Api.Tests.Infrastructure;

/// <summary>
/// A throwaway database for one provider: a temp SQLite file, or a fresh database on the PostgreSQL / SQL Server
/// named by LOYALTY_TEST_POSTGRES / LOYALTY_TEST_SQLSERVER. Dropped when the test run ends.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string PostgresVariable = "LOYALTY_TEST_POSTGRES";
    public const string SqlServerVariable = "LOYALTY_TEST_SQLSERVER";

    private readonly Func<Task> _drop;

    private TestDatabase(DatabaseProvider provider, string connectionString, Func<Task> drop)
    {
        Provider = provider;
        ConnectionString = connectionString;
        _drop = drop;
    }

    public DatabaseProvider Provider { get; }

    public string ConnectionString { get; }

    /// <summary>The providers this run can test: SQLite always, the servers when their variables are set.</summary>
    public static IEnumerable<DatabaseProvider> Available()
    {
        yield return DatabaseProvider.Sqlite;
        if (!string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(PostgresVariable)))
        {
            yield return DatabaseProvider.PostgreSql;
        }

        if (!string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(SqlServerVariable)))
        {
            yield return DatabaseProvider.SqlServer;
        }
    }

    public static async Task<TestDatabase> CreateAsync(DatabaseProvider provider)
    {
        var name = "loyalty_test_" + Guid.NewGuid().ToString("N")[..12];
        switch (provider)
        {
            case DatabaseProvider.Sqlite:
                var file = Path.Combine(Path.GetTempPath(), name + ".db");
                return new TestDatabase(provider, $"Data Source={file}", () =>
                {
                    Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                    foreach (var suffix in new[] { "", "-wal", "-shm" })
                    {
                        File.Delete(file + suffix);
                    }

                    return Task.CompletedTask;
                });

            case DatabaseProvider.PostgreSql:
                {
                    var server = new NpgsqlConnectionStringBuilder(Environment.GetEnvironmentVariable(PostgresVariable));
                    await ExecuteAsync(new NpgsqlConnection(server.ConnectionString), $"CREATE DATABASE {name}");
                    var own = new NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = name, MaxPoolSize = 100 };
                    return new TestDatabase(provider, own.ConnectionString, async () =>
                    {
                        NpgsqlConnection.ClearAllPools();
                        await ExecuteAsync(new NpgsqlConnection(server.ConnectionString), $"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
                    });
                }

            case DatabaseProvider.SqlServer:
                {
                    var server = new SqlConnectionStringBuilder(Environment.GetEnvironmentVariable(SqlServerVariable)) { InitialCatalog = "master" };
                    await ExecuteAsync(new SqlConnection(server.ConnectionString), $"CREATE DATABASE [{name}]");
                    var own = new SqlConnectionStringBuilder(server.ConnectionString) { InitialCatalog = name };
                    return new TestDatabase(provider, own.ConnectionString, async () =>
                    {
                        SqlConnection.ClearAllPools();
                        await ExecuteAsync(new SqlConnection(server.ConnectionString), $"ALTER DATABASE [{name}] SET SINGLE_USER WITH ROLLBACK IMMEDIATE; DROP DATABASE [{name}]");
                    });
                }

            default:
                throw new ArgumentOutOfRangeException(nameof(provider));
        }
    }

    public async ValueTask DisposeAsync() => await _drop();

    private static async Task ExecuteAsync(System.Data.Common.DbConnection connection, string sql)
    {
        await using (connection)
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            await command.ExecuteNonQueryAsync();
        }
    }
}
