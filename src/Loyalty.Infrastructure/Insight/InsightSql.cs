using Loyalty.Infrastructure.Persistence;

namespace Loyalty.Infrastructure.Insight;

/// <summary>
/// The few expressions insight's SQL needs beyond <see cref="SetSql"/>'s, per provider: day arithmetic on instants
/// (SQLite stores UTC ticks), floating-point casts and truncation, two-argument least/greatest.
/// </summary>
internal sealed class InsightSql(SetSql sql)
{
    /// <summary>Days from <paramref name="from"/> to <paramref name="to"/> as a floating-point number.</summary>
    public string Days(string to, string from) => sql.IsPostgreSql
        ? $"(CAST(EXTRACT(EPOCH FROM ({to}) - ({from})) AS double precision) / 86400.0)"
        : sql.IsSqlServer
            ? $"(CAST(DATEDIFF_BIG(millisecond, {from}, {to}) AS float) / 86400000.0)"
            : $"((({to}) - ({from})) / 864000000000.0)";

    /// <summary>Whole days from <paramref name="from"/> to <paramref name="to"/> (rounded down; both instants in order).</summary>
    public string WholeDays(string to, string from) => sql.IsPostgreSql
        ? $"CAST(FLOOR(EXTRACT(EPOCH FROM ({to}) - ({from})) / 86400) AS integer)"
        : sql.IsSqlServer
            ? $"CAST(DATEDIFF_BIG(second, {from}, {to}) / 86400 AS int)"
            : $"CAST((({to}) - ({from})) / 864000000000 AS INTEGER)";

    /// <summary>The UTC calendar month of an instant as year × 12 + month − 1 (consecutive months differ by one).</summary>
    public string MonthIndex(string instant) => sql.IsPostgreSql
        ? $"CAST(EXTRACT(YEAR FROM ({instant}) AT TIME ZONE 'UTC') * 12 + EXTRACT(MONTH FROM ({instant}) AT TIME ZONE 'UTC') - 1 AS integer)"
        : sql.IsSqlServer
            ? $"(DATEPART(year, SWITCHOFFSET({instant}, '+00:00')) * 12 + DATEPART(month, SWITCHOFFSET({instant}, '+00:00')) - 1)"
            : $"(CAST(strftime('%Y', (({instant}) - 621355968000000000) / 10000000, 'unixepoch') AS INTEGER) * 12 + CAST(strftime('%m', (({instant}) - 621355968000000000) / 10000000, 'unixepoch') AS INTEGER) - 1)";

    public string Real(string expression) => sql.IsPostgreSql
        ? $"CAST({expression} AS double precision)"
        : sql.IsSqlServer ? $"CAST({expression} AS float)" : $"CAST({expression} AS REAL)";

    /// <summary>A non-negative floating-point expression truncated to a whole number (as .NET's Math.Truncate).</summary>
    public string Truncate(string expression) => sql.IsPostgreSql
        ? $"CAST(TRUNC({expression}) AS bigint)"
        : sql.IsSqlServer ? $"CAST(ROUND({expression}, 0, 1) AS bigint)" : $"CAST({expression} AS INTEGER)";

    public string Least(string a, string b) => sql.IsSqlServer || sql.IsPostgreSql ? $"LEAST({a}, {b})" : $"MIN({a}, {b})";

    public string Greatest(string a, string b) => sql.IsSqlServer || sql.IsPostgreSql ? $"GREATEST({a}, {b})" : $"MAX({a}, {b})";

    /// <summary>A purchase that counts as a visit: not returned in full.</summary>
    public string IsVisit(string purchase) => $"""{sql.Number($"{purchase}.\"ReturnedAmount\"")} < {sql.Number($"{purchase}.\"Amount\"")}""";
}
