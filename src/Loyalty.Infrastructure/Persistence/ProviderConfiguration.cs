using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Loyalty.Infrastructure.Persistence;

/// <summary>One place that knows how each provider is set up, used by the host and by the design-time factories.</summary>
public static class ProviderConfiguration
{
    public const string SqliteMigrationsAssembly = "Loyalty.Migrations.Sqlite";
    public const string SqlServerMigrationsAssembly = "Loyalty.Migrations.SqlServer";
    public const string PostgreSqlMigrationsAssembly = "Loyalty.Migrations.PostgreSql";

    private static readonly SqliteConnectionSettings SqliteSettings = new();
    private static readonly SqliteConnectionSettings SqliteSettingsCheckpointedAside = new(backgroundCheckpoints: true);
    private static readonly SqliteWriteTurn WriteTurn = new();

    /// <summary>The provider, its migrations assembly, (SQLite) the connection settings and the write-turn interceptor.</summary>
    /// <param name="builder">The options being built.</param>
    /// <param name="provider">The database provider.</param>
    /// <param name="connectionString">Its connection string.</param>
    /// <param name="backgroundCheckpoints">SQLite: the write-ahead log is checkpointed by <see cref="SqliteCheckpointer"/>.</param>
    public static DbContextOptionsBuilder UseLoyaltyDatabase(this DbContextOptionsBuilder builder, DatabaseProvider provider, string connectionString, bool backgroundCheckpoints = false) =>
        provider switch
        {
            DatabaseProvider.Sqlite => builder.UseSqlite(connectionString, o => o.MigrationsAssembly(SqliteMigrationsAssembly))
                .AddInterceptors(backgroundCheckpoints ? SqliteSettingsCheckpointedAside : SqliteSettings, WriteTurn),
            DatabaseProvider.SqlServer => builder.UseSqlServer(connectionString, o => o.MigrationsAssembly(SqlServerMigrationsAssembly)),
            DatabaseProvider.PostgreSql => builder.UseNpgsql(connectionString, o => o.MigrationsAssembly(PostgreSqlMigrationsAssembly)),
            _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, "Unknown database provider."),
        };

    /// <summary>Statements Npgsql keeps prepared per connection unless the connection string says otherwise.</summary>
    public const int DefaultMaxAutoPrepare = 64;

    /// <summary>
    /// Turns on Npgsql's automatic preparation (<c>Max Auto Prepare</c>) unless the connection string sets it: a
    /// statement run a few times on a connection is then prepared on the server once and only bound afterwards, and it
    /// stays prepared across pool checkouts. Unprepared, PostgreSQL parses and plans every statement again, which
    /// profiling showed to be about half of the database's CPU per purchase (the member lookup alone plans in ~0.5 ms and
    /// runs in ~0.1 ms). Set <c>Max Auto Prepare=0</c> behind a pooler that cannot keep prepared statements (PgBouncer
    /// before 1.21 in transaction mode).
    /// </summary>
    public static string PreparePostgreSql(string connectionString)
    {
        // Npgsql's own builder answers ContainsKey for every keyword it knows, set or not: look at the keys as written.
        var written = new DbConnectionStringBuilder { ConnectionString = connectionString };
        if (written.Keys.Cast<string>().Any(k => k.Replace(" ", "", StringComparison.Ordinal).Equals("MaxAutoPrepare", StringComparison.OrdinalIgnoreCase)))
        {
            return connectionString;
        }

        return new NpgsqlConnectionStringBuilder(connectionString) { MaxAutoPrepare = DefaultMaxAutoPrepare }.ToString();
    }

    /// <summary>
    /// Resolves a relative SQLite file against the app's content root and creates its folder, so a fresh
    /// <c>dotnet run</c> works from any working directory.
    /// </summary>
    public static string PrepareSqlite(string connectionString, string contentRoot)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (builder.DataSource is { Length: > 0 } source && source != ":memory:" && builder.Mode != SqliteOpenMode.Memory)
        {
            var path = Path.IsPathRooted(source) ? source : Path.GetFullPath(Path.Combine(contentRoot, source));
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            builder.DataSource = path;
        }

        // Waiting on a busy database (another writer) is normal under load; give writers time rather than failing.
        if (builder.DefaultTimeout < 30)
        {
            builder.DefaultTimeout = 30;
        }

        return builder.ToString();
    }
}
