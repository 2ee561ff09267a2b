namespace Loyalty.Infrastructure.Persistence;

/// <summary>The databases Loyalty runs on. Chosen by <c>Database:Provider</c>.</summary>
public enum DatabaseProvider
{
    /// <summary>Embedded, the default: a file under the app's data folder, nothing to install.</summary>
    Sqlite,

    /// <summary>The production target.</summary>
    SqlServer,

    /// <summary>The real server CI tests against.</summary>
    PostgreSql,
}

public sealed class DatabaseOptions
{
    public const string SectionName = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Apply pending migrations at start-up. On by default for SQLite; servers use the scripts in db/.</summary>
    public bool? MigrateOnStartup { get; set; }

    public bool ShouldMigrateOnStartup => MigrateOnStartup ?? Provider == DatabaseProvider.Sqlite;

    /// <summary>
    /// SQLite: how often a background connection checkpoints the write-ahead log (<see cref="SqliteCheckpointer"/>).
    /// Then the request connections' automatic checkpoint, which runs inside whichever commit crosses its threshold
    /// (holding the single-writer turn meanwhile), is only a safety net far above it. Zero: SQLite's own automatic
    /// checkpoints, as before.
    /// </summary>
    public TimeSpan SqliteCheckpointInterval { get; set; } = TimeSpan.Zero;
}
