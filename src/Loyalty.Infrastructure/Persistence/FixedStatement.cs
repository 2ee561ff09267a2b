using System.Data.Common;
using System.Globalization;
using System.Runtime.CompilerServices;
using Loyalty.Application.Abstractions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Loyalty.Infrastructure.Persistence;

/// <summary>
/// A statement on a hot path whose SQL never changes: its text (per provider, from <see cref="SetSql"/>'s fragments)
/// and EF's command with typed parameters are built once per model, so a call only binds its values. The command runs
/// on the context's connection and transaction, through EF's interceptors, logging and command timeout like any other
/// (SQLite's write turn, the command counters); what it skips is the raw-SQL query pipeline, which builds a query from
/// the text, caches nothing for a statement with parameters and generates its SQL again on every call. On PostgreSQL
/// the parameters are positional (<c>$1</c>, unnamed): Npgsql then sends the text as it is, where named ones make it
/// parse the SQL and rewrite it, with a name lookup, on every execution.
/// </summary>
internal sealed class FixedStatement
{
    private const string NpgsqlProvider = "Npgsql.EntityFrameworkCore.PostgreSQL";

    private readonly Func<SetSql, string> _text;
    private readonly Parameter[] _parameters;
    private readonly ConditionalWeakTable<IModel, Prepared> _byModel = [];

    /// <param name="text">The SQL, with <c>{0}</c>, <c>{1}</c>… where the parameters go (each may appear more than once).</param>
    /// <param name="parameterTypes">The CLR type of each parameter, as the caller passes it (GUIDs and instants are stored as <see cref="SetSql"/> stores them).</param>
    public FixedStatement(Func<SetSql, string> text, params Type[] parameterTypes)
        : this(text, parameterTypes.Select(t => new Parameter(t, null)).ToArray())
    {
    }

    private FixedStatement(Func<SetSql, string> text, Parameter[] parameters)
    {
        _text = text;
        _parameters = parameters;
    }

    /// <summary>
    /// A statement whose parameters are typed by columns of <typeparamref name="TEntity"/> (their own type mappings and
    /// converters, e.g. SQLite's instants as UTC ticks); a call passes the values as the entity holds them.
    /// </summary>
    public static FixedStatement OfColumns<TEntity>(Func<SetSql, string> text, params string[] properties) =>
        new(text, properties.Select(p => new Parameter(typeof(TEntity), p)).ToArray());

    /// <summary>
    /// Runs the statement with <paramref name="values"/> (in placeholder order) and reads its first row with
    /// <paramref name="read"/>; <c>Found</c> is false when there is none.
    /// </summary>
    public Task<(bool Found, T Value)> FirstAsync<T>(ILoyaltyDbContext db, Func<DbDataReader, T> read, ReadOnlySpan<object> values, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var prepared = PreparedFor(db);
        return FirstAsync(db.Database, prepared.Template, prepared.Bind(values), read, cancellationToken);
    }

    /// <summary>Runs the statement with <paramref name="values"/> (in placeholder order); returns the rows it changed.</summary>
    public Task<int> ExecuteAsync(ILoyaltyDbContext db, ReadOnlySpan<object> values, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var prepared = PreparedFor(db);
        return ExecuteNonQueryAsync(db.Database, prepared.Template, prepared.Bind(values), cancellationToken);
    }

    /// <summary>True when the provider's parameters are positional (PostgreSQL: <c>$1</c>, <c>$2</c>…, unnamed).</summary>
    internal static bool IsPositional(DatabaseFacade database) => database.ProviderName == NpgsqlProvider;

    /// <summary>The name (empty when positional) and the placeholder in the SQL of parameter <paramref name="index"/>.</summary>
    internal static (string Name, string Placeholder) ParameterAt(ISqlGenerationHelper helper, bool positional, int index)
    {
        if (positional)
        {
            return ("", "$" + (index + 1).ToString(CultureInfo.InvariantCulture));
        }

        var name = "p" + index.ToString(CultureInfo.InvariantCulture);
        return (helper.GenerateParameterName(name), helper.GenerateParameterNamePlaceholder(name));
    }

    /// <summary>EF's command for <paramref name="sql"/>, its parameters bound from one array of values per call.</summary>
    internal static IRelationalCommandTemplate Template(DatabaseFacade database, string sql, Slot[] slots)
    {
        var builder = database.GetService<IRelationalCommandBuilderFactory>().Create();
        builder.AddParameter(new BoundValues(slots));
        builder.Append(sql);
        return builder.Build();
    }

    private static async Task<(bool Found, T Value)> FirstAsync<T>(
        DatabaseFacade database, IRelationalCommandTemplate template, object?[] values, Func<DbDataReader, T> read, CancellationToken cancellationToken)
    {
        var run = Rent(database, template, values, CommandSource.FromSqlQuery);
        try
        {
            await using var reader = await run.Command.ExecuteReaderAsync(run.Parameters, cancellationToken);
            return await reader.ReadAsync(cancellationToken) ? (true, read(reader.DbDataReader)) : (false, default!);
        }
        finally
        {
            run.Connection.ReturnCommand(run.Command);
        }
    }

