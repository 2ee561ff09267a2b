using Loyalty.Application.Abstractions;
using Loyalty.Application.Features.Customised.Recommendations;
using Loyalty.Domain.Customised.Recommendations;
using Loyalty.Domain.Social.Members;
using Loyalty.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace Loyalty.Infrastructure.Recommendations;

/// <summary>The next-best-offer refresh's statements in each provider's SQL, on the caller's context (so inside its transaction).</summary>
public sealed class SqlRecommendationStore(ILoyaltyDbContext db) : IRecommendationStore
{
    private const string Columns = """
        "MemberId", "Rank", "CandidateKind", "CandidateId", "CandidateName", "Category", "Score", "ReasonKind", "Reason",
        "BasedOnCategory", "BasedOnPurchases", "LastPurchasedAt", "IntervalDays", "ComputedAt"
        """;

    /// <summary>Rows per INSERT statement off PostgreSQL: 14 parameters each stays under SQL Server's 2,100.</summary>
    private const int RowsPerInsert = 100;

    public async Task<BasketCounts> CountBasketsAsync(DateTimeOffset since, CancellationToken cancellationToken)
    {
        var sql = SetSql.For(db);
        var p = sql.NewParameters();
        var lines = $"""FROM "PurchaseLines" l WHERE l."PurchasedAt" >= {p.Add(since)} AND l."Category" IS NOT NULL""";
        // Each unordered pair once (From <= To), the diagonal being the baskets holding one category, and one row
        // with no categories for the number of baskets. PostgreSQL gathers a basket's categories into an array in
        // one pass and pairs them in place; a self-join of ten million lines on the basket was several times slower.
        var text = sql.IsPostgreSql
            ? $"""
              WITH baskets AS MATERIALIZED (SELECT array_agg(DISTINCT l."Category") AS c {lines} GROUP BY l."PurchaseId")
              SELECT b.c[i] AS "From", b.c[j] AS "To", count(*) AS "Baskets"
              FROM baskets b, generate_series(1, cardinality(b.c)) i, generate_series(i, cardinality(b.c)) j
              GROUP BY 1, 2
              UNION ALL
              SELECT NULL, NULL, count(*) FROM baskets
              """
            : $"""
              WITH bc AS (SELECT DISTINCT l."PurchaseId", l."Category" {lines})
              SELECT a."Category" AS "From", b."Category" AS "To", CAST(COUNT(*) AS bigint) AS "Baskets"
              FROM bc a JOIN bc b ON b."PurchaseId" = a."PurchaseId" AND a."Category" <= b."Category"
              GROUP BY a."Category", b."Category"
              UNION ALL
              SELECT NULL, NULL, CAST(COUNT(DISTINCT "PurchaseId") AS bigint) FROM bc
              """;

        List<BasketRow> rows;
        // Room for the per-basket sort and the pair aggregation.
        await using (await SetSql.JobStatementsAsync(db, cancellationToken))
        {
            rows = await sql.Query<BasketRow>(db, text, p).ToListAsync(cancellationToken);
        }

        var total = 0;
        var withCategory = new Dictionary<string, int>(StringComparer.Ordinal);
        var together = new List<(string From, string To, int Baskets)>();
        foreach (var row in rows)
        {
            var baskets = checked((int)row.Baskets);
            if (row.From is null || row.To is null)
            {
                total = baskets;
            }
            else if (string.Equals(row.From, row.To, StringComparison.Ordinal))
            {
                withCategory[row.From] = baskets;
            }
            else
            {
                together.Add((row.From, row.To, baskets));
                together.Add((row.To, row.From, baskets));
            }
        }

        return new BasketCounts(total, withCategory, together);
    }

    public async Task<List<(Guid? From, Guid To)>> ActiveMemberBatchesAsync(int size, CancellationToken cancellationToken)
    {
        // Every size-th active member, and the last one, ends a range: the ids themselves never leave the database.
        var sql = SetSql.For(db);
        var p = sql.NewParameters();
        var text = $"""
            SELECT n."Id" AS "Value" FROM (
                SELECT m."Id", ROW_NUMBER() OVER (ORDER BY m."Id") AS "Row", COUNT(*) OVER () AS "Total"
                FROM "Members" m WHERE m."Status" = {p.Add(nameof(MemberStatus.Active))}
            ) n
            WHERE n."Row" % {p.Add((long)size)} = 0 OR n."Row" = n."Total"
            ORDER BY n."Row"
            """;
        var ends = await sql.Query<Guid>(db, text, p).ToListAsync(cancellationToken);
        var batches = new List<(Guid? From, Guid To)>(ends.Count);
        Guid? from = null;
        foreach (var end in ends)
        {
            batches.Add((from, end));
            from = end;
        }

        return batches;
    }

    public Task ReplaceAsync(Guid? from, Guid to, IReadOnlyList<MemberRecommendation> rows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var sql = SetSql.For(db);
        return sql.IsPostgreSql ? CopyAsync(sql, from, to, rows, cancellationToken) : InsertAsync(sql, from, to, rows, cancellationToken);
    }

    private static string InRange(SetSql.Parameters p, string column, Guid? from, Guid to) =>
        (from is { } after ? $"{column} > {p.Add(after)} AND " : "") + $"{column} <= {p.Add(to)}";

