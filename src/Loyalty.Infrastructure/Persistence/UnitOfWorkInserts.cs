using System.Data.Common;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Loyalty.Infrastructure.Persistence;

/// <summary>
/// Rows a hot path inserts without EF's change tracker (<see cref="LoyaltyDbContext.InsertWithUnitOfWork{T}"/>): kept
/// until the transaction's next save, then written as one command of multi-row INSERTs, ahead of whatever EF tracks.
/// Every value goes through the model's own type mapping (converters included), so the rows are the ones EF would
/// write, on every provider; store-generated integer keys are left to the database, as EF leaves them. The rows belong
/// to the unit of work (the write transaction) they were added in, whether or not it has begun yet (SQLite's unit of
/// work begins at its first write): rows still here when another one saves (a request that failed before its save, on
/// a pooled context) are dropped, never written.
/// </summary>
internal sealed class UnitOfWorkInserts
{
    // SQL Server takes at most 2,100 parameters per command: a larger batch (a bulk import's) is split between rows.
    private const int MaxParameters = 2_000;
    private static readonly ConditionalWeakTable<IEntityType, Table> Tables = [];
    private static readonly ConditionalWeakTable<IModel, Shapes> ShapesByModel = [];

    private readonly List<(Table Table, object Row)> _rows = [];
    private object? _owner;

    /// <summary>Keeps <paramref name="row"/> for the save of <paramref name="owner"/> (the unit of work, or a bare transaction).</summary>
    public void Add(object owner, IEntityType entityType, ISqlGenerationHelper sql, object row)
    {
        if (!ReferenceEquals(owner, _owner))
        {
            _rows.Clear();
            _owner = owner;
        }

        _rows.Add((TableOf(entityType, sql), row));
    }

    /// <summary>How many rows of <paramref name="current"/> wait for its save; rows of any other owner are dropped.</summary>
    public int PendingFor(object? current)
    {
        if (_rows.Count > 0 && (current is null || !ReferenceEquals(current, _owner)))
        {
            _rows.Clear();
            _owner = null; // nothing of a finished request stays reachable from a pooled context
        }

        return _rows.Count;
    }

    /// <summary>
    /// Writes the pending rows in one command (more only past the parameter limit), with <paramref name="update"/> (an
    /// UPDATE of one row, from <see cref="Update"/>) at the end of the last one; checks that every row was written and the
    /// update found its row. The command's text and parameter list are built once per shape (tables, row counts and
    /// update) and model, so a purchase at the till only binds its values.
    /// </summary>
    public async Task FlushAsync(DbContext context, ISqlGenerationHelper sqlHelper, Update? update, CancellationToken cancellationToken)
    {
        var rows = _rows.ToArray();
        _rows.Clear();
        var shapes = ShapesByModel.TryGetValue(context.Model, out var known) ? known : AddShapes(context, sqlHelper);
        var start = 0;
        do
        {
            var end = start;
            for (var parameters = 0; end < rows.Length && (end == start || parameters + rows[end].Table.Columns.Length <= MaxParameters); end++)
            {
                parameters += rows[end].Table.Columns.Length;
            }

            await ExecuteAsync(context, shapes, new ArraySegment<(Table, object)>(rows, start, end - start), end == rows.Length ? update : null, cancellationToken);
            start = end;
        }
        while (start < rows.Length);
    }

