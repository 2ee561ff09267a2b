using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Loyalty.Infrastructure.Persistence;

/// <summary>
/// SQLite: copies the write-ahead log back into the database file from a connection of its own, every
/// <c>Database:SqliteCheckpointInterval</c>, instead of inside whichever commit crosses SQLite's automatic threshold
/// (that commit holds the single-writer turn for the whole checkpoint and its fsyncs). A passive checkpoint takes no
/// write lock: the writer and the readers carry on meanwhile, and what it cannot copy yet (frames a reader still
/// needs) waits for the next one. Not a job: it runs on every instance, with or without <c>Jobs:Enabled</c>.
/// </summary>
public sealed partial class SqliteCheckpointer(string connectionString, TimeSpan interval, TimeProvider clock, ILogger<SqliteCheckpointer> logger) : BackgroundService
{
    /// <summary>Checkpoints once; returns the log's size in frames and how many of them are in the database file now.</summary>
    public async Task<(long LogFrames, long Checkpointed)> CheckpointAsync(CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA wal_checkpoint(PASSIVE);";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? (reader.GetInt64(1), reader.GetInt64(2)) : (0, 0);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(interval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await CheckpointAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogFailed(exception); // the next tick tries again; commits checkpoint on their own past the safety net
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Background WAL checkpoint failed")]
    private partial void LogFailed(Exception exception);
}
