using Loyalty.Application.Abstractions;
using Loyalty.Application.Features.Customised.Offers;
using Loyalty.Domain.Customised.Offers;
using Loyalty.Domain.Customised.Profiles;
using Loyalty.Domain.Social.Members;
using Loyalty.Infrastructure.Persistence;

namespace Loyalty.Infrastructure.Offers;

/// <summary>
/// An offer's audience in two statements, whatever its size: every targeted member (named, or in the segment now) who
/// is active and has granted marketing consent on some channel becomes a treatment row,
/// then a random sample of the rounded control share is moved to the control group. The sample's order is the
/// provider's random function, drawn once: the group is stored and never recomputed.
/// </summary>
public sealed class SqlOfferAudience(ILoyaltyDbContext db) : IOfferAudience
{
    public async Task<OfferAudienceSize> MaterialiseAsync(Guid offerId, Guid? segmentId, decimal controlShare, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var sql = SetSql.For(db);
        var p = sql.NewParameters();
        var offer = p.Add(offerId);
        var targets = segmentId is { } segment
            ? $"""SELECT s."MemberId" FROM "SegmentMembers" s WHERE s."SegmentId" = {p.Add(segment)}"""
            : $"""SELECT t."MemberId" FROM "OfferTargets" t WHERE t."OfferId" = {offer}""";
        // Offers are the programme's marketing: no row, or no granted row, means no consent (ConsentQueries).
        var consented = $"""
            EXISTS (SELECT 1 FROM "MemberConsents" c WHERE c."MemberId" = m."Id" AND c."Purpose" = {p.Add(nameof(ConsentPurpose.Marketing))} AND c."Granted" <> {sql.False})
            """;
        var audience = await sql.ExecuteAsync(
            db,
            $"""
            INSERT INTO "OfferAssignments" ("OfferId", "MemberId", "Group", "AssignedAt", "Uses")
            SELECT {offer}, m."Id", {p.Add(nameof(OfferGroup.Treatment))}, {p.Add(at)}, 0
            FROM "Members" m
            WHERE m."Id" IN ({targets}) AND m."Status" = {p.Add(nameof(MemberStatus.Active))} AND {consented}
            """,
            p,
            cancellationToken);

        var control = PersonalOffer.ControlSize(audience, controlShare);
        if (control > 0)
        {
            p = sql.NewParameters();
            offer = p.Add(offerId);
            var group = p.Add(nameof(OfferGroup.Control));
            var size = p.Add(control);
            var sample = sql.IsSqlServer
                ? $"""SELECT TOP ({size}) s."MemberId" FROM "OfferAssignments" s WHERE s."OfferId" = {offer} ORDER BY NEWID()"""
                : $"""SELECT s."MemberId" FROM "OfferAssignments" s WHERE s."OfferId" = {offer} ORDER BY random() LIMIT {size}""";
            await sql.ExecuteAsync(
                db,
                $"""
                UPDATE "OfferAssignments" SET "Group" = {group}
                WHERE "OfferId" = {offer} AND "MemberId" IN ({sample})
                """,
                p,
                cancellationToken);
        }

        return new OfferAudienceSize(audience - control, control);
    }
}
