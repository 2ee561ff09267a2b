using Loyalty.Domain.Care.Cases;
using Loyalty.Domain.Care.Surveys;
using Loyalty.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Infrastructure.Seeding;

/// <summary>
/// Six months of care history for the staff dashboard's trend (NPS and service level per month): for the demo's
/// insight members (Bea, Carl, Dora, Lena), a survey answered after their first purchase of each month, and a resolved
/// case now and then — some answered within their tier's service level, some late. Runs after <see cref="DemoInsight"/>'s
/// purchases, which these hang on, and before its refresh, which scores the answers and rolls up each month's NPS; a
/// new install then shows every chart with data.
/// </summary>
internal static class DemoCareHistory
{
    private static readonly string[] Dimensions = ["speed", "friendliness", "knowledge", "reliability"];

    public static async Task SeedAsync(LoyaltyDbContext db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var emails = new[] { "bea@cafe-bea.example", "carl@carl-catering.example", "dora@dora-deli.example", "lena@members.demo.example" };
        var members = await (from m in db.Members.AsNoTracking()
                             join t in db.Tiers.AsNoTracking() on m.TierId equals t.Id
                             where emails.Contains(m.Email)
                             orderby m.Email
                             select new { m.Id, m.TierId, m.FirstName, t.SupportResponseHours }).ToListAsync(cancellationToken);
        var since = now.AddMonths(-6);
        var memberIds = members.Select(m => m.Id).ToList();
        var purchases = await db.Purchases.AsNoTracking().Where(p => memberIds.Contains(p.MemberId))
            .Select(p => new { p.Id, p.MemberId, p.StoreId, p.PartnerId, p.PurchasedAt }).ToListAsync(cancellationToken);

        var k = 0;
        foreach (var member in members)
        {
            var sequence = 0L;
            var firstOfEachMonth = purchases.Where(p => p.MemberId == member.Id && p.PurchasedAt >= since && p.PurchasedAt < now.AddDays(-2))
                .GroupBy(p => (p.PurchasedAt.Year, p.PurchasedAt.Month))
                .Select(g => g.OrderBy(p => p.PurchasedAt).First())
                .OrderBy(p => p.PurchasedAt)
                .ToList();
            foreach (var purchase in firstOfEachMonth)
            {
                k++;
                // A spread of answers: mostly promoters, some passives, a detractor every fifth; each member's latest a
                // promoter's, so the scoring keeps the classes the insight story tells (a detractor is never loyal).
                var nps = purchase == firstOfEachMonth[^1] ? 9 : (k % 5) switch { 0 => 4, 1 or 3 => 9, 2 => 10, _ => 7 };
                var answeredAt = purchase.PurchasedAt.AddDays(1);
                var survey = Survey.Request(member.Id, ++sequence, SurveyTouchpoint.Purchase, purchase.Id, purchase.StoreId, purchase.PartnerId, member.TierId, purchase.PurchasedAt.AddHours(2), TimeSpan.FromDays(14));
                survey.Answer(nps >= 9 ? 5 : nps >= 7 ? 4 : 2, nps, null, [.. Dimensions.Select((d, i) => (d, 4, 3 + ((k + i) % 3)))], Dimensions, member.TierId, answeredAt);
                db.Surveys.Add(survey);
                db.SurveyDimensionAnswers.AddRange(survey.Dimensions);

                if (k % 2 == 0)
                {
                    // Every other month a resolved case; every third of those answered after the service level ran out.
                    var hours = ServiceLevel.ResponseHours(member.SupportResponseHours, priority: false);
                    var openedAt = purchase.PurchasedAt.AddHours(3);
                    var (serviceCase, step) = ServiceCase.Open(member.Id, member.TierId, k % 3 == 0 ? CaseCategory.Service : CaseCategory.Points, CaseChannel.Phone, CaseSeverity.Low,
                        k % 3 == 0 ? "Long wait at the till" : "Points late on a receipt", "Raised by phone with the care desk.", purchase.Id, purchase.StoreId, purchase.PartnerId,
                        "care-desk", "staff:care-desk", hours, false, openedAt);
                    var resolvedAt = k % 6 == 0 ? serviceCase.ServiceLevelDueAt.AddHours(6) : openedAt.AddHours(Math.Max(1, hours / 2));
                    step.Complete("Answered and resolved.", "care-desk", resolvedAt);
                    serviceCase.Resolve(CaseOutcome.Upheld, "Explained and put right.", 0, resolvedAt);
                    db.ServiceCases.Add(serviceCase);
                    db.CaseSteps.Add(step);
                }
            }
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
