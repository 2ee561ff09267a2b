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
public sealed class SqliteConnectionSettings : DbConnectionInterceptor
{
    private const string Pragmas = "PRAGMA synchronous=NORMAL;";

    /// <summary>The native handles already set up (weak: a handle the pool closes drops out).</summary>
    private static readonly ConditionalWeakTable<object, object> Configured = new();
    private static readonly object Done = new();

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (!IsNewHandle(connection))
        {
            return;
        }

        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
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
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>True the first time a native handle is seen (a handle is only ever opened by one connection at a time).</summary>
    private static bool IsNewHandle(DbConnection connection) =>
        connection is not SqliteConnection { Handle: { } handle } || Configured.TryAdd(handle, Done);
}