    private static async Task ExecuteAsync(DbContext context, Shapes shapes, ArraySegment<(Table Table, object Row)> rows, Update? update, CancellationToken cancellationToken)
    {
        if (rows.Count == 0 && update is null)
        {
            return;
        }

        var command = shapes.CommandFor(context, rows, update);
        var values = new object?[command.Parameters];
        var i = 0;
        foreach (var (table, row) in rows)
        {
            foreach (var column in table.Columns)
            {
                values[i++] = column.Value(row);
            }
        }

        if (update is not null)
        {
            foreach (var column in command.UpdateColumns)
            {
                values[i++] = column.Value(update.Row);
            }
        }

        long written;
        try
        {
            // Through EF, so its interceptors, logging and command timeout apply as to any other command.
            written = command.Counted
                ? Convert.ToInt64(await FixedStatement.ExecuteScalarAsync(context.Database, command.Template, values, cancellationToken), CultureInfo.InvariantCulture)
                : await FixedStatement.ExecuteNonQueryAsync(context.Database, command.Template, values, cancellationToken);
        }
        catch (DbException exception)
        {
            // As SaveChanges reports it, so a unique index's refusal maps to the same problem (UniqueConstraintViolations).
            throw new DbUpdateException("An error occurred while saving the unit of work's rows.", exception);
        }

        if (written != command.Expected)
        {
            throw new DbUpdateConcurrencyException($"Expected {command.Expected} rows written, the database reported {written}.");
        }
    }

    // The lambdas are in methods of their own: a closure is allocated where its captures are declared, on every call.
    private static Shapes AddShapes(DbContext context, ISqlGenerationHelper sql) =>
        ShapesByModel.GetValue(context.Model, _ => new Shapes(FixedStatement.IsPositional(context.Database), sql));

    private static Table TableOf(IEntityType entityType, ISqlGenerationHelper sql) =>
        Tables.TryGetValue(entityType, out var table) ? table : AddTable(entityType, sql);

    private static Table AddTable(IEntityType entityType, ISqlGenerationHelper sql) => Tables.GetValue(entityType, t => Table.Of(t, sql));

    /// <summary>An UPDATE of one tracked row by its key, setting <see cref="Properties"/> to the row's values.</summary>
    public sealed record Update(IEntityType EntityType, object Row, IReadOnlyList<IProperty> Properties);

    private sealed class Column(IProperty property, string name, RelationalTypeMapping mapping)
    {
        private readonly IClrPropertyGetter? _getter = property.IsShadowProperty() ? null : property.GetGetter();

        public IProperty Property { get; } = property;

        public string Name { get; } = name;

        public FixedStatement.Slot Slot(string parameterName) => new(parameterName, mapping, Property.IsNullable);

        // A nullable shadow property (e.g. the webhook fan-out's mark) starts as null, as EF inserts it.
        public object? Value(object row) => _getter?.GetClrValueUsingContainingEntity(row);
    }

    /// <summary>An entity type's table, columns and INSERT head, worked out once per model.</summary>
    private sealed class Table(IEntityType entityType, string name, Column[] columns, Column[] all, string insert)
    {
        public IEntityType EntityType { get; } = entityType;

        public string Name { get; } = name;

        /// <summary>The columns an INSERT writes (store-generated keys left out).</summary>
        public Column[] Columns { get; } = columns;

        public string Insert { get; } = insert;

        public Column Column(IProperty property) => Array.Find(all, c => c.Property == property)
            ?? throw new InvalidOperationException($"{property.Name} is not a column of {Name}.");

