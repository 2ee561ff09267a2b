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
    /// update found its row.
    /// </summary>
    public async Task FlushAsync(DbContext context, ISqlGenerationHelper sqlHelper, Update? update, CancellationToken cancellationToken)
    {
        var rows = _rows.ToArray();
        _rows.Clear();
        await using var factory = context.Database.GetDbConnection().CreateCommand(); // makes parameters; EF runs the command
        var batch = new Batch(sqlHelper, factory);
        Table? open = null;
        foreach (var (table, row) in rows)
        {
            if (batch.Parameters.Count + table.Columns.Length > MaxParameters)
            {
                await batch.ExecuteAsync(context, cancellationToken);
                batch = new Batch(sqlHelper, factory);
                open = null;
            }

            batch.Sql.Append(ReferenceEquals(open, table) ? ", (" : (open is null ? "" : ";\n") + table.Insert + "(");
            open = table;
            for (var c = 0; c < table.Columns.Length; c++)
            {
                batch.Sql.Append(c == 0 ? "" : ", ").Append(batch.Parameter(table.Columns[c], row));
            }

            batch.Sql.Append(')');
            batch.Expected++;
        }

        if (update is not null)
        {
            var table = TableOf(update.EntityType, sqlHelper);
            batch.Sql.Append(open is null ? "" : ";\n").Append("UPDATE ").Append(table.Name).Append(" SET ");
            for (var i = 0; i < update.Properties.Count; i++)
            {
                var column = table.Column(update.Properties[i]);
                batch.Sql.Append(i == 0 ? "" : ", ").Append(column.Name).Append(" = ").Append(batch.Parameter(column, update.Row));
            }

            batch.Sql.Append(" WHERE ");
            var key = update.EntityType.FindPrimaryKey()!.Properties;
            for (var i = 0; i < key.Count; i++)
            {
                var column = table.Column(key[i]);
                batch.Sql.Append(i == 0 ? "" : " AND ").Append(column.Name).Append(" = ").Append(batch.Parameter(column, update.Row));
            }

            batch.Expected++;
        }

        await batch.ExecuteAsync(context, cancellationToken);
    }

    private static Table TableOf(IEntityType entityType, ISqlGenerationHelper sql) =>
        Tables.TryGetValue(entityType, out var table) ? table : Tables.GetValue(entityType, t => Table.Of(t, sql));

    /// <summary>An UPDATE of one tracked row by its key, setting <see cref="Properties"/> to the row's values.</summary>
    public sealed record Update(IEntityType EntityType, object Row, IReadOnlyList<IProperty> Properties);

    private sealed record Column(IProperty Property, string Name, RelationalTypeMapping Mapping);

    /// <summary>An entity type's table, columns and INSERT head, worked out once per model.</summary>
    private sealed class Table(string name, Column[] columns, Column[] all, string insert)
    {
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
            return new Table(name, [.. written], [.. all], insert);
        }
    }

    private sealed class Batch(ISqlGenerationHelper sql, DbCommand factory)
    {
        public StringBuilder Sql { get; } = new(1024);

        public List<DbParameter> Parameters { get; } = [];

        public int Expected { get; set; }

        public string Parameter(Column column, object row)
        {
            var name = "p" + Parameters.Count.ToString(CultureInfo.InvariantCulture);
            var value = column.Property.IsShadowProperty() ? null : column.Property.GetGetter().GetClrValueUsingContainingEntity(row);
            Parameters.Add(column.Mapping.CreateParameter(factory, sql.GenerateParameterName(name), value, column.Property.IsNullable));
            return sql.GenerateParameterNamePlaceholder(name);
        }

        public async Task ExecuteAsync(DbContext context, CancellationToken cancellationToken)
        {
            if (Expected == 0)
            {
                return;
            }

            int written;
            try
            {
                // Through EF, so its interceptors, logging and command timeout apply as to any other command.
                written = await context.Database.ExecuteSqlRawAsync(Sql.ToString(), Parameters, cancellationToken);
            }
            catch (DbException exception)
            {
                // As SaveChanges reports it, so a unique index's refusal maps to the same problem (UniqueConstraintViolations).
                throw new DbUpdateException("An error occurred while saving the unit of work's rows.", exception);
            }

            if (written != Expected)
            {
                throw new DbUpdateConcurrencyException($"Expected {Expected} rows written, the database reported {written}.");
            }
        }
    }
}
