using Loyalty.Application.Abstractions;
using Loyalty.Application.Common;
using Loyalty.Application.Features.Social.Tiers;
using Loyalty.Domain.Common;
using Loyalty.Domain.Social.Members;
using Loyalty.Domain.Structural.Outbox;
using Loyalty.Infrastructure.Persistence;

namespace Loyalty.Infrastructure.Tiers;

/// <summary>
/// What a tier move writes, in each provider's SQL, on the caller's context (so inside its transaction): the
/// member's tier fields (<see cref="Standing"/>), a row of <see cref="HistoryColumns"/> and a <c>tier.changed</c>
/// message of <see cref="EventColumns"/> whose payload is <see cref="TierChanges.Payload"/>. The review job
/// (<see cref="SqlTierReview"/>) writes its downgrades with the same three pieces.
/// </summary>
public sealed class SqlTierMoves(ILoyaltyDbContext db, TimeProvider clock) : ITierMoves
{
    internal const string HistoryColumns = """ "MemberId", "FromTierId", "ToTierId", "Reason", "PointsEarned", "Spend", "Visits", "OccurredAt", "Actor" """;

    internal const string EventColumns = """ "Id", "Type", "MemberId", "Payload", "OccurredAt" """;

    /// <summary>The member's tier fields a move sets, as SET assignments of SQL expressions.</summary>
    internal static string Standing(string tier, string since, string reviewAt, string graceUntil) =>
        $"""
        "TierId" = {tier}, "TierSince" = {since}, "TierReviewAt" = {reviewAt}, "TierGraceUntil" = {graceUntil}
        """;

    /// <summary>
    /// One statement on PostgreSQL (the update feeds the inserts), one command of three statements elsewhere: the
    /// same single round trip as a bare conditional update. The update runs first and takes the member's row lock,
    /// so of two racing moves one moves the member and the other writes nothing.
    /// </summary>
    public async Task<bool> MoveMemberAsync(Member member, TierMove move, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(member);
        ArgumentNullException.ThrowIfNull(move);
        var sql = SetSql.For(db);
        var p = sql.NewParameters();
        var id = p.Add(member.Id);
        var from = p.Add(move.From.Id);
        var to = p.Add(move.To.Id);
        var standing = Standing(to, p.Add(move.Since), Optional(p, move.ReviewAt), Optional(p, move.GraceUntil));
        var activity = move.Activity is { } a ? $"{p.Add(a.PointsEarned)}, {p.Add(a.Spend)}, {p.Add((long)a.Visits)}" : "NULL, NULL, NULL";
        var history = $"{id}, {from}, {to}, {p.Add(move.Reason.ToString())}, {activity}, {p.Add(move.At)}, {p.Add(move.Actor)}";
        var payload = Json.Serialize(TierChanges.Payload(member.MemberNumber, move.From, move.To, move.Reason, move.Activity, move.At));
        var message = $"{p.Add(EntityId.New())}, {p.Add(EventTypes.TierChanged)}, {id}, {p.Add(payload)}, {p.Add(clock.GetUtcNow())}";
        var where = $"""
            "Id" = {id} AND "TierId" = {from}
            """;
        var text = sql.IsPostgreSql
            ? $"""
                WITH moved AS (UPDATE "Members" SET {standing} WHERE {where} RETURNING "Id"),
                history AS (INSERT INTO "TierChanges" ({HistoryColumns}) SELECT {history} FROM moved)
                INSERT INTO "OutboxMessages" ({EventColumns}) SELECT {message} FROM moved
                """
            : sql.IsSqlServer
                ? $"""
                    UPDATE "Members" SET {standing} WHERE {where};
                    IF @@ROWCOUNT = 1
                    BEGIN
                        INSERT INTO "TierChanges" ({HistoryColumns}) SELECT {history};
                        INSERT INTO "OutboxMessages" ({EventColumns}) SELECT {message};
                    END
                    """
                : $"""
                    UPDATE "Members" SET {standing} WHERE {where};
                    INSERT INTO "TierChanges" ({HistoryColumns}) SELECT {history} WHERE changes() = 1;
                    INSERT INTO "OutboxMessages" ({EventColumns}) SELECT {message} WHERE changes() = 1;
                    """;
        return await sql.ExecuteAsync(db, text, p, cancellationToken) > 0;
    }

    public async Task<int> MoveTierMembersAsync(TierMove move, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(move);
        var sql = SetSql.For(db);
        var p = sql.NewParameters();
        var fromId = p.Add(move.From.Id);
        var activity = move.Activity is { } a ? $"{p.Add(a.PointsEarned)}, {p.Add(a.Spend)}, {p.Add((long)a.Visits)}" : "NULL, NULL, NULL";
        await sql.ExecuteAsync(
            db,
            $"""
            INSERT INTO "TierChanges" ({HistoryColumns})
            SELECT m."Id", {fromId}, {p.Add(move.To.Id)}, {p.Add(move.Reason.ToString())}, {activity}, {p.Add(move.At)}, {p.Add(move.Actor)}
            FROM "Members" m WHERE m."TierId" = {fromId}
            """,
            p,
            cancellationToken);

        // The payload of TierChanges.Payload with each member's number spliced in (the rest is the same for all).
        p = sql.NewParameters();
        fromId = p.Add(move.From.Id);
        const string Marker = "MemberNumberGoesHere";
        var shape = Json.Serialize(TierChanges.Payload(Marker, move.From, move.To, move.Reason, move.Activity, move.At));
        var split = shape.IndexOf(Marker, StringComparison.Ordinal);
        var payload = sql.Concat(p.Add(shape[..split]), "m.\"MemberNumber\"", p.Add(shape[(split + Marker.Length)..]));
        await sql.ExecuteAsync(
            db,
            $"""
            INSERT INTO "OutboxMessages" ({EventColumns})
            SELECT {sql.NewGuid}, {p.Add(EventTypes.TierChanged)}, m."Id", {payload}, {p.Add(move.At)}
            FROM "Members" m WHERE m."TierId" = {fromId}
            """,
            p,
            cancellationToken);

        p = sql.NewParameters();
        var standing = Standing(p.Add(move.To.Id), p.Add(move.Since), Optional(p, move.ReviewAt), Optional(p, move.GraceUntil));
        return await sql.ExecuteAsync(
            db,
            $"""
            UPDATE "Members" SET {standing}
            WHERE "TierId" = {p.Add(move.From.Id)}
            """,
            p,
            cancellationToken);
    }

    private static string Optional(SetSql.Parameters p, DateTimeOffset? value) => value is { } v ? p.Add(v) : "NULL";
}
