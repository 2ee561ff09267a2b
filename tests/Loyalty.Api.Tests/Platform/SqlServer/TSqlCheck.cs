using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace Loyalty.Api.Tests.Platform.SqlServer;

/// <summary>
/// Parses T-SQL with Microsoft's own parser (SQL Server 2022 grammar, quoted identifiers on, as the provider sends
/// them) and checks each table and column a statement names against the EF model.
/// </summary>
internal sealed class TSqlCheck
{
    // Names that parse as column references but are none: date parts of DATEADD/DATEDIFF/DATEPART, and the
    // pseudo-tables of OUTPUT.
    private static readonly HashSet<string> NotColumns = new(StringComparer.OrdinalIgnoreCase)
    {
        "year", "quarter", "month", "dayofyear", "day", "week", "weekday", "hour", "minute", "second", "millisecond", "microsecond", "nanosecond",
        "yy", "yyyy", "qq", "q", "mm", "m", "dy", "y", "dd", "d", "wk", "ww", "dw", "hh", "mi", "n", "ss", "s", "ms", "mcs", "ns",
    };

    private static readonly HashSet<string> PseudoTables = new(StringComparer.OrdinalIgnoreCase) { "inserted", "deleted" };

    private readonly Dictionary<string, HashSet<string>> _tables = new(StringComparer.Ordinal);
    private readonly HashSet<string> _allColumns = new(StringComparer.Ordinal);

    public TSqlCheck(IModel model)
    {
        foreach (var entity in model.GetEntityTypes())
        {
            if (entity.GetTableName() is not { } table)
            {
                continue;
            }

            var store = StoreObjectIdentifier.Table(table, entity.GetSchema());
            if (!_tables.TryGetValue(table, out var columns))
            {
                _tables[table] = columns = new HashSet<string>(StringComparer.Ordinal);
            }

            foreach (var property in entity.GetProperties())
            {
                if (property.GetColumnName(store) is { } column)
                {
                    columns.Add(column);
                    _allColumns.Add(column);
                }
            }
        }

        _tables["__EFMigrationsHistory"] = ["MigrationId", "ProductVersion"];
    }

    public static TSqlFragment Parse(string sql, out IList<ParseError> errors)
    {
        var parser = new TSql160Parser(initialQuotedIdentifiers: true);
        using var reader = new StringReader(sql);
        return parser.Parse(reader, out errors);
    }

    /// <summary>What is wrong with <paramref name="sql"/>: parse errors, then names the model does not have.</summary>
    public IEnumerable<string> Problems(string sql)
    {
        var fragment = Parse(sql, out var errors);
        if (errors.Count > 0)
        {
            foreach (var error in errors)
            {
                yield return $"line {error.Line}, column {error.Column}: {error.Message}\n{sql}";
            }

            yield break;
        }

        var names = new NameCollector();
        fragment.Accept(names);
        var aliases = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var table in names.Tables)
        {
            var name = table.SchemaObject.BaseIdentifier.Value;
            if (names.DeclaredTables.Contains(name) || name.StartsWith('#'))
            {
                continue;
            }

            if (!_tables.ContainsKey(name))
            {
                yield return $"no table \"{name}\" in the model\n{sql}";
                continue;
            }

            aliases[table.Alias?.Value ?? name] = name;
        }

        foreach (var column in names.Columns)
        {
            if (column.ColumnType != ColumnType.Regular || column.MultiPartIdentifier is null)
            {
                continue;
            }

            var parts = column.MultiPartIdentifier.Identifiers;
            var name = parts[^1].Value;
            if (parts.Count == 1 && (NotColumns.Contains(name) || names.DeclaredColumns.Contains(name)))
            {
                continue;
            }

            if (parts.Count >= 2 && aliases.TryGetValue(parts[^2].Value, out var table))
            {
                if (!_tables[table].Contains(name))
                {
                    yield return $"no column \"{name}\" in table \"{table}\"\n{sql}";
                }
            }
            else if (!_allColumns.Contains(name) && !names.DeclaredColumns.Contains(name) && !(parts.Count >= 2 && PseudoTables.Contains(parts[^2].Value) && _allColumns.Contains(name)))
            {
                yield return $"no column \"{name}\" in any table of the model or of the statement\n{sql}";
            }
        }
    }

    private sealed class NameCollector : TSqlFragmentVisitor
    {
        public List<NamedTableReference> Tables { get; } = [];

        public List<ColumnReferenceExpression> Columns { get; } = [];

        /// <summary>Common table expressions: tables the statement declares itself.</summary>
        public HashSet<string> DeclaredTables { get; } = new(StringComparer.Ordinal);

        /// <summary>Column aliases and the columns of derived tables and CTEs the statement declares.</summary>
        public HashSet<string> DeclaredColumns { get; } = new(StringComparer.Ordinal);

        public override void Visit(NamedTableReference node) => Tables.Add(node);

        public override void Visit(ColumnReferenceExpression node) => Columns.Add(node);

        public override void Visit(CommonTableExpression node)
        {
            DeclaredTables.Add(node.ExpressionName.Value);
            foreach (var column in node.Columns)
            {
                DeclaredColumns.Add(column.Value);
            }
        }

        public override void Visit(SelectScalarExpression node)
        {
            if (node.ColumnName?.Value is { } alias)
            {
                DeclaredColumns.Add(alias);
            }
        }

        public override void Visit(InlineDerivedTable node)
        {
            foreach (var column in node.Columns)
            {
                DeclaredColumns.Add(column.Value);
            }
        }

        public override void Visit(QueryDerivedTable node)
        {
            foreach (var column in node.Columns)
            {
                DeclaredColumns.Add(column.Value);
            }
        }
    }
}
