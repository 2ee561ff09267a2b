using Loyalty.Domain.Customised.AccountManagers;
using Loyalty.Domain.Financial.Ledger;
using Loyalty.Domain.Social.Members;
using Loyalty.Domain.Structural.Partners;
using Loyalty.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Infrastructure.Seeding;

/// <summary>
/// The demo's account management: a manager (token subject <see cref="DemoManagerSubject"/>, role account-manager)
/// looking after three business members, one of them with a key-account file, a short interaction log, a next step
/// due and a review coming up.
/// </summary>
public sealed partial class DemoProgrammeSeeder
{
    public const string DemoManagerSubject = "manager@example.com";

    private static async Task SeedAccountManagementAsync(LoyaltyDbContext db, Store store, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var gold = await db.Tiers.OrderByDescending(t => t.Rank).FirstAsync(cancellationToken);
        var manager = AccountManager.Register(DemoManagerSubject, "Morgan Manager", "manager@example.com", 25, now);
        db.AccountManagers.Add(manager);
        var members = new[]
        {
            new MemberDetails("Bea", "Barista", "bea@cafe-bea.example", "+44 20 7946 0101", null),
            new MemberDetails("Carl", "Catering", "carl@carl-catering.example", null, null),
            new MemberDetails("Dora", "Deli", "dora@dora-deli.example", null, null),
        }.Select(d => Member.Enrol(MemberNumber.Generate(), d, gold.Id, EnrolmentChannel.Admin, now, partnerId: store.PartnerId, storeId: store.Id)).ToList();
        foreach (var member in members)
        {
            db.Members.Add(member);
            db.PointsAccounts.Add(PointsAccount.Open(member.Id, now));
            db.PortfolioAssignments.Add(PortfolioAssignment.Assign(member.Id, manager.Id, "demo seed", now));
            db.AssignmentChanges.Add(AssignmentChange.Record(member.Id, null, manager.Id, "demo seed", "Demo business portfolio", now));
        }

        var bea = members[0].Id;
        db.KeyAccountFiles.Add(KeyAccountFile.Open(
            bea,
            new KeyAccountDetails(
                KeyAccountKind.Business,
                "Café Bea Ltd",
                [new KeyAccountContact("Bea Barista", "Owner", "bea@cafe-bea.example", "+44 20 7946 0101"), new KeyAccountContact("Sam Supply", "Purchasing", "sam@cafe-bea.example", null)],
                "Two kilos of espresso beans a week; oat milk on standing order",
                "La Marzocco Linea, two grinders; orders through the till integration",
                new AgreedTerms("Same-day callback", "EUR 2,000 credit", "30 days net"),
                now.AddDays(14)),
            now));
        db.KeyAccountInteractions.Add(KeyAccountInteraction.Record(
            bea, InteractionKind.Visit, now.AddDays(-7), "Visited the café; tasted the new house blend", "Wants a monthly tasting", "Send the tasting schedule", now.AddDays(2), "demo seed", now));
        db.KeyAccountInteractions.Add(KeyAccountInteraction.Record(
            bea, InteractionKind.Call, now.AddDays(-1), "Asked about a larger credit line", "Agreed to review at the next meeting", null, null, "demo seed", now));
        db.PriorityServiceMembers.Add(PriorityServiceMember.Flag(bea, "Key business account", "demo seed", now));
    }
}
