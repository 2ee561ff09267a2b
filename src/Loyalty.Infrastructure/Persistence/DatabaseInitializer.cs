using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Loyalty.Infrastructure.Persistence;

/// <summary>Brings the database to the current schema at start-up where that is the policy (SQLite by default).</summary>
public sealed partial class DatabaseInitializer(IDbContextFactory<LoyaltyDbContext> contexts, DatabaseOptions options, ILogger<DatabaseInitializer> logger)
{
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (options.Provider == DatabaseProvider.Sqlite)
        {
            // WAL lets readers carry on while one writer commits; it is a property of the file and persists.
            var connection = (SqliteConnection)db.Database.GetDbConnection();
            await connection.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA journal_mode=WAL;";
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        if (options.ShouldMigrateOnStartup)
        {
            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            if (pending.Count > 0)
            {
                LogMigrating(pending.Count, options.Provider);
                await db.Database.MigrateAsync(cancellationToken);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Applying {Count} migration(s) to the {Provider} database")]
    private partial void LogMigrating(int count, DatabaseProvider provider);
}
