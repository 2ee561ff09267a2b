using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

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
