using System.Net;
using Loyalty.Api.Tests.Infrastructure;
using Loyalty.Contracts.Admin;
using Loyalty.Domain.Financial.Ledger;
using Loyalty.Infrastructure.Jobs;
using Loyalty.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using static Loyalty.Api.Tests.Financial.PointsTestKit;

namespace Loyalty.Api.Tests.Financial;

[Collection(ApiCollection.Name)]
public sealed class LiabilityReportTests(ApiFixture fixture)
{
    private const string Report = "/api/v1/admin/reports/liability";

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_liability_report_reconciles_with_the_ledger_balances_and_lots(DatabaseProvider provider)
    {
        var api = fixture.For(provider);
        var s = await Scenario.StartAsync(api);
        var number = (await s.EnrolAsync()).MemberNumber;
        await s.EarnAsync(number, 80m);
        await RedeemAsync(s, number, 15);
        await using (await PolicyAsync(s, p => p with { PendingDays = 7 }))
        {
            await s.EarnAsync(number, 12m);
        }

        var report = await s.Admin.GetJsonAsync<LiabilityReportResponse>(Report);

        await using var db = api.CreateDbContext();
        var accounts = await db.PointsAccounts.AsNoTracking().Select(a => new { a.Available, a.Pending, a.Held }).ToListAsync();
        var net = await db.LedgerEntries.AsNoTracking().SumAsync(e => e.Points + e.PendingPoints);
        var lots = await db.PointsLots.AsNoTracking().Where(l => l.Remaining > 0).Select(l => new { l.IsPending, l.Remaining }).ToListAsync();

        var o = report.Outstanding;
        Assert.Equal((accounts.Count, accounts.Sum(a => a.Available), accounts.Sum(a => a.Pending), accounts.Sum(a => a.Held)), (o.Members, o.Available, o.Pending, o.Held));
        Assert.Equal(o.Available + o.Pending + o.Held, o.Points);
        Assert.Equal(o.Points * report.PointValue, o.Value);
        Assert.Equal(net, report.Lifetime.Net);
        Assert.Equal(o.Available + o.Pending, report.Lifetime.Net); // the ledger and the balances tell the same story
        Assert.Equal(o.Points, report.ByTier.Sum(t => t.Balance.Points));
        Assert.Equal(o.Members, report.ByTier.Sum(t => t.Balance.Members));
        Assert.Equal(lots.Where(l => !l.IsPending).Sum(l => l.Remaining), report.ByExpiryMonth.Sum(m => m.Available));
        Assert.Equal(lots.Where(l => l.IsPending).Sum(l => l.Remaining), report.ByExpiryMonth.Sum(m => m.Pending));
        Assert.Equal(o.Pending, report.ByExpiryMonth.Sum(m => m.Pending));
        Assert.Contains(report.ByExpiryMonth, m => m.Month == "never");
        Assert.Equal(report.Period.Net, report.Months.Sum(m => m.Net));
        Assert.Equal(12, report.Months.Count); // default: the last twelve calendar months
        Assert.Equal(DateOnly.FromDateTime(api.Clock.GetUtcNow().UtcDateTime), report.To);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Movements_over_a_period_count_issued_redeemed_adjusted_and_expired_points_and_the_breakage_rate(DatabaseProvider provider)
    {
        var api = fixture.For(provider);
        var s = await Scenario.StartAsync(api);
        var start = TimeSpan.FromDays(7300);
        using (api.Clock.Travel(start))
        {
            await RunAsync<ExpirePointsJob>(api); // whatever earlier tests left to expire goes now, before the period
        }

        await using var policy = await PolicyAsync(s, p => p.ExpiringAfterDays(1));
        var periodStart = start + TimeSpan.FromDays(2);
        string a, b;
        using (api.Clock.Travel(periodStart))
        {
            a = (await s.EnrolAsync()).MemberNumber;
            b = (await s.EnrolAsync()).MemberNumber;
            await s.EarnAsync(a, 100m);
            await s.EarnAsync(b, 50m);
            await RedeemAsync(s, a, 30);
            await s.Admin.PostJsonAsync<AdjustmentResponse>($"/api/v1/admin/members/{await MemberIdAsync(api, b)}/adjustments", new CreateAdjustmentRequest(10, "Goodwill"));
            await s.Admin.PostJsonAsync<AdjustmentResponse>($"/api/v1/admin/members/{await MemberIdAsync(api, a)}/adjustments", new CreateAdjustmentRequest(-5, "Correction"));
        }

        using (api.Clock.Travel(periodStart + TimeSpan.FromDays(2)))
        {
            await RunAsync<ExpirePointsJob>(api);
            var from = DateOnly.FromDateTime(api.Clock.GetUtcNow().UtcDateTime.AddDays(-2));
            var to = from.AddDays(2);

            var report = await s.Admin.GetJsonAsync<LiabilityReportResponse>($"{Report}?from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}");

            var p = report.Period;
            Assert.Equal((150L, 30L, 5L, 125L, 0L, 0L), (p.Issued, p.Redeemed, p.Adjusted, p.Expired, p.Reversed, p.Held));
            Assert.Equal(0, p.Net); // everything issued in the period was spent, expired or taken back in it
            Assert.Equal(0.8333m, p.BreakageRate);
            Assert.Equal((from, to), (report.From, report.To));
            Assert.Equal(p.Issued, report.Months.Sum(m => m.Issued));
            Assert.Equal(p.Expired, report.Months.Sum(m => m.Expired));
            Assert.All(report.Months, m => Assert.Matches("^[0-9]{4}-[0-9]{2}$", m.Period));
            Assert.True(report.Lifetime.Expired >= 125 && report.Lifetime.BreakageRate is > 0);
            Assert.Equal(-65, Assert.Single(await EntriesAsync(api, a, LedgerEntryType.Expire)).Points); // 100 − 30 − 5
            Assert.Equal(-60, Assert.Single(await EntriesAsync(api, b, LedgerEntryType.Expire)).Points); // both lots, one entry
        }
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Marketing_staff_may_read_the_report_and_a_bad_period_is_refused(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        var marketing = s.Api.CreateClient().WithBearer(TestTokens.Marketing());

        await marketing.GetJsonAsync<LiabilityReportResponse>($"{Report}?from=2026-01-01&to=2026-03-31");
        using var reversed = await marketing.GetAsync($"{Report}?from=2026-03-01&to=2026-01-01");
        await reversed.AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        using var tooLong = await marketing.GetAsync($"{Report}?from=2020-01-01&to=2026-01-01");
        await tooLong.AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        using var notADate = await marketing.GetAsync($"{Report}?from=yesterday");
        Assert.Equal(HttpStatusCode.BadRequest, notADate.StatusCode);
    }
}
