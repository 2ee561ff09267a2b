using Loyalty.Application.Abstractions;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Infrastructure.Persistence;

/// <summary>
/// Splits a set of ids into consecutive ranges for batch jobs, in the database's own order of ids (so each batch's
/// statements can say <c>id &gt; from AND id &lt;= to</c> whatever the provider's GUID ordering), and writes that condition.
/// </summary>
internal static class IdRanges
{
    /// <summary>
    /// Ranges of <paramref name="size"/> ids of <paramref name="ids"/> (a SELECT of one column named "Id"): every
    /// size-th id, and the last one, ends a range; the first range starts open. No ids, no ranges.
    /// </summary>
    public static async Task<List<(Guid? From, Guid To)>> SplitAsync(
        ILoyaltyDbContext db, SetSql sql, SetSql.Parameters p, string ids, int size, CancellationToken cancellationToken)
    {
        var text = $"""
            SELECT n."Id" AS "Value" FROM (
                SELECT d."Id", ROW_NUMBER() OVER (ORDER BY d."Id") AS "Row", COUNT(*) OVER () AS "Total"
                FROM ({ids}) d
            ) n
            WHERE n."Row" % {p.Add((long)size)} = 0 OR n."Row" = n."Total"
            ORDER BY n."Row"
            """;
        var ends = await sql.Query<Guid>(db, text, p).ToListAsync(cancellationToken);
        var ranges = new List<(Guid? From, Guid To)>(ends.Count);
        Guid? from = null;
        foreach (var end in ends)
        {
            ranges.Add((from, end));
            from = end;
        }

        return ranges;
    }

    /// <summary>" AND column &gt; from AND column &lt;= to" (no lower bound for the first range).</summary>
    public static string InRange(SetSql.Parameters p, string column, Guid? from, Guid to) =>
        (from is { } f ? $" AND {column} > {p.Add(f)}" : "") + $" AND {column} <= {p.Add(to)}";
}