        public static Table Of(IEntityType entityType, ISqlGenerationHelper sql)
        {
            if (entityType.BaseType is not null || entityType.GetDerivedTypes().Any() || entityType.GetComplexProperties().Any()
                || entityType.GetTableName() is not { } tableName)
            {
                throw new NotSupportedException($"{entityType.DisplayName()} is not a plain table: insert it through EF.");
            }

            var store = StoreObjectIdentifier.Table(tableName, entityType.GetSchema());
            var all = new List<Column>();
            var written = new List<Column>();
            foreach (var property in entityType.GetProperties())
            {
                // A nullable shadow property (e.g. the webhook fan-out's mark) starts as null, as EF inserts it.
                if ((property.IsShadowProperty() && !property.IsNullable) || property.GetDefaultValueSql() is not null || property.GetComputedColumnSql() is not null
                    || property.TryGetDefaultValue(out _))
                {
                    throw new NotSupportedException($"{entityType.DisplayName()}.{property.Name} needs EF's insert (shadow, default or computed).");
                }

                var column = new Column(property, sql.DelimitIdentifier(property.GetColumnName(store)!), property.GetRelationalTypeMapping());
                all.Add(column);
                // An integer key generated on add is the database's (identity / autoincrement), as EF leaves it.
                var storeGenerated = property.ValueGenerated.HasFlag(ValueGenerated.OnAdd) && (property.ClrType == typeof(long) || property.ClrType == typeof(int));
                if (!storeGenerated)
                {
                    written.Add(column);
                }
            }

            var name = sql.DelimitIdentifier(tableName, entityType.GetSchema());
            var insert = $"INSERT INTO {name} ({string.Join(", ", written.Select(c => c.Name))}) VALUES ";
            return new Table(entityType, name, [.. written], [.. all], insert);
        }
    }

    /// <summary>
    /// A command for one shape of batch: its EF command (text and parameter list), how many rows it must report, and the
    /// columns of its UPDATE (set, then key) in parameter order.
    /// </summary>
    private sealed record Command(IRelationalCommandTemplate Template, int Parameters, int Expected, bool Counted, Column[] UpdateColumns);

    /// <summary>
    /// The commands of one model, by shape: a tree whose edges are runs of rows (table, count) and whose endings are the
    /// UPDATE (or none). Read without locks; grown under one. Only small batches (the till's) are kept, and only so many:
    /// a bulk import's batches vary in size and are rare, so theirs is built per call.
    /// </summary>
    private sealed class Shapes(bool positional, ISqlGenerationHelper sql)
    {
        private const int MaxCachedParameters = 500;
        private const int MaxCommands = 256;

        private readonly Node _root = new();
        private readonly Lock _growing = new();
        private int _commands;

        public Command CommandFor(DbContext context, ArraySegment<(Table Table, object Row)> rows, Update? update)
        {
            var node = _root;
            for (var i = 0; node is not null && i < rows.Count;)
            {
                var n = RunAt(rows, i);
                node = node.Next(rows[i].Table, n);
                i += n;
            }

            if (node?.Ending(update) is { } cached)
            {
                return cached;
            }

            var command = Build(context, rows, update);
            if (command.Parameters > MaxCachedParameters || Volatile.Read(ref _commands) >= MaxCommands)
            {
                return command;
            }

            lock (_growing)
            {
                node = _root;
                for (var i = 0; i < rows.Count;)
                {
                    var n = RunAt(rows, i);
                    node = node.Next(rows[i].Table, n) ?? node.Add(rows[i].Table, n);
                    i += n;
                }

                if (node.Ending(update) is { } raced)
                {
                    return raced;
                }

                node.Add(update, command);
                _commands++;
                return command;
            }
        }

        private static int RunAt(ArraySegment<(Table Table, object Row)> rows, int start)
        {
            var end = start + 1;
            while (end < rows.Count && ReferenceEquals(rows[end].Table, rows[start].Table))
            {
                end++;
            }

            return end - start;
        }

