using System.Data.Common;
using System.Globalization;
using System.Runtime.CompilerServices;
using Loyalty.Application.Abstractions;
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
/// the text, caches nothing for a statement with parameters and generates its SQL again on every call.
/// </summary>
/// <param name="text">The SQL, with <c>{0}</c>, <c>{1}</c>… where the parameters go (each may appear more than once).</param>
/// <param name="parameterTypes">The CLR type of each parameter, as the caller passes it (GUIDs and instants are stored as <see cref="SetSql"/> stores them).</param>
internal sealed class FixedStatement(Func<SetSql, string> text, params Type[] parameterTypes)
{
    private static readonly string[] Names = [.. Enumerable.Range(0, 16).Select(i => "p" + i.ToString(CultureInfo.InvariantCulture))];
    private readonly ConditionalWeakTable<IModel, Prepared> _byModel = [];

    /// <summary>
    /// Runs the statement with <paramref name="values"/> (in placeholder order) and reads its first row with
    /// <paramref name="read"/>; <c>Found</c> is false when there is none.
    /// </summary>
    public Task<(bool Found, T Value)> FirstAsync<T>(ILoyaltyDbContext db, Func<DbDataReader, T> read, ReadOnlySpan<object> values, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var prepared = PreparedFor(db);
        if (values.Length != prepared.Types.Length)
        {
            throw new ArgumentException($"The statement takes {prepared.Types.Length} values, not {values.Length}.", nameof(values));
        }

        var bound = new Dictionary<string, object?>(values.Length);
        for (var i = 0; i < values.Length; i++)
        {
            bound[Names[i]] = prepared.Sql.Stored(values[i]);
        }

        return RunAsync(db, prepared.Template, bound, read, cancellationToken);
    }

    private static async Task<(bool Found, T Value)> RunAsync<T>(
        ILoyaltyDbContext db, IRelationalCommandTemplate template, Dictionary<string, object?> values, Func<DbDataReader, T> read, CancellationToken cancellationToken)
    {
        var facade = (IDatabaseFacadeDependenciesAccessor)db.Database;
        var dependencies = (IRelationalDatabaseFacadeDependencies)facade.Dependencies;
        var connection = dependencies.RelationalConnection;
        // A command rented from the connection, as EF's own queries do: a command object keeps its reader between runs.
        var command = connection.RentCommand();
        command.PopulateFrom(template);
        try
        {
            await using var reader = await command.ExecuteReaderAsync(
                new RelationalCommandParameterObject(connection, values, null, facade.Context, dependencies.CommandLogger, CommandSource.FromSqlQuery), cancellationToken);
            return await reader.ReadAsync(cancellationToken) ? (true, read(reader.DbDataReader)) : (false, default!);
        }
        finally
        {
            connection.ReturnCommand(command);
        }
    }

    private Prepared PreparedFor(ILoyaltyDbContext db)
    {
        var model = db.Model;
        return _byModel.TryGetValue(model, out var prepared) ? prepared : _byModel.GetValue(model, _ => Prepare(db));
    }

    private Prepared Prepare(ILoyaltyDbContext db)
    {
        if (parameterTypes.Length > Names.Length)
        {
            throw new NotSupportedException($"At most {Names.Length} parameters.");
        }

        var sql = SetSql.For(db);
        var helper = db.Database.GetService<ISqlGenerationHelper>();
        var mappings = db.Database.GetService<IRelationalTypeMappingSource>();
        var builder = db.Database.GetService<IRelationalCommandBuilderFactory>().Create();
        var placeholders = new object[parameterTypes.Length];
        for (var i = 0; i < parameterTypes.Length; i++)
        {
            placeholders[i] = helper.GenerateParameterNamePlaceholder(Names[i]);
            builder.AddParameter(Names[i], helper.GenerateParameterName(Names[i]), mappings.GetMapping(sql.StoredType(parameterTypes[i])), nullable: false);
        }

        builder.Append(string.Format(CultureInfo.InvariantCulture, text(sql), placeholders));
        return new Prepared(sql, builder.Build(), parameterTypes);
    }

    private sealed record Prepared(SetSql Sql, IRelationalCommandTemplate Template, Type[] Types);
}