    /// <summary>
    /// PostgreSQL: the rows go by binary COPY into a staging table dropped at commit, then one upsert puts them in
    /// place and one delete removes what the range held beyond them. An upsert rather than delete-then-insert, so a
    /// refresh running at the same time (the job and a staff request) overwrites rather than fails on the key.
    /// </summary>
    private async Task CopyAsync(SetSql sql, Guid? from, Guid to, IReadOnlyList<MemberRecommendation> rows, CancellationToken cancellationToken)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await db.Database.ExecuteSqlRawAsync("""CREATE TEMP TABLE "RecommendationStaging" (LIKE "MemberRecommendations" INCLUDING INDEXES) ON COMMIT DROP""", cancellationToken);
        await using (var writer = await connection.BeginBinaryImportAsync($"""COPY "RecommendationStaging" ({Columns}) FROM STDIN (FORMAT BINARY)""", cancellationToken))
        {
            foreach (var row in rows)
            {
                await writer.StartRowAsync(cancellationToken);
                await writer.WriteAsync(row.MemberId, NpgsqlDbType.Uuid, cancellationToken);
                await writer.WriteAsync(row.Rank, NpgsqlDbType.Integer, cancellationToken);
                await writer.WriteAsync(row.CandidateKind.ToString(), NpgsqlDbType.Varchar, cancellationToken);
                await writer.WriteAsync(row.CandidateId, NpgsqlDbType.Uuid, cancellationToken);
                await writer.WriteAsync(row.CandidateName, NpgsqlDbType.Varchar, cancellationToken);
                await WriteAsync(writer, row.Category, NpgsqlDbType.Varchar, cancellationToken);
                await writer.WriteAsync(row.Score, NpgsqlDbType.Double, cancellationToken);
                await writer.WriteAsync(row.ReasonKind.ToString(), NpgsqlDbType.Varchar, cancellationToken);
                await writer.WriteAsync(row.Reason, NpgsqlDbType.Varchar, cancellationToken);
                await WriteAsync(writer, row.BasedOnCategory, NpgsqlDbType.Varchar, cancellationToken);
                await WriteAsync(writer, row.BasedOnPurchases, NpgsqlDbType.Integer, cancellationToken);
                await WriteAsync(writer, row.LastPurchasedAt?.UtcDateTime, NpgsqlDbType.TimestampTz, cancellationToken);
                await WriteAsync(writer, row.IntervalDays, NpgsqlDbType.Double, cancellationToken);
                await writer.WriteAsync(row.ComputedAt.UtcDateTime, NpgsqlDbType.TimestampTz, cancellationToken);
            }

            await writer.CompleteAsync(cancellationToken);
        }

        var updates = string.Join(", ", Columns.Split(',').Select(c => c.Trim()).Where(c => c is not "\"MemberId\"" and not "\"Rank\"").Select(c => $"{c} = EXCLUDED.{c}"));
        var p = sql.NewParameters();
        await sql.ExecuteAsync(
            db,
            $"""
            INSERT INTO "MemberRecommendations" ({Columns})
            SELECT {Columns} FROM "RecommendationStaging"
            ON CONFLICT ("MemberId", "Rank") DO UPDATE SET {updates}
            """,
            p,
            cancellationToken);
        p = sql.NewParameters();
        await sql.ExecuteAsync(
            db,
            $"""
            DELETE FROM "MemberRecommendations" r
            WHERE {InRange(p, "r.\"MemberId\"", from, to)}
              AND NOT EXISTS (SELECT 1 FROM "RecommendationStaging" s WHERE s."MemberId" = r."MemberId" AND s."Rank" = r."Rank")
            """,
            p,
            cancellationToken);
    }

    private static Task WriteAsync<T>(NpgsqlBinaryImporter writer, T? value, NpgsqlDbType type, CancellationToken cancellationToken) =>
        value is null ? writer.WriteNullAsync(cancellationToken) : writer.WriteAsync(value, type, cancellationToken);

    /// <summary>SQLite and SQL Server: the range's rows deleted, then multi-row INSERTs of <see cref="RowsPerInsert"/> rows.</summary>
    private async Task InsertAsync(SetSql sql, Guid? from, Guid to, IReadOnlyList<MemberRecommendation> rows, CancellationToken cancellationToken)
    {
        var p = sql.NewParameters();
        await sql.ExecuteAsync(db, $"""DELETE FROM "MemberRecommendations" WHERE {InRange(p, "\"MemberId\"", from, to)}""", p, cancellationToken);
        foreach (var chunk in rows.Chunk(RowsPerInsert))
        {
            p = sql.NewParameters();
            var values = chunk.Select(r => "(" + string.Join(", ", Values(r).Select(v => v is null ? "NULL" : p.Add(v))) + ")");
            await sql.ExecuteAsync(db, $"""INSERT INTO "MemberRecommendations" ({Columns}) VALUES {string.Join(", ", values)}""", p, cancellationToken);
        }
    }

    private static object?[] Values(MemberRecommendation r) =>
    [
        r.MemberId, r.Rank, r.CandidateKind.ToString(), r.CandidateId, r.CandidateName, r.Category, r.Score, r.ReasonKind.ToString(), r.Reason,
        r.BasedOnCategory, r.BasedOnPurchases, r.LastPurchasedAt, r.IntervalDays, r.ComputedAt,
    ];

    private sealed class BasketRow
    {
        public string? From { get; set; }

        public string? To { get; set; }

        public long Baskets { get; set; }
    }
}
