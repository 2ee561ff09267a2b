using Loyalty.Application.Abstractions;
using Loyalty.Application.Common;
using Loyalty.Application.Features.Customised.Notifications;
using Loyalty.Domain.Customised.Notifications;
using Loyalty.Domain.Customised.Offers;
using Loyalty.Domain.Customised.Profiles;
using Loyalty.Domain.Social.Members;
using Loyalty.Domain.Structural.Outbox;
using Loyalty.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Infrastructure.Notifications;

/// <summary>
/// The interest-notification fan-out in two statements whatever the programme's size. The candidates are the members
/// interested in one of the content's topics (the <c>MemberInterests</c> topic index), so a programme of a million
/// members reads only the interested ones; each candidate costs index look-ups for its consents, its recent
/// notifications (the cap) and whether it was told about this content already. Each row takes the member's next
/// notification number (<see cref="MemberNotification.Sequence"/>, unique per member), so the cap holds when two
/// publishes race: see <see cref="InsertAsync"/>.
/// </summary>
public sealed class SqlInterestNotificationFanOut(ILoyaltyDbContext db) : IInterestNotificationFanOut
{
    private const string SequenceIndex = "IX_MemberNotifications_MemberId_Sequence";
    private const string SequenceColumns = "MemberNotifications.MemberId, MemberNotifications.Sequence";
    private const string BeforeInsert = "notification_fan_out";

    /// <summary>A lost race is run again; a third loss in a row is left to the caller (as any failed statement).</summary>
    private const int MaxAttempts = 3;

    public async Task<int> FanOutAsync(NotificationContentKind kind, Guid contentId, string title, NotificationCap cap, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(title);
        ArgumentNullException.ThrowIfNull(cap);

        // The content's topics (a handful): the reason names the matching one, and its JSON is serialised here, not in SQL.
        var topics = await (from c in db.ContentInterests.AsNoTracking()
                            where c.ContentKind == kind && c.ContentId == contentId
                            join t in db.InterestTopics.AsNoTracking() on c.TopicId equals t.Id
                            select t.Name).Distinct().ToListAsync(cancellationToken);
        if (topics.Count == 0)
        {
            return 0;
        }

        var sql = SetSql.For(db);
        var before = (await db.MemberNotifications.AsNoTracking().MaxAsync(n => (long?)n.Id, cancellationToken)) ?? 0;
        var inserted = await InsertAsync(sql, kind, contentId, cap, at, cancellationToken);
        if (inserted > 0)
        {
            await OutboxAsync(sql, kind, contentId, title, topics, before, at, cancellationToken);
        }

        return inserted;
    }