    /// <summary>Runs <paramref name="template"/> with <paramref name="values"/> (one per slot); returns the rows it changed.</summary>
    internal static async Task<int> ExecuteNonQueryAsync(DatabaseFacade database, IRelationalCommandTemplate template, object?[] values, CancellationToken cancellationToken)
    {
        var run = Rent(database, template, values, CommandSource.ExecuteSqlRaw);
        try
        {
            return await run.Command.ExecuteNonQueryAsync(run.Parameters, cancellationToken);
        }
        finally
        {
            run.Connection.ReturnCommand(run.Command);
        }
    }

    /// <summary>Runs <paramref name="template"/> with <paramref name="values"/> (one per slot); returns its first column of its first row.</summary>
    internal static async Task<object?> ExecuteScalarAsync(DatabaseFacade database, IRelationalCommandTemplate template, object?[] values, CancellationToken cancellationToken)
    {
        var run = Rent(database, template, values, CommandSource.ExecuteSqlRaw);
        try
        {
            return await run.Command.ExecuteScalarAsync(run.Parameters, cancellationToken);
        }
        finally
        {
            run.Connection.ReturnCommand(run.Command);
        }
    }

    // A command rented from the connection, as EF's own queries do: a command object keeps its reader between runs.
    private static (IRelationalConnection Connection, IRelationalCommand Command, RelationalCommandParameterObject Parameters) Rent(
        DatabaseFacade database, IRelationalCommandTemplate template, object?[] values, CommandSource source)
    {
        var facade = (IDatabaseFacadeDependenciesAccessor)database;
        var dependencies = (IRelationalDatabaseFacadeDependencies)facade.Dependencies;
        var connection = dependencies.RelationalConnection;
        var command = connection.RentCommand();
        command.PopulateFrom(template);
        var bound = new Dictionary<string, object?>(1) { [BoundValues.Key] = values };
        return (connection, command, new RelationalCommandParameterObject(connection, bound, null, facade.Context, dependencies.CommandLogger, source));
    }

    private Prepared PreparedFor(ILoyaltyDbContext db) => _byModel.TryGetValue(db.Model, out var prepared) ? prepared : AddPrepared(db);

    // In a method of its own: a closure is allocated where its captures are declared, on every call.
    private Prepared AddPrepared(ILoyaltyDbContext db) => _byModel.GetValue(db.Model, _ => Prepare(db));

    private Prepared Prepare(ILoyaltyDbContext db)
    {
        var sql = SetSql.For(db);
        var helper = db.Database.GetService<ISqlGenerationHelper>();
        var mappings = db.Database.GetService<IRelationalTypeMappingSource>();
        var positional = IsPositional(db.Database);
        var slots = new Slot[_parameters.Length];
        var placeholders = new object[_parameters.Length];
        for (var i = 0; i < _parameters.Length; i++)
        {
            var (name, placeholder) = ParameterAt(helper, positional, i);
            placeholders[i] = placeholder;
            if (_parameters[i].Property is { } column)
            {
                var property = db.Model.FindEntityType(_parameters[i].Type)?.FindProperty(column)
                    ?? throw new InvalidOperationException($"{_parameters[i].Type.Name} has no column {column}.");
                slots[i] = new Slot(name, property.GetRelationalTypeMapping(), property.IsNullable);
            }
            else
            {
                slots[i] = new Slot(name, mappings.GetMapping(sql.StoredType(_parameters[i].Type)), Nullable: false);
            }
        }

        var template = Template(db.Database, string.Format(CultureInfo.InvariantCulture, _text(sql), placeholders), slots);
        return new Prepared(sql, template, [.. _parameters.Select(p => p.Property is null)]);
    }

    /// <summary>A parameter typed by a CLR type (<see cref="Property"/> null), or by a column of the entity type <see cref="Type"/>.</summary>
    private sealed record Parameter(Type Type, string? Property);

    private sealed record Prepared(SetSql Sql, IRelationalCommandTemplate Template, bool[] Stored)
    {
        public object?[] Bind(ReadOnlySpan<object> values)
        {
            if (values.Length != Stored.Length)
            {
                throw new ArgumentException($"The statement takes {Stored.Length} values, not {values.Length}.", nameof(values));
            }

            var bound = new object?[values.Length];
            for (var i = 0; i < values.Length; i++)
            {
                bound[i] = Stored[i] ? Sql.Stored(values[i]) : values[i]; // a column's own mapping converts its value
            }

            return bound;
        }
    }

    /// <summary>One parameter of a command: its name (empty when positional) and the type mapping that makes it.</summary>
    internal readonly record struct Slot(string Name, RelationalTypeMapping Mapping, bool Nullable);

    /// <summary>
    /// A command's whole parameter list as one EF parameter, bound from one array per call: a statement with a hundred
    /// parameters needs no hundred-entry dictionary of names per run.
    /// </summary>
    private sealed class BoundValues(Slot[] slots) : IRelationalParameter
    {
        public const string Key = "values";

        public string InvariantName => Key;

        public void AddDbParameter(DbCommand command, object? value)
        {
            var values = (object?[])value!;
            for (var i = 0; i < slots.Length; i++)
            {
                command.Parameters.Add(slots[i].Mapping.CreateParameter(command, slots[i].Name, values[i], slots[i].Nullable));
            }
        }

        public void AddDbParameter(DbCommand command, IReadOnlyDictionary<string, object?>? parameterValues)
        {
            ArgumentNullException.ThrowIfNull(parameterValues);
            AddDbParameter(command, parameterValues[Key]);
        }
    }
}
