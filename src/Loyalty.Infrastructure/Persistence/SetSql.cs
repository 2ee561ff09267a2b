using System.Globalization;
using Loyalty.Application.Abstractions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Loyalty.Infrastructure.Persistence;

/// <summary>
/// What set-based SQL needs to know about the provider it runs on: the few expressions that differ (string
/// concatenation, a new GUID, booleans, instants as text and by month) and how parameter values are stored
/// (SQLite keeps GUIDs as upper-case text and instants as UTC ticks). Identifiers are double-quoted, which all three
/// providers accept.
/// </summary>
public sealed class SetSql
{
    private const string SqliteProvider = "Microsoft.EntityFrameworkCore.Sqlite";
    private const string SqlServerProvider = "Microsoft.EntityFrameworkCore.SqlServer";
    private const string PostgreSqlProvider = "Npgsql.EntityFrameworkCore.PostgreSQL";

    private readonly ValueConverter? _instantConverter;
    private readonly Kind _kind;

    private SetSql(Kind kind, ValueConverter? instantConverter)
    {
        _kind = kind;
        _instantConverter = instantConverter;
    }

    private enum Kind
    {
        Sqlite,
        SqlServer,
        PostgreSql,
    }

    /// <summary>One writer at a time (SQLite): running batches side by side gains nothing.</summary>
    public bool SingleWriter => _kind == Kind.Sqlite;

    /// <summary>SQL Server spells some statements differently (OUTPUT instead of RETURNING, no ON CONFLICT).</summary>
    public bool IsSqlServer => _kind == Kind.SqlServer;

    public bool IsPostgreSql => _kind == Kind.PostgreSql;

    /// <summary>An instant as the provider stores it, for parameters of hand-written SQL (UTC ticks on SQLite).</summary>
    public object Instant(DateTimeOffset value) => Store(value);

    /// <summary>A parameter value as the provider stores it (<see cref="Instant"/> for instants; SQLite's GUIDs as upper-case text).</summary>
    public object Stored(object value) => Store(value);

    /// <summary>The CLR type <see cref="Stored"/> turns a value of <paramref name="type"/> into.</summary>
    public Type StoredType(Type type) =>
        type == typeof(DateTimeOffset) ? _instantConverter?.ProviderClrType ?? type
        : type == typeof(Guid) && _kind == Kind.Sqlite ? typeof(string)
        : type;

