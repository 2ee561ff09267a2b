using Loyalty.Application.Features.Customised.Recommendations;
using Loyalty.Application.Features.Financial.Earning;
using Loyalty.Contracts.Partner;
using Loyalty.Domain.Financial.Rewards;
using Loyalty.Domain.Structural.Partners;
using Loyalty.Infrastructure.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Infrastructure.Seeding;

/// <summary>
/// The demo's next best offer: three rewards about purchase categories, and a few months of itemised purchases for
/// the demo app members (token subjects <c>ben</c> and <c>clara</c>, when the demo has them) recorded through the real
/// earn path, then one refresh — so <c>GET /me/recommendations</c> answers with reasons on a fresh start.
/// </summary>
internal static class DemoRecommendations
{
    public static readonly string[] AppMembers = ["ben", "clara"];

    public static async Task SeedAsync(LoyaltyDbContext db, ISender sender, Store store, DateTimeOffset now, CancellationToken cancellationToken)
    {
        db.Rewards.AddRange(
            Reward.Create(new RewardTerms("Free bag of house beans", "250 g of the house espresso blend.", 400, null, 2, null, null, 60, "coffee-beans"), [], true, now),
            Reward.Create(new RewardTerms("Milk frother", "A hand-held frother for the perfect flat white at home.", 900, 50, 1, null, null, 60, "milk"), [], true, now),
            Reward.Create(new RewardTerms("Pastry box", "Six pastries from the morning bake.", 250, null, null, null, null, 14, "pastries"), [], true, now));
        await db.SaveChangesAsync(cancellationToken);

        var members = await db.Members.AsNoTracking().Where(m => m.ExternalId != null && AppMembers.Contains(m.ExternalId))
            .Select(m => new { m.ExternalId, m.MemberNumber }).ToListAsync(cancellationToken);
        foreach (var member in members)
        {
            // Ben buys beans every month, usually with milk; Clara buys pastries every week and, once, beans.
            var baskets = member.ExternalId == "ben"
                ? Enumerable.Range(0, 4).Select(i => (DaysAgo: 95 - (30 * i), Lines: new[] { ("coffee-beans", 18m), ("milk", 3.5m) }))
                : Enumerable.Range(0, 6).Select(i => (DaysAgo: 40 - (7 * i), Lines: i == 2 ? new[] { ("pastries", 9m), ("coffee-beans", 18m) } : new[] { ("pastries", 9m) }));
            foreach (var (daysAgo, lines) in baskets)
            {
                var request = new RecordPurchaseRequest(
                    member.MemberNumber,
                    store.Id,
                    $"DEMO-{member.ExternalId}-{daysAgo}",
                    lines.Sum(l => l.Item2),
                    "EUR",
                    now.AddDays(-daysAgo),
                    Lines: [.. lines.Select(l => new PurchaseLineRequest(null, l.Item1, 1, l.Item2))]);
                await sender.Send(new RecordPurchaseCommand(store.PartnerId, request), cancellationToken);
            }
        }

        // The seeder runs only on an empty programme, so this refresh reads a handful of members and baskets.
        await sender.Send(new RefreshRecommendationsCommand(Parallelism: 1), cancellationToken);
    }
}
