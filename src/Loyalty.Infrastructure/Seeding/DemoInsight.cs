using Loyalty.Application.Features.Financial.Earning;
using Loyalty.Application.Features.Insight.Value;
using Loyalty.Contracts.Partner;
using Loyalty.Domain.Financial.Ledger;
using Loyalty.Domain.Social.Members;
using Loyalty.Domain.Social.Tiers;
using Loyalty.Domain.Structural.Partners;
using Loyalty.Infrastructure.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Infrastructure.Seeding;

/// <summary>
/// The demo's insight: purchase histories through the real earn path for the demo manager's business members — Carl
/// used to buy every 9 days and has not for 41 (drifting, high value, on the manager's at-risk list), Bea buys every
/// week, Dora every fortnight — and for Lena, a member for over a year who buys every 12 days like clockwork (loyal);
/// the seeder then runs one insight refresh over these and the care history (<see cref="RefreshAsync"/>).
/// </summary>
internal static class DemoInsight
{
    public static async Task SeedAsync(LoyaltyDbContext db, ISender sender, Store store, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var entry = await db.Tiers.OrderBy(t => t.Rank).Select(t => t.Id).FirstAsync(cancellationToken);
        var joined = now.AddDays(-420);
        var lena = Member.Enrol(MemberNumber.Generate(), new MemberDetails("Lena", "Loyal", "lena@members.demo.example", null, null), entry, EnrolmentChannel.Admin, joined, storeId: store.Id);
        db.Members.Add(lena);
        db.PointsAccounts.Add(PointsAccount.Open(lena.Id, joined));
        db.TierChanges.Add(TierChange.Record(lena.Id, null, entry, TierChangeReason.Enrolment, null, joined));
        await db.SaveChangesAsync(cancellationToken);

        var numbers = await db.Members.AsNoTracking()
            .Where(m => m.Email == "bea@cafe-bea.example" || m.Email == "carl@carl-catering.example" || m.Email == "dora@dora-deli.example" || m.Id == lena.Id)
            .ToDictionaryAsync(m => m.FirstName, m => m.MemberNumber, cancellationToken);
        var habits = new (string Member, int Visits, int Every, int LastDaysAgo, decimal Amount)[]
        {
            ("Carl", 8, 9, 41, 180m),
            ("Bea", 20, 7, 3, 95m),
            ("Dora", 10, 14, 5, 60m),
            ("Lena", 28, 12, 6, 24m),
        };
        foreach (var (name, visits, every, lastDaysAgo, amount) in habits)
        {
            if (!numbers.TryGetValue(name, out var number))
            {
                continue;
            }

            for (var k = 0; k < visits; k++)
            {
                var daysAgo = lastDaysAgo + (k * every);
                var request = new RecordPurchaseRequest(number, store.Id, $"DEMO-INSIGHT-{name}-{daysAgo}", amount, "EUR", now.AddDays(-daysAgo));
                await sender.Send(new RecordPurchaseCommand(store.PartnerId, request), cancellationToken);
            }
        }
    }

    /// <summary>
    /// One scoring run and programme-health rollup over the seeded purchases and surveys, so <c>GET /admin/insight/at-risk</c>,
    /// <c>/admin/members/{id}/insight</c> and the programme health (NPS included) answer at once.
    /// </summary>
    public static async Task RefreshAsync(ISender sender, CancellationToken cancellationToken) =>
        await sender.Send(new RefreshInsightCommand("demo seed"), cancellationToken);
}