    /// <summary>
    /// An instant read back from hand-written SQL, whichever way the provider hands it over: UTC ticks (SQLite), a UTC
    /// <see cref="DateTime"/> (PostgreSQL's <c>timestamptz</c>) or a <see cref="DateTimeOffset"/> (SQL Server).
    /// </summary>
    public static DateTimeOffset InstantFrom(object value) => value switch
    {
        long ticks => new DateTimeOffset(ticks, TimeSpan.Zero),
        DateTime utc => new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)),
        DateTimeOffset instant => instant.ToUniversalTime(),
        _ => throw new InvalidCastException($"Not an instant: {value.GetType().Name}."),
    };

    /// <summary>The literal for false in a comparison with a boolean column.</summary>
    public string False => _kind == Kind.PostgreSql ? "false" : "0";

    /// <summary>An expression producing a fresh GUID per row, stored the way EF stores GUIDs.</summary>
    public string NewGuid => _kind switch
    {
        Kind.PostgreSql => "gen_random_uuid()",
        Kind.SqlServer => "NEWID()",
        // A version-4 GUID as upper-case text, the way EF's SQLite provider stores Guid values.
        _ => "upper(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89AB', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))",
    };

    public static SetSql For(ILoyaltyDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        var kind = db.Database.ProviderName switch
        {
            SqliteProvider => Kind.Sqlite,
            SqlServerProvider => Kind.SqlServer,
            PostgreSqlProvider => Kind.PostgreSql,
            var other => throw new NotSupportedException($"No set-based SQL for provider {other}."),
        };

        // Instants go through the model's own converter (UTC ticks on SQLite), so parameters compare like columns.
        var converter = db.Model.FindEntityType(typeof(Domain.Financial.Ledger.PointsLot))!
            .FindProperty(nameof(Domain.Financial.Ledger.PointsLot.ExpiresAt))!.GetTypeMapping().Converter;
        return new SetSql(kind, converter);
    }

    /// <summary>Concatenates string expressions.</summary>
    public string Concat(params string[] parts) =>
        _kind == Kind.SqlServer ? $"CONCAT({string.Join(", ", parts)})" : string.Join(" || ", parts);

    /// <summary>A whole number as text.</summary>
    public string Text(string integerExpression) =>
        _kind == Kind.SqlServer ? $"CAST({integerExpression} AS nvarchar(20))" : $"CAST({integerExpression} AS TEXT)";

    /// <summary>An instant column as ISO 8601 text in UTC (for JSON payloads built in SQL).</summary>
    public string IsoText(string instantExpression) => _kind switch
    {
        Kind.PostgreSql => $"to_char({instantExpression} AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US') || '+00:00'",
        Kind.SqlServer => $"CONVERT(nvarchar(40), SWITCHOFFSET({instantExpression}, '+00:00'), 126)",
        _ => $"strftime('%Y-%m-%dT%H:%M:%S', ({instantExpression} - 621355968000000000) / 10000000, 'unixepoch') || '.' || substr('000000' || (({instantExpression} % 10000000) / 10), -6) || '+00:00'",
    };

    /// <summary>The UTC day of an instant column, as a value that groups and orders by day.</summary>
    public string Day(string instantExpression) => _kind switch
    {
        Kind.PostgreSql => $"CAST(({instantExpression} AT TIME ZONE 'UTC') AS date)",
        Kind.SqlServer => $"CAST(SWITCHOFFSET({instantExpression}, '+00:00') AS date)",
        _ => $"({instantExpression} / 864000000000)",
    };

    /// <summary>The first instant after the UTC day of an instant expression (the next UTC midnight), as the column stores instants.</summary>
    public string DayEnd(string instantExpression) => _kind switch
    {
        Kind.PostgreSql => $"((date_trunc('day', ({instantExpression}) AT TIME ZONE 'UTC') + interval '1 day') AT TIME ZONE 'UTC')",
        Kind.SqlServer => $"TODATETIMEOFFSET(DATEADD(day, 1, CAST(CAST(SWITCHOFFSET({instantExpression}, '+00:00') AS date) AS datetime2)), '+00:00')",
        _ => $"((({instantExpression}) / 864000000000 + 1) * 864000000000)",
    };

    /// <summary>The UTC month of an instant column as text 'yyyy-MM'.</summary>
    public string Month(string instantExpression) => _kind switch
    {
        Kind.PostgreSql => $"to_char({instantExpression} AT TIME ZONE 'UTC', 'YYYY-MM')",
        Kind.SqlServer => $"CONVERT(char(7), SWITCHOFFSET({instantExpression}, '+00:00'), 126)",
        _ => $"strftime('%Y-%m', ({instantExpression} - 621355968000000000) / 10000000, 'unixepoch')",
    };

    /// <summary>
    /// Counts the rows of <paramref name="table"/> (aliased <paramref name="alias"/>) matching <paramref name="where"/>
    /// and locks them for update until the transaction ends, without writing them (SQLite: one writer at a time).
    /// PostgreSQL locks them in <paramref name="key"/> order: two batches whose ranges overlap then queue on their first
    /// shared row, where locking in whatever order each plan scans (heap or index) can deadlock. SQL Server locks in its
    /// plan's scan order (no ORDER BY on a locking count there); its deadlock monitor would pick a victim.
    /// </summary>
    public string LockedCount(string table, string alias, string key, string where) => _kind switch
    {
        Kind.PostgreSql => $"""SELECT COUNT(*) AS "Value" FROM (SELECT 1 AS x FROM {table} {alias} WHERE {where} ORDER BY {alias}.{key} FOR UPDATE) l""",
        Kind.SqlServer => $"""SELECT COUNT_BIG(*) AS "Value" FROM {table} {alias} WITH (UPDLOCK, ROWLOCK) WHERE {where}""",
        _ => $"""SELECT COUNT(*) AS "Value" FROM {table} {alias} WHERE {where}""",
    };

    /// <summary>A decimal column as a number that compares and adds as one (SQLite stores decimals as text).</summary>
    public string Number(string decimalExpression) =>
        _kind == Kind.Sqlite ? $"CAST({decimalExpression} AS REAL)" : decimalExpression;

    /// <summary>An amount with up to 4 decimals as a whole number of ten-thousandths: exact sums and comparisons everywhere.</summary>
    public string TenThousandths(string amountExpression) => _kind switch
    {
        Kind.SqlServer => $"CAST(ROUND(({amountExpression}) * 10000, 0) AS bigint)",
        Kind.PostgreSql => $"CAST(ROUND(({amountExpression}) * 10000) AS bigint)",
        _ => $"CAST(ROUND(({amountExpression}) * 10000) AS INTEGER)",
    };

    /// <summary>An instant plus a number of calendar months (a parameter); the day is clamped to the month's end, as .NET does.</summary>
    public string AddMonths(string instantExpression, string monthsParameter) => _kind switch
    {
        // In UTC whatever the session's time zone: timestamptz arithmetic with months and days follows the session's.
        Kind.PostgreSql => $"((({instantExpression}) AT TIME ZONE 'UTC' + make_interval(months => CAST({monthsParameter} AS integer))) AT TIME ZONE 'UTC')",
        Kind.SqlServer => $"DATEADD(month, {monthsParameter}, {instantExpression})",
        // UTC ticks: to Unix seconds, shift by months ('floor' clamps 31 Jan + 1 month to 28/29 Feb), back to ticks
        // with the sub-second part kept.
        _ => $"((unixepoch(datetime(({instantExpression} - 621355968000000000) / 10000000, 'unixepoch', printf('%+d months', {monthsParameter}), 'floor')) * 10000000 + 621355968000000000) + ({instantExpression} % 10000000))",
    };

    /// <summary>An instant plus a number of days (a parameter).</summary>
    public string AddDays(string instantExpression, string daysParameter) => _kind switch
    {
        Kind.PostgreSql => $"((({instantExpression}) AT TIME ZONE 'UTC' + make_interval(days => CAST({daysParameter} AS integer))) AT TIME ZONE 'UTC')",
        Kind.SqlServer => $"DATEADD(day, {daysParameter}, {instantExpression})",
        _ => $"({instantExpression} + {daysParameter} * 864000000000)",
    };

    /// <summary>
    /// Runs a statement built from this class's fragments; every value in it is a parameter from
    /// <paramref name="parameters"/>, never text spliced into the SQL.
    /// </summary>
    public Task<int> ExecuteAsync(ILoyaltyDbContext db, string text, Parameters parameters, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(parameters);
        return db.Database.ExecuteSqlRawAsync(text, parameters.Values, cancellationToken);
    }

    /// <inheritdoc cref="ExecuteAsync"/>
    public IQueryable<T> Query<T>(ILoyaltyDbContext db, string text, Parameters parameters)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(parameters);
        return db.Database.SqlQueryRaw<T>(text, parameters.Values);
    }

    /// <summary>
    /// A whole-programme statement of a job (every member, every line of the year) outlasts the 30-second command
    /// timeout a request should keep and, on PostgreSQL, sorts more than the server's default 4 MB of
    /// <c>work_mem</c> holds in memory: this lifts both on <paramref name="db"/> for a job's statements. The timeout
    /// comes back when the returned scope is disposed; <c>work_mem</c> too, except inside a transaction, where it is
    /// raised until that transaction (the job's) ends. Other providers get the timeout only.
    /// </summary>
    public static async Task<IAsyncDisposable> JobStatementsAsync(ILoyaltyDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var database = db.Database;
        var before = database.GetCommandTimeout();
        var resetMemory = false;
        if (database.ProviderName == PostgreSqlProvider)
        {
            if (database.CurrentTransaction is not null)
            {
                await database.ExecuteSqlRawAsync(RaiseWorkMemory, cancellationToken);
            }
            else
            {
                // A session setting: the connection stays open until the scope ends, so the statements between run on it.
                await database.OpenConnectionAsync(cancellationToken);
                try
                {
                    await database.ExecuteSqlRawAsync(RaiseSessionWorkMemory, cancellationToken);
                }
                catch
                {
                    await database.CloseConnectionAsync();
                    throw;
                }

                resetMemory = true;
            }
        }

        database.SetCommandTimeout(LongStatementTimeout);
        return new Restore(async () =>
        {
            database.SetCommandTimeout(before);
            if (resetMemory)
            {
                try
                {
                    await database.ExecuteSqlRawAsync("RESET work_mem", CancellationToken.None);
                }
                finally
                {
                    await database.CloseConnectionAsync();
                }
            }
        });
    }

    /// <summary>Generous on purpose: at a million members such a statement runs for minutes on a small server, and no caller waits on a job.</summary>
    public static readonly TimeSpan LongStatementTimeout = TimeSpan.FromMinutes(15);

    /// <summary>Room for a job's sorts (the gap pass over every visit, the ranks over every member, per-basket categories).</summary>
    private const string RaiseWorkMemory = "SET LOCAL work_mem = '256MB'";

    private const string RaiseSessionWorkMemory = "SET work_mem = '256MB'";

    /// <summary>Starts a list of parameters for one statement.</summary>
    public Parameters NewParameters() => new(this);

    private object Store(object value) => value switch
    {
        DateTimeOffset instant => _instantConverter?.ConvertToProvider(instant) ?? instant,
        Guid id when _kind == Kind.Sqlite => id.ToString().ToUpperInvariant(),
        _ => value,
    };

    /// <summary>
    /// Positional parameters for <c>ExecuteSqlRaw</c>: <see cref="Add"/> returns the placeholder to put in the SQL
    /// (so no literal braces ever reach the format string), with the value converted the way the provider stores it.
    /// </summary>
    public sealed class Parameters(SetSql sql)
    {
        private readonly List<object> _values = [];

        public object[] Values => [.. _values];

        public string Add(object value)
        {
            _values.Add(sql.Store(value));
            return "{" + (_values.Count - 1).ToString(CultureInfo.InvariantCulture) + "}";
        }
    }

    private sealed class Restore(Func<Task> restore) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await restore();
    }
}
