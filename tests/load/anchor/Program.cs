// The load harness's anchor (tests/load/README.md): the cheapest honest version of our hot paths, so that every
// figure of the API has a same-run ratio to what this machine can do over HTTP and PostgreSQL.
//   GET  /json                    a bare JSON endpoint: no auth, no database
//   GET  /balance/{memberNumber}  one indexed SELECT
//   POST /earn                    the purchase's writes (account, purchase with a unique receipt, breakdown, ledger
//                                 entry, lot, outbox row) as one batch in one implicit transaction: one round trip
// Configuration (environment): ANCHOR_CONNECTION (omit for /json only), ANCHOR_MEMBERS_FILE (member numbers, one a
// line: their accounts are created at start-up, in a schema of its own that is dropped and made again).
using System.Text.Json;
using Npgsql;
using NpgsqlTypes;

var builder = WebApplication.CreateSlimBuilder(args);
var app = builder.Build();
var connection = Environment.GetEnvironmentVariable("ANCHOR_CONNECTION");

app.MapGet("/json", () => Results.Json(new Health("ok")));

if (!string.IsNullOrEmpty(connection))
{
    var dataSource = NpgsqlDataSource.Create(connection);
    await Schema.CreateAsync(dataSource, Environment.GetEnvironmentVariable("ANCHOR_MEMBERS_FILE"));

    app.MapGet("/balance/{memberNumber}", async (string memberNumber, CancellationToken ct) =>
    {
        await using var command = dataSource.CreateCommand("SELECT available, pending FROM anchor.accounts WHERE member_number = $1");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = memberNumber });
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct)
            ? Results.Json(new Balance(memberNumber, reader.GetInt64(0), reader.GetInt64(1)))
            : Results.NotFound();
    });

    app.MapPost("/earn", async (EarnRequest request, CancellationToken ct) =>
    {
        // The rules stand in for ours: a point per whole euro, doubled on beans.
        var basePoints = (long)Math.Floor(request.Amount);
        var bonus = (long)Math.Floor(request.Lines.Where(l => l.Category == "beans").Sum(l => l.Amount));
        var points = basePoints + bonus;
        var now = DateTimeOffset.UtcNow;
        var purchaseId = Guid.CreateVersion7();
        var payload = JsonSerializer.Serialize(new EarnedEvent(request.MemberNumber, purchaseId, points, now));

        await using var batch = dataSource.CreateBatch();
        Add(batch, "UPDATE anchor.accounts SET available = available + $2, lifetime_earned = lifetime_earned + $2, updated_at = $3 WHERE member_number = $1 RETURNING available",
            request.MemberNumber, points, now);
        Add(batch, "INSERT INTO anchor.purchases (id, member_number, store_id, external_id, amount, currency, purchased_at, points) " +
                   "SELECT $1, member_number, $3, $4, $5, $6, $7, $8 FROM anchor.accounts WHERE member_number = $2",
            purchaseId, request.MemberNumber, request.StoreId, request.ExternalId, request.Amount, request.Currency, now, points);
        Add(batch, "INSERT INTO anchor.breakdown (purchase_id, rule, points) SELECT $1, unnest($2::text[]), unnest($3::bigint[]) " +
                   "WHERE EXISTS (SELECT 1 FROM anchor.purchases WHERE id = $1)",
            purchaseId, new[] { "base", "beans" }, new[] { basePoints, bonus });
        Add(batch, "INSERT INTO anchor.ledger_entries (member_number, type, points, description, occurred_at, purchase_id) " +
                   "SELECT member_number, 'Earn', $2, $3, $4, $5 FROM anchor.accounts WHERE member_number = $1",
            request.MemberNumber, points, "Purchase " + request.ExternalId, now, purchaseId);
        Add(batch, "INSERT INTO anchor.lots (member_number, points, remaining, earned_at, expires_at) " +
                   "SELECT member_number, $2, $2, $3, $4 FROM anchor.accounts WHERE member_number = $1",
            request.MemberNumber, points, now, now.AddYears(1));
        Add(batch, "INSERT INTO anchor.outbox (type, payload, created_at) SELECT 'points.earned', $2, $3 FROM anchor.accounts WHERE member_number = $1",
            request.MemberNumber, new NpgsqlParameter { Value = payload, NpgsqlDbType = NpgsqlDbType.Jsonb }, now);
        try
        {
            var available = await batch.ExecuteScalarAsync(ct);
            return available is long balance
                ? Results.Json(new EarnResponse(purchaseId, request.ExternalId, points, balance), statusCode: 201)
                : Results.NotFound();
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            return Results.Conflict();
        }
    });
}

