using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Loyalty.Infrastructure.Persistence;

/// <summary>
/// Per-connection SQLite settings. In WAL mode <c>synchronous=NORMAL</c> is still crash-safe for the application
/// (a commit survives the process dying); only an operating-system crash or power loss can lose the last commits.
/// That is the right trade for the embedded default, and it turns every commit from an fsync into a memory write.
/// The setting lasts as long as the database handle, which the pool keeps across opens: it is sent once per handle,
/// not once per request.
/// </summary>
/// <remarks>
/// With background checkpoints (<see cref="SqliteCheckpointer"/>) the request connections' automatic checkpoint
/// threshold is raised from SQLite's 1,000 pages to <see cref="SafetyNetPages"/>: the checkpointer keeps the log short,
/// and a commit only checkpoints itself if the checkpointer falls far behind.
/// </remarks>
public sealed class SqliteConnectionSettings(bool backgroundCheckpoints = false) : DbConnectionInterceptor
{
    /// <summary>About 80 MB of log at 4 KB pages before a commit checkpoints on its own.</summary>
    public const int SafetyNetPages = 20_000;

    /// <summary>The native handles already set up (weak: a handle the pool closes drops out).</summary>
    private static readonly ConditionalWeakTable<object, object> Configured = new();
    private static readonly object Done = new();

    private readonly string _pragmas = backgroundCheckpoints
        ? "PRAGMA synchronous=NORMAL; PRAGMA wal_autocheckpoint=" + SafetyNetPages.ToString(System.Globalization.CultureInfo.InvariantCulture) + ";"
        : "PRAGMA synchronous=NORMAL;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (!IsNewHandle(connection))
        {
            return;
        }

        using var command = connection.CreateCommand();
        command.CommandText = _pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (!IsNewHandle(connection))
        {
            return;
        }

        await using var command = connection.CreateCommand();
        command.CommandText = _pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>True the first time a native handle is seen (a handle is only ever opened by one connection at a time).</summary>
    private static bool IsNewHandle(DbConnection connection) =>
        connection is not SqliteConnection { Handle: { } handle } || Configured.TryAdd(handle, Done);
}