        /// <summary>
        /// Multi-row INSERTs then the UPDATE. On PostgreSQL, with positional parameters, one statement (Npgsql sends a
        /// positional command as it is, and PostgreSQL takes one statement per command that way): each INSERT and the
        /// UPDATE a data-modifying WITH query, all of which run to completion, counted by the outer SELECT. Elsewhere,
        /// statements separated by semicolons, counted by the driver.
        /// </summary>
        private Command Build(DbContext context, ArraySegment<(Table Table, object Row)> rows, Update? update)
        {
            var text = new StringBuilder(1024);
            var slots = new List<FixedStatement.Slot>();
            var parts = 0;
            string Parameter(Column column)
            {
                var (name, placeholder) = FixedStatement.ParameterAt(sql, positional, slots.Count);
                slots.Add(column.Slot(name));
                return placeholder;
            }

            void Begin()
            {
                text.Append(positional
                    ? (parts == 0 ? "WITH " : ",\n") + "\"w" + parts.ToString(CultureInfo.InvariantCulture) + "\" AS ("
                    : parts == 0 ? "" : ";\n");
            }

            void End()
            {
                text.Append(positional ? " RETURNING 1)" : "");
                parts++;
            }

            for (var i = 0; i < rows.Count;)
            {
                var table = rows[i].Table;
                var n = RunAt(rows, i);
                Begin();
                text.Append(table.Insert);
                for (var r = 0; r < n; r++)
                {
                    text.Append(r == 0 ? "(" : ", (");
                    for (var c = 0; c < table.Columns.Length; c++)
                    {
                        text.Append(c == 0 ? "" : ", ").Append(Parameter(table.Columns[c]));
                    }

                    text.Append(')');
                }

                End();
                i += n;
            }

            var updateColumns = new List<Column>();
            if (update is not null)
            {
                var table = TableOf(update.EntityType, sql);
                Begin();
                text.Append("UPDATE ").Append(table.Name).Append(" SET ");
                for (var i = 0; i < update.Properties.Count; i++)
                {
                    var column = table.Column(update.Properties[i]);
                    updateColumns.Add(column);
                    text.Append(i == 0 ? "" : ", ").Append(column.Name).Append(" = ").Append(Parameter(column));
                }

                text.Append(" WHERE ");
                var key = update.EntityType.FindPrimaryKey()!.Properties;
                for (var i = 0; i < key.Count; i++)
                {
                    var column = table.Column(key[i]);
                    updateColumns.Add(column);
                    text.Append(i == 0 ? "" : " AND ").Append(column.Name).Append(" = ").Append(Parameter(column));
                }

                End();
            }

            if (positional)
            {
                text.Append("\nSELECT ");
                for (var i = 0; i < parts; i++)
                {
                    text.Append(i == 0 ? "" : " + ").Append("(SELECT count(*) FROM \"w").Append(i.ToString(CultureInfo.InvariantCulture)).Append("\")");
                }
            }

            var template = FixedStatement.Template(context.Database, text.ToString(), [.. slots]);
            return new Command(template, slots.Count, rows.Count + (update is null ? 0 : 1), positional, [.. updateColumns]);
        }
    }

    private sealed class Node
    {
        private (Table Table, int Rows, Node Node)[] _next = [];
        private (IEntityType? EntityType, IReadOnlyList<IProperty>? Properties, Command Command)[] _endings = [];

        public Node? Next(Table table, int rows)
        {
            foreach (var edge in Volatile.Read(ref _next))
            {
                if (ReferenceEquals(edge.Table, table) && edge.Rows == rows)
                {
                    return edge.Node;
                }
            }

            return null;
        }

        public Node Add(Table table, int rows)
        {
            var node = new Node();
            Volatile.Write(ref _next, [.. _next, (table, rows, node)]);
            return node;
        }

        public Command? Ending(Update? update)
        {
            foreach (var ending in Volatile.Read(ref _endings))
            {
                if (update is null ? ending.EntityType is null : ReferenceEquals(ending.EntityType, update.EntityType) && Same(ending.Properties!, update.Properties))
                {
                    return ending.Command;
                }
            }

            return null;
        }

        private static bool Same(IReadOnlyList<IProperty> a, IReadOnlyList<IProperty> b)
        {
            if (a.Count != b.Count)
            {
                return false;
            }

            for (var i = 0; i < a.Count; i++)
            {
                if (!ReferenceEquals(a[i], b[i]))
                {
                    return false;
                }
            }

            return true;
        }

        public void Add(Update? update, Command command) =>
            Volatile.Write(ref _endings, [.. _endings, (update?.EntityType, update?.Properties.ToArray(), command)]);
    }
}
