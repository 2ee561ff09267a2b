using Loyalty.Domain.Customised.Offers;
using Loyalty.Domain.Customised.Profiles;
using Loyalty.Domain.Financial.Ledger;
using Loyalty.Domain.Social.Members;
using Loyalty.Domain.Social.Tiers;
using Loyalty.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Infrastructure.Seeding;

/// <summary>
/// The demo's personal offer: two app members (token subjects <c>ben</c> and <c>clara</c>) and a published offer made
/// to them (both with marketing consent), "Double points on coffee beans", which needs activating in the app. No
/// control group, so both see it.
/// </summary>
internal static class DemoOffers
{
    public const string OfferName = "Double points on coffee beans";

    public static async Task SeedAsync(LoyaltyDbContext db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var entry = await db.Tiers.OrderBy(t => t.Rank).FirstAsync(cancellationToken);
        var offer = PersonalOffer.Create(
            new OfferTerms(
                OfferName,
                "Activate it, then every bag of beans (category coffee-beans) earns twice the points, on up to 3 purchases.",
                now,
                now.AddDays(30),
                PerMemberLimit: 3,
                RequiresActivation: true,
                ControlShare: 0m,
                new OfferBenefit(OfferBenefitKind.Multiplier, null, 2m, "coffee-beans", null, null)),
            now);
        db.PersonalOffers.Add(offer);
        foreach (var (subject, first, last) in new[] { ("ben", "Ben", "Novak"), ("clara", "Clara", "Silva") })
        {
            var member = Member.Enrol(MemberNumber.Generate(), new MemberDetails(first, last, $"{subject}@demo.example", null, null), entry.Id, EnrolmentChannel.App, now, externalId: subject);
            db.Members.Add(member);
            db.PointsAccounts.Add(PointsAccount.Open(member.Id, now));
            db.TierChanges.Add(TierChange.Record(member.Id, null, entry.Id, TierChangeReason.Enrolment, null, now));
            // Offers reach only members who accept marketing; both said yes to push messages in the app.
            // Push marketing for the offer; profiling, so the next best offer may read their purchases (DemoRecommendations).
            foreach (var (purpose, channel) in new[] { (ConsentPurpose.Marketing, ContactChannel.Push), (ConsentPurpose.Profiling, ContactChannel.None) })
            {
                var consent = MemberConsent.Record(member.Id, purpose, channel, true, ConsentSource.App, now);
                db.MemberConsents.Add(consent);
                db.ConsentChanges.Add(ConsentChange.Of(consent, null));
            }
            db.OfferTargets.Add(OfferTarget.For(offer.Id, member.Id));
            db.OfferAssignments.Add(OfferAssignment.Assign(offer.Id, member.Id, OfferGroup.Treatment, now));
        }

        offer.Publish(treatment: 2, control: 0, now);
        await db.SaveChangesAsync(cancellationToken);
    }
}