    /// <summary>
    /// Two publishes at the same instant can both count a member under the cap and give them the same next number:
    /// the unique index stores the first, and the second's statement fails once the first commits. Run again (back to
    /// a savepoint, so the caller's transaction survives), the statement sees that notification, counts it against
    /// the cap and numbers past it; members already told about this content are skipped, so nothing is written twice.
    /// </summary>
    private async Task<int> InsertAsync(SetSql sql, NotificationContentKind kind, Guid contentId, NotificationCap cap, DateTimeOffset at, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var transaction = db.Database.CurrentTransaction;
            if (transaction is not null)
            {
                await transaction.CreateSavepointAsync(BeforeInsert, cancellationToken);
            }

            try
            {
                var inserted = await InsertOnceAsync(sql, kind, contentId, cap, at, cancellationToken);
                if (transaction is not null)
                {
                    await transaction.ReleaseSavepointAsync(BeforeInsert, cancellationToken);
                }

                return inserted;
            }
            catch (Exception exception) when (attempt < MaxAttempts && UniqueConstraintViolations.Violates(exception, SequenceIndex, SequenceColumns))
            {
                if (transaction is not null)
                {
                    await transaction.RollbackToSavepointAsync(BeforeInsert, cancellationToken);
                }
            }
        }
    }

    private async Task<int> InsertOnceAsync(SetSql sql, NotificationContentKind kind, Guid contentId, NotificationCap cap, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var p = sql.NewParameters();
        var kindValue = p.Add(kind.ToString());
        var content = p.Add(contentId);
        var marketing = p.Add(nameof(ConsentPurpose.Marketing));
        var consented = (string channel) => $"""
            EXISTS (SELECT 1 FROM "MemberConsents" c WHERE c."MemberId" = m."Id" AND c."Purpose" = {marketing} AND c."Channel" = {channel} AND c."Granted" <> {sql.False})
            """;

        // NotificationChannels.Choose in SQL: the preferred channel if consented, then push, e-mail, SMS; no consent, no row.
        var fallback = string.Join(
            "\n",
            NotificationChannels.FallbackOrder.Select(ch => { var v = p.Add(ch.ToString()); return $"WHEN {consented(v)} THEN {v}"; }));
        var channel = $"""
            CASE WHEN pr."PreferredChannel" IS NOT NULL AND {consented("pr.\"PreferredChannel\"")} THEN pr."PreferredChannel"
            {fallback}
            END
            """;
        var matching = $"""
            SELECT mi."MemberId" FROM "MemberInterests" mi JOIN "ContentInterests" ci ON ci."TopicId" = mi."TopicId"
            WHERE ci."ContentKind" = {kindValue} AND ci."ContentId" = {content}
            """;
        var topicName = $"""
            (SELECT MIN(t."Name") FROM "MemberInterests" mi JOIN "ContentInterests" ci ON ci."TopicId" = mi."TopicId" JOIN "InterestTopics" t ON t."Id" = ci."TopicId"
             WHERE mi."MemberId" = m."Id" AND ci."ContentKind" = {kindValue} AND ci."ContentId" = {content})
            """;
        var audience = kind switch
        {
            // An offer tells its treatment group only: the control group must never hear of it.
            NotificationContentKind.Offer => $"""
                EXISTS (SELECT 1 FROM "OfferAssignments" a WHERE a."OfferId" = {content} AND a."MemberId" = m."Id" AND a."Group" = {p.Add(nameof(OfferGroup.Treatment))})
                """,
            NotificationContentKind.Reward => TierAudience("RewardTiers", "RewardId", content),
            NotificationContentKind.ClubEvent => TierAudience("ClubEventTiers", "ClubEventId", content),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };

        return await sql.ExecuteAsync(
            db,
            $"""
            INSERT INTO "MemberNotifications" ("MemberId", "Sequence", "At", "Channel", "Reason", "ContentKind", "ContentId")
            SELECT x."MemberId", x."Last" + 1, {p.Add(at)}, x."Channel", {sql.Concat(p.Add(MemberNotification.ReasonPrefix), "x.\"TopicName\"")}, {kindValue}, {content}
            FROM (
                SELECT m."Id" AS "MemberId", {channel} AS "Channel", {topicName} AS "TopicName",
                       COALESCE((SELECT MAX(ls."Sequence") FROM "MemberNotifications" ls WHERE ls."MemberId" = m."Id"), 0) AS "Last"
                FROM "Members" m LEFT JOIN "MemberProfiles" pr ON pr."MemberId" = m."Id"
                WHERE m."Id" IN ({matching})
                  AND m."Status" = {p.Add(nameof(MemberStatus.Active))}
                  AND {audience}
                  AND NOT EXISTS (SELECT 1 FROM "MemberNotifications" n WHERE n."ContentKind" = {kindValue} AND n."ContentId" = {content} AND n."MemberId" = m."Id")
                  AND (SELECT COUNT(*) FROM "MemberNotifications" n WHERE n."MemberId" = m."Id" AND n."At" > {p.Add(at.AddDays(-cap.WindowDays))}) < {p.Add(cap.MaxPerWindow)}
            ) x
            WHERE x."Channel" IS NOT NULL
            """,
            p,
            cancellationToken);
    }

    /// <summary>Members of the content's tiers, or everyone when it names none.</summary>
    private static string TierAudience(string table, string column, string content) => $"""
        (NOT EXISTS (SELECT 1 FROM "{table}" ct WHERE ct."{column}" = {content})
         OR m."TierId" IN (SELECT ct."TierId" FROM "{table}" ct WHERE ct."{column}" = {content}))
        """;

    /// <summary>
    /// One member.notification_requested message per row just written, the JSON of <c>MemberNotificationRequestedV1</c>:
    /// every text that is not an id or a number is serialised in .NET and passed as a parameter.
    /// </summary>
    private async Task OutboxAsync(SetSql sql, NotificationContentKind kind, Guid contentId, string title, IReadOnlyList<string> topics, long before, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var p = sql.NewParameters();
        var reasonJson = "CASE n.\"Reason\" " + string.Join(
            " ",
            topics.Select(name => MemberNotification.ReasonPrefix + name).Select(reason => $"WHEN {p.Add(reason)} THEN {p.Add(Json.Serialize(reason))}")) + " END";
        var memberId = sql.IsSqlServer ? "LOWER(CAST(n.\"MemberId\" AS nvarchar(36)))" : "LOWER(CAST(n.\"MemberId\" AS TEXT))";
        var payload = sql.Concat(
            p.Add("{\"notificationId\":"),
            sql.Text("n.\"Id\""),
            p.Add(",\"memberId\":\""),
            memberId,
            p.Add("\",\"memberNumber\":\""),
            "m.\"MemberNumber\"",
            p.Add("\",\"channel\":\""),
            "LOWER(n.\"Channel\")",
            p.Add("\",\"reason\":"),
            reasonJson,
            p.Add($",\"content\":{{\"kind\":{Json.Serialize(WireValue.Of<Contracts.Common.NotificationContentKind>(kind))},\"id\":{Json.Serialize(contentId)}}},\"title\":{Json.Serialize(title)},\"requestedAt\":{Json.Serialize(at)}}}"));
        await sql.ExecuteAsync(
            db,
            $"""
            INSERT INTO "OutboxMessages" ("Id", "Type", "MemberId", "Payload", "OccurredAt")
            SELECT {sql.NewGuid}, {p.Add(EventTypes.MemberNotificationRequested)}, n."MemberId", {payload}, {p.Add(at)}
            FROM "MemberNotifications" n JOIN "Members" m ON m."Id" = n."MemberId"
            WHERE n."Id" > {p.Add(before)} AND n."ContentKind" = {p.Add(kind.ToString())} AND n."ContentId" = {p.Add(contentId)}
            """,
            p,
            cancellationToken);
    }
}
