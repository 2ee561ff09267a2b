using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Loyalty.Api.Tests.Infrastructure;

/// <summary>
/// Counts the SQL commands the API's contexts send while a count is running (<see cref="Start"/>), savepoints
/// among them (a round trip each, though not a command EF intercepts), and the connections opened; each command is
/// kept with the server it went to (<see cref="SentCommand.Server"/>). Installed on every context of the test API,
/// the reporting contexts included; tests in the "api" collection run one at a time, so a count is the test's own.
/// </summary>
public sealed class DatabaseCommandCounter : DbCommandInterceptor, IDbTransactionInterceptor, IDbConnectionInterceptor
{
    private readonly List<SentCommand> _commands = [];
    private volatile bool _counting;
    private int _connectionOpens;

    /// <summary>Connections opened (pool checkouts) during the count.</summary>
    public int ConnectionOpens => Volatile.Read(ref _connectionOpens);

    public int Count
    {
        get
        {
            lock (_commands)
            {
                return _commands.Count;
            }
        }
    }

    /// <summary>The SQL sent, for a helpful failure message.</summary>
    public string Log
    {
        get
        {
            lock (_commands)
            {
                return string.Join("\n---\n", _commands.Select(c => c.Sql));
            }
        }
    }

    /// <summary>A place in the count, for <see cref="Since"/>.</summary>
    public int Mark() => Count;

    /// <summary>The commands sent since <paramref name="mark"/> (0: since the count started).</summary>
    public IReadOnlyList<SentCommand> Since(int mark)
    {
        lock (_commands)
        {
            return _commands.Skip(mark).ToList();
        }
    }

    /// <summary>Starts a fresh count; disposing the result stops it.</summary>
    public IDisposable Start()
    {
        lock (_commands)
        {
            _commands.Clear();
        }

        Volatile.Write(ref _connectionOpens, 0);

        _counting = true;
        return new Stop(this);
    }

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result) =>
        Record(command, result);

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Record(command, result));

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result) =>
        Record(command, result);

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Record(command, result));

    public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result) =>
        Record(command, result);

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Record(command, result));

    /// <summary>Fails the next command whose SQL matches (a database error in the middle of a unit of work), then is cleared.</summary>
    public Func<string, bool>? FailNext { get; set; }

    /// <summary>
    /// Throws right after the next explicit transaction commits, then is cleared: what a crash between the commit and
    /// anything after it looks like (the effects are durable, the rest of the request never runs).
    /// </summary>
    public bool FailAfterNextCommit { get; set; }

    InterceptionResult IDbTransactionInterceptor.CreatingSavepoint(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result)
    {
        RecordText(transaction.Connection, "SAVEPOINT (" + eventData.TransactionId + ")");
        return result;
    }

    ValueTask<InterceptionResult> IDbTransactionInterceptor.CreatingSavepointAsync(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result, CancellationToken cancellationToken)
    {
        RecordText(transaction.Connection, "SAVEPOINT (" + eventData.TransactionId + ")");
        return ValueTask.FromResult(result);
    }

    InterceptionResult IDbConnectionInterceptor.ConnectionOpening(DbConnection connection, ConnectionEventData eventData, InterceptionResult result)
    {
        CountOpen();
        return result;
    }

    ValueTask<InterceptionResult> IDbConnectionInterceptor.ConnectionOpeningAsync(DbConnection connection, ConnectionEventData eventData, InterceptionResult result, CancellationToken cancellationToken)
    {
        CountOpen();
        return ValueTask.FromResult(result);
    }

    private void CountOpen()
    {
        if (_counting)
        {
            Interlocked.Increment(ref _connectionOpens);
        }
    }

    private void RecordText(DbConnection? connection, string text)
    {
        if (_counting)
        {
            var sent = new SentCommand(connection?.DataSource ?? "", text);
            lock (_commands)
            {
                _commands.Add(sent);
            }
        }
    }

    void IDbTransactionInterceptor.TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => FailIfAsked();

    Task IDbTransactionInterceptor.TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken)
    {
        FailIfAsked();
        return Task.CompletedTask;
    }

    private void FailIfAsked()
    {
        if (FailAfterNextCommit)
        {
            FailAfterNextCommit = false;
            throw new InjectedDatabaseException();
        }
    }

    private T Record<T>(DbCommand command, T result)
    {
        if (FailNext is { } fail && fail(command.CommandText))
        {
            FailNext = null;
            throw new InjectedDatabaseException();
        }

        RecordText(command.Connection, command.CommandText);
        return result;
    }

    private sealed class Stop(DatabaseCommandCounter counter) : IDisposable
    {
        public void Dispose() => counter._counting = false;
    }
}

/// <summary>
/// One command of a count: its SQL, and the server it went to as the connection names it
/// (<see cref="DbConnection.DataSource"/>: host and port on PostgreSQL, the file on SQLite).
/// </summary>
public readonly record struct SentCommand(string Server, string Sql);

/// <summary>The error <see cref="DatabaseCommandCounter.FailNext"/> raises: what a lost connection or deadlock looks like to the caller.</summary>
public sealed class InjectedDatabaseException() : DbException("Injected database failure.");
