using System.Net;
using System.Net.Http.Json;
using Loyalty.Api.Tests.Infrastructure;
using Loyalty.Api.Tests.Lifecycle;
using Loyalty.Contracts.Admin;
using Loyalty.Contracts.Partner;
using Loyalty.Domain.Financial.Ledger;
using Loyalty.Domain.Social.Members;
using Loyalty.Infrastructure.Jobs;
using Loyalty.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Loyalty.Api.Tests.Earning;

/// <summary>Birthday and anniversary bonuses credited by the daily job (grantOn day), once per rule, member and year.</summary>
[Collection(ApiCollection.Name)]
public sealed class DayBonusTests(ApiFixture fixture)
{
    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_job_grants_a_birthday_bonus_once_even_run_twice_or_at_once_and_a_purchase_that_day_does_not_grant_it_again(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        using var noon = AtNoon(s);
        var today = DateOnly.FromDateTime(s.Now().UtcDateTime);
        var gift = await s.CreateRuleAsync(new EarningRuleRequest("Birthday gift " + Unique.Id(), EarningRuleKind.FixedBonus, Points: 500, Trigger: BonusTrigger.BirthdayMonth, Conditions: s.Mine(), GrantOn: BonusGrantOn.Day));
        Assert.Equal(BonusGrantOn.Day, gift.GrantOn);
        var celebrating = await EnrolBornAsync(s, new DateOnly(1992, today.Month, today.Day));
        var other = await EnrolBornAsync(s, new DateOnly(1992, today.Month, today.Day).AddDays(10));

        var job = s.Api.Services.GetRequiredService<DayBonusJob>();
        await Task.WhenAll(job.RunOnceAsync(CancellationToken.None), job.RunOnceAsync(CancellationToken.None));
        await job.RunOnceAsync(CancellationToken.None);

        Assert.Equal(500, await s.AssertBalanceEqualsLedgerAsync(celebrating.MemberNumber));
        Assert.Equal(0, await s.AssertBalanceEqualsLedgerAsync(other.MemberNumber));
        await using (var db = s.Api.CreateDbContext())
        {
            var memberId = await db.Members.Where(m => m.MemberNumber == celebrating.MemberNumber).Select(m => m.Id).SingleAsync();
            var grant = await db.DayBonusGrants.SingleAsync(g => g.MemberId == memberId);
            Assert.Equal((gift.Id, today.Year, today), (grant.RuleId, grant.Year, grant.Day));
            var entry = await db.LedgerEntries.SingleAsync(e => e.Id == grant.LedgerEntryId);
            Assert.Equal((LedgerEntryType.Bonus, 500L), (entry.Type, entry.Points));
            var events = await db.OutboxMessages.Where(o => o.MemberId == memberId && o.Type == "points.earned").ToListAsync();
            Assert.Contains("\"source\":\"birthday\"", Assert.Single(events).Payload, StringComparison.Ordinal);
        }

        // A purchase on the birthday earns the base rate only: a day rule never fires on purchases.
        var purchase = await s.EarnAsync(celebrating.MemberNumber, 100m);
        Assert.Equal(100, purchase.PointsEarned);
        Assert.DoesNotContain(purchase.Breakdown, l => l.RuleId == gift.Id);
        await job.RunOnceAsync(CancellationToken.None);
        Assert.Equal(600, await s.AssertBalanceEqualsLedgerAsync(celebrating.MemberNumber));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Anniversaries_are_granted_on_the_day_to_active_members_only_and_per_purchase_rules_work_as_before(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        using var noon = AtNoon(s);
        var now = s.Now();
        await s.CreateRuleAsync(new EarningRuleRequest("Anniversary " + Unique.Id(), EarningRuleKind.FixedBonus, Points: 300, Trigger: BonusTrigger.Anniversary, Conditions: s.Mine(), GrantOn: BonusGrantOn.Day));
        var perPurchase = await s.CreateRuleAsync(new EarningRuleRequest("Anniversary month " + Unique.Id(), EarningRuleKind.FixedBonus, Points: 20, Trigger: BonusTrigger.Anniversary, Conditions: s.Mine(), MonthlyCap: 20));
        Assert.Equal(BonusGrantOn.Purchase, perPurchase.GrantOn);
        var veteran = await s.EnrolAsync();
        var suspended = await s.EnrolAsync();
        var newcomer = await s.EnrolAsync(); // enrolled today: the first anniversary is a year away
        await using (var db = s.Api.CreateDbContext())
        {
            await db.Members.Where(m => m.MemberNumber == veteran.MemberNumber || m.MemberNumber == suspended.MemberNumber)
                .ExecuteUpdateAsync(u => u.SetProperty(m => m.EnrolledAt, now.AddYears(-4).AddHours(-3)));
            await db.Members.Where(m => m.MemberNumber == suspended.MemberNumber).ExecuteUpdateAsync(u => u.SetProperty(m => m.Status, MemberStatus.Suspended));
        }

        var job = s.Api.Services.GetRequiredService<DayBonusJob>();
        await job.RunOnceAsync(CancellationToken.None);
        await job.RunOnceAsync(CancellationToken.None);

        Assert.Equal(300, await s.AssertBalanceEqualsLedgerAsync(veteran.MemberNumber));
        Assert.Equal(0, await s.AssertBalanceEqualsLedgerAsync(suspended.MemberNumber));
        Assert.Equal(0, await s.AssertBalanceEqualsLedgerAsync(newcomer.MemberNumber));

        // The per-purchase rule still fires in the anniversary month, capped as before, and only after a full year.
        var first = await s.EarnAsync(veteran.MemberNumber, 100m);
        var second = await s.EarnAsync(veteran.MemberNumber, 100m);
        var young = await s.EarnAsync(newcomer.MemberNumber, 100m);
        Assert.Equal((120L, 100L, 100L), (first.PointsEarned, second.PointsEarned, young.PointsEarned));
        Assert.Equal(perPurchase.Id, first.Breakdown[1].RuleId);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_day_rule_refuses_what_only_a_purchase_has(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        var requests = new (EarningRuleRequest Request, string Field)[]
        {
            (new("Every day", EarningRuleKind.FixedBonus, Points: 5, Trigger: BonusTrigger.EveryPurchase, GrantOn: BonusGrantOn.Day), "grantOn"),
            (new("Capped", EarningRuleKind.FixedBonus, Points: 5, Trigger: BonusTrigger.BirthdayMonth, MonthlyCap: 5, GrantOn: BonusGrantOn.Day), "dailyCap"),
            (new("Spend", EarningRuleKind.FixedBonus, Points: 5, Trigger: BonusTrigger.BirthdayMonth, Currency: "EUR", Conditions: new EarningRuleConditions(MinimumSpend: 10), GrantOn: BonusGrantOn.Day), "conditions"),
        };
        foreach (var (request, field) in requests)
        {
            using var response = await s.Admin.PostAsJsonAsync("/api/v1/admin/earning-rules", request, HttpTestExtensions.Json);
            var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"{request.Name}: {problem}");
        }
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_merged_duplicates_day_bonus_follows_it_so_the_survivor_is_not_paid_the_same_year_twice(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        using var noon = AtNoon(s);
        var today = DateOnly.FromDateTime(s.Now().UtcDateTime);
        var gift = await s.CreateRuleAsync(new EarningRuleRequest("Birthday gift " + Unique.Id(), EarningRuleKind.FixedBonus, Points: 500, Trigger: BonusTrigger.BirthdayMonth, Conditions: s.Mine(), GrantOn: BonusGrantOn.Day));
        var born = new DateOnly(1992, today.Month, today.Day);
        var job = s.Api.Services.GetRequiredService<DayBonusJob>();

        // The duplicate is paid this year's bonus; the same person enrols again afterwards and the two are merged.
        var duplicate = await EnrolBornAsync(s, born);
        await job.RunOnceAsync(CancellationToken.None);
        var survivor = await EnrolBornAsync(s, born);
        await s.MergeAsync(await s.IdOfAsync(survivor.MemberNumber), await s.IdOfAsync(duplicate.MemberNumber));
        await job.RunOnceAsync(CancellationToken.None);
        Assert.Equal(500, await s.AssertBalanceEqualsLedgerAsync(survivor.MemberNumber)); // the duplicate's 500, moved, and no second 500

        // Both were paid before the merge: it goes through, and each keeps the grant that paid it.
        var first = await EnrolBornAsync(s, born);
        var second = await EnrolBornAsync(s, born);
        await job.RunOnceAsync(CancellationToken.None);
        var (firstId, secondId) = (await s.IdOfAsync(first.MemberNumber), await s.IdOfAsync(second.MemberNumber));
        await s.MergeAsync(firstId, secondId);
        await job.RunOnceAsync(CancellationToken.None);
        Assert.Equal(1000, await s.AssertBalanceEqualsLedgerAsync(first.MemberNumber));
        await using var db = s.Api.CreateDbContext();
        Assert.Equal(1, await db.DayBonusGrants.CountAsync(g => g.MemberId == firstId && g.RuleId == gift.Id));
        Assert.Equal(1, await db.DayBonusGrants.CountAsync(g => g.MemberId == secondId && g.RuleId == gift.Id));
    }

    /// <summary>Noon UTC today, so the day cannot roll over between setting a birthday and running the job.</summary>
    private static IDisposable AtNoon(Scenario s)
    {
        var now = s.Now();
        return s.Api.Clock.Travel(new DateTimeOffset(now.Year, now.Month, now.Day, 12, 0, 0, TimeSpan.Zero) - now);
    }

    private static async Task<EnrolledMemberResponse> EnrolBornAsync(Scenario s, DateOnly birthDate) =>
        await s.Partner.PostJsonAsync<EnrolledMemberResponse>("/api/v1/partner/members", s.NewMember() with { BirthDate = birthDate }, idempotent: true);
}
