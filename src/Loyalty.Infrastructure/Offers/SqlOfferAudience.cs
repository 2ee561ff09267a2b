using Loyalty.Application.Abstractions;
using Loyalty.Application.Features.Customised.Offers;
using Loyalty.Domain.Customised.Offers;
using Loyalty.Domain.Social.Members;
using Loyalty.Infrastructure.Persistence;

namespace Loyalty.Infrastructure.Offers;

/// <summary>
/// An offer's audience in two statements, whatever its size: every active targeted member becomes a treatment row,
/// then a random sample of the rounded control share is moved to the control group. The sample's order is the
/// provider's random function, drawn once: the group is stored and never recomputed.
/// </summary>
public sealed class SqlOfferAudience(ILoyaltyDbContext db) : IOfferAudience
{
    public async Task<OfferAudienceSize> MaterialiseAsync(Guid offerId, decimal controlShare, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var sql = SetSql.For(db);
        var p = sql.NewParameters();
        var offer = p.Add(offerId);
        var audience = await sql.ExecuteAsync(
            db,
            $"""
            INSERT INTO "OfferAssignments" ("OfferId", "MemberId", "Group", "AssignedAt", "Uses")
            SELECT {offer}, t."MemberId", {p.Add(nameof(OfferGroup.Treatment))}, {p.Add(at)}, 0
            FROM "OfferTargets" t JOIN "Members" m ON m."Id" = t."MemberId"
            WHERE t."OfferId" = {offer} AND m."Status" = {p.Add(nameof(MemberStatus.Active))}
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