app.Run();

static void Add(NpgsqlBatch batch, string sql, params object[] values)
{
    var command = new NpgsqlBatchCommand(sql);
    foreach (var value in values)
    {
        command.Parameters.Add(value as NpgsqlParameter ?? new NpgsqlParameter { Value = value });
    }

    batch.BatchCommands.Add(command);
}

internal sealed record Health(string Status);

internal sealed record Balance(string MemberNumber, long Available, long Pending);

internal sealed record EarnLine(string Sku, string Category, int Quantity, decimal Amount);

internal sealed record EarnRequest(string MemberNumber, Guid StoreId, string ExternalId, decimal Amount, string Currency, EarnLine[] Lines);

internal sealed record EarnResponse(Guid Id, string ExternalId, long Points, long Available);

internal sealed record EarnedEvent(string MemberNumber, Guid PurchaseId, long Points, DateTimeOffset OccurredAt);

internal static class Schema
{
    public static async Task CreateAsync(NpgsqlDataSource dataSource, string? membersFile)
    {
        // Indexes as ours has them where the hot path needs them: the account by member, the receipt unique per store.
        await using (var command = dataSource.CreateCommand("""
            DROP SCHEMA IF EXISTS anchor CASCADE;
            CREATE SCHEMA anchor;
            CREATE TABLE anchor.accounts (member_number varchar(20) PRIMARY KEY, available bigint NOT NULL DEFAULT 0,
                pending bigint NOT NULL DEFAULT 0, lifetime_earned bigint NOT NULL DEFAULT 0, updated_at timestamptz NOT NULL DEFAULT now());
            CREATE TABLE anchor.purchases (id uuid PRIMARY KEY, member_number varchar(20) NOT NULL, store_id uuid NOT NULL,
                external_id varchar(100) NOT NULL, amount numeric(18,4) NOT NULL, currency char(3) NOT NULL,
                purchased_at timestamptz NOT NULL, points bigint NOT NULL, UNIQUE (store_id, external_id));
            CREATE INDEX ON anchor.purchases (member_number, purchased_at);
            CREATE TABLE anchor.breakdown (id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, purchase_id uuid NOT NULL, rule text NOT NULL, points bigint NOT NULL);
            CREATE TABLE anchor.ledger_entries (id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, member_number varchar(20) NOT NULL,
                type varchar(20) NOT NULL, points bigint NOT NULL, description varchar(500) NOT NULL, occurred_at timestamptz NOT NULL, purchase_id uuid);
            CREATE INDEX ON anchor.ledger_entries (member_number, occurred_at);
            CREATE TABLE anchor.lots (id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, member_number varchar(20) NOT NULL,
                points bigint NOT NULL, remaining bigint NOT NULL, earned_at timestamptz NOT NULL, expires_at timestamptz NOT NULL);
            CREATE INDEX ON anchor.lots (member_number, expires_at);
            CREATE TABLE anchor.outbox (id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, type varchar(100) NOT NULL, payload jsonb NOT NULL,
                created_at timestamptz NOT NULL, sent_at timestamptz);
            """))
        {
            await command.ExecuteNonQueryAsync();
        }

        if (membersFile is null)
        {
            return;
        }

        var members = File.ReadAllLines(membersFile).Where(l => l.Length > 0).ToArray();
        await using (var insert = dataSource.CreateCommand("INSERT INTO anchor.accounts (member_number) SELECT unnest($1::varchar[])"))
        {
            insert.Parameters.Add(new NpgsqlParameter { Value = members });
            await insert.ExecuteNonQueryAsync();
        }

        await using var analyze = dataSource.CreateCommand("ANALYZE anchor.accounts");
        await analyze.ExecuteNonQueryAsync();
    }
}
