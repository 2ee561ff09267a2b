using Loyalty.Domain.Care.Cases;
using Loyalty.Domain.Care.Surveys;
using Loyalty.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Infrastructure.Seeding;

/// <summary>
/// The demo's care: an open case of the app member <c>ben</c> (points missing from a receipt, owned by the care desk,
/// first response due at his tier's service level) and a survey <c>clara</c> answered after her latest purchase.
/// </summary>
internal static class DemoCare
{
    public const string CaseTitle = "Points missing from my receipt";

    public static async Task SeedAsync(LoyaltyDbContext db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var members = await (from m in db.Members
                             join t in db.Tiers on m.TierId equals t.Id
                             where m.ExternalId == "ben" || m.ExternalId == "clara"
                             select new { m.Id, m.ExternalId, m.TierId, t.SupportResponseHours }).ToListAsync(cancellationToken);
        if (members.SingleOrDefault(m => m.ExternalId == "ben") is { } ben)
        {
            var hours = ServiceLevel.ResponseHours(ben.SupportResponseHours, priority: false);
            var (serviceCase, step) = ServiceCase.Open(ben.Id, ben.TierId, CaseCategory.Points, CaseChannel.App, CaseSeverity.Medium, CaseTitle,
                "I bought beans at Main Street yesterday and no points came through.", null, null, null, "care-desk", "member:ben", hours, false, now.AddHours(-2));
            db.ServiceCases.Add(serviceCase);
            db.CaseSteps.Add(step);
        }

        if (members.SingleOrDefault(m => m.ExternalId == "clara") is { } clara
            && await db.Purchases.Where(p => p.MemberId == clara.Id).OrderByDescending(p => p.RecordedAt).ThenBy(p => p.Id).FirstOrDefaultAsync(cancellationToken) is { } purchase)
        {
            var survey = Survey.Request(clara.Id, 1, SurveyTouchpoint.Purchase, purchase.Id, purchase.StoreId, purchase.PartnerId, clara.TierId, now.AddHours(-1), TimeSpan.FromDays(14));
            survey.Answer(4, 9, "Lovely beans, but I waited a while at the till.", [("speed", 4, 2), ("friendliness", 4, 5), ("knowledge", 3, 4), ("reliability", 4, 4)],
                ["speed", "friendliness", "knowledge", "reliability"], clara.TierId, now);
            db.Surveys.Add(survey);
            db.SurveyDimensionAnswers.AddRange(survey.Dimensions);
            db.SurveyTriggers.Add(SurveyTrigger.Decide(SurveyTouchpoint.Purchase, purchase.Id, clara.Id, survey.Id, now.AddHours(-1)));
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
