using System.Net;
using Loyalty.Api.Tests.Infrastructure;
using Loyalty.Contracts.Admin;
using Loyalty.Domain.Common;
using Loyalty.Domain.Financial.Purchases;
using Loyalty.Domain.Social.Members;
using Loyalty.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Api.Tests.Insight;

/// <summary>
/// The churn backtest on generated history with a known answer, in a database of its own (the shared one holds other
/// tests' members). As of the backtest date: 10 members who bought every 5 days stopped 20 days before and never came
/// back; 40 who buy every 60 days last bought 40 days before and came back after; 50 weekly buyers bought the day
/// before and kept buying. The score ranks the ten overdue members first (precision 1, AUC 1); recency alone puts the
/// slow buyers above them (precision 0, AUC 500/900: each churner only beats the 50 weekly buyers).
/// </summary>
public sealed class ChurnBacktestTests
{
    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_backtest_finds_the_known_churners_and_beats_recency_alone(DatabaseProvider provider)
    {
        await using var api = new LoyaltyApiFactory(await TestDatabase.CreateAsync(provider));
        var admin = api.CreateClient().WithBearer(TestTokens.Admin());
        var asOf = api.Clock.GetUtcNow().AddDays(-400);
        asOf = asOf.AddTicks(-(asOf.UtcTicks % TimeSpan.TicksPerSecond));

        await using (var db = api.CreateDbContext())
        {
            var tier = await db.Tiers.OrderBy(t => t.Rank).Select(t => t.Id).FirstAsync();
            var store = await db.Stores.FirstAsync();
            void Member(int count, Func<int, IEnumerable<int>> daysFromAsOf)
            {
                for (var i = 0; i < count; i++)
                {
                    var id = Unique.Id();
                    var member = Domain.Social.Members.Member.Enrol(MemberNumber.Generate(), new MemberDetails("Back", "Test" + id, $"bt{id}@example.com", null, null), tier, EnrolmentChannel.Admin, asOf.AddDays(-500));
                    db.Members.Add(member);
                    foreach (var day in daysFromAsOf(i))
                    {
                        var at = asOf.AddDays(day);
                        db.Purchases.Add(Purchase.Record(member.Id, store.PartnerId, store.Id, "BT-" + Unique.Id(), new Money(20m, "EUR"), at, at, 0));
                    }
                }
            }

            Member(10, _ => Enumerable.Range(0, 21).Select(k => -20 - (5 * k)));                  // every 5 days up to 20 days before, then gone
            Member(40, _ => Enumerable.Range(0, 8).Select(k => 20 - (60 * k)));                   // every 60 days: 40 days before, and 20 after
            Member(50, _ => Enumerable.Range(0, 60).Select(k => 55 - (7 * k)));                    // weekly, the day before and after
            await db.SaveChangesAsync();
        }

        var result = await admin.GetJsonAsync<ChurnBacktestResponse>($"/api/v1/admin/insight/churn/backtest?asOf={Uri.EscapeDataString(asOf.ToString("O"))}");

        Assert.Equal((100, 10, 10), (result.Members, result.Churned, result.Top));
        Assert.Equal(new RankingQualityResponse(1.0, 1.0), result.Model);
        Assert.Equal(0.0, result.RecencyBaseline.PrecisionAtTop10Percent);
        Assert.Equal(500 / 900.0, result.RecencyBaseline.Auc, 12);

        using var tooRecent = await admin.GetAsync($"/api/v1/admin/insight/churn/backtest?asOf={Uri.EscapeDataString(api.Clock.GetUtcNow().AddDays(-30).ToString("O"))}");
        await tooRecent.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "backtest_too_recent");
    }
}
