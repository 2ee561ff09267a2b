using System.Net;
using Loyalty.Api.Tests.Infrastructure;
using Loyalty.Contracts.Admin;
using Loyalty.Domain.Care.Surveys;
using Loyalty.Domain.Common;
using Loyalty.Domain.Customised.Offers;
using Loyalty.Domain.Financial.Earning;
using Loyalty.Domain.Financial.Ledger;
using Loyalty.Domain.Financial.Purchases;
using Loyalty.Domain.Social.Members;
using Loyalty.Domain.Social.Referrals;
using Loyalty.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using DomainChannel = Loyalty.Domain.Social.Members.EnrolmentChannel;
using DomainMember = Loyalty.Domain.Social.Members.Member;
using DomainOfferGroup = Loyalty.Domain.Customised.Offers.OfferGroup;

namespace Loyalty.Api.Tests.Insight;

/// <summary>
/// Programme health and campaign value on a generated three-month history with known figures, in a database of its
/// own (programme-wide figures would count other tests' members). Months A, B, C lie 30, 29 and 28 months back,
/// before anything the demo seed writes (at most 14 months back), and the rollup it stored is cleared so the first
/// refresh computes all 36 months. Every purchase is 10 EUR on the 10th or 20th at noon (UTC).
/// <list type="bullet">
/// <item>visits: m1 A, B, C×2; m2 A×2, B; m3 A, C; m4 B×2 and a purchase in C returned in full (no visit);</item>
/// <item>new members: n1 in A by app, referred by m1; c1 and c2 in B at a store with the campaign's enrolment bonus (100 each); n2 in C by staff;</item>
/// <item>ledger: A earn 500, redeem 100; B earn 300, expire 50 (+ the two bonuses); C earn 200, redeem 200;</item>
/// <item>NPS: B answers 10, 9, 3, 7 (25.0); C answer 5 (−100.0).</item>
/// </list>
/// </summary>
public sealed class ProgrammeHealthTests
{
    private const string Health = "/api/v1/admin/insight/programme-health";

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Monthly_health_and_campaign_value_match_the_known_history(DatabaseProvider provider)
    {
        await using var api = new LoyaltyApiFactory(await TestDatabase.CreateAsync(provider));
        var s = await Scenario.StartAsync(api);
        var now = api.Clock.GetUtcNow();
        var current = new DateTimeOffset(now.Year, now.Month, 1, 0, 0, 0, TimeSpan.Zero);
        DateTimeOffset On(int monthsBack, int day) => current.AddMonths(-monthsBack).AddDays(day - 1).AddHours(12);
        static string Key(DateTimeOffset month) => month.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
        var (a, b, c) = (current.AddMonths(-30), current.AddMonths(-29), current.AddMonths(-28));

        var campaign = await s.Admin.PostJsonAsync<CampaignResponse>("/api/v1/admin/campaigns", new CampaignRequest("Spring joiners " + Unique.Id(), a));
        var welcome = await s.Admin.PostJsonAsync<EarningRuleResponse>("/api/v1/admin/earning-rules",
            new EarningRuleRequest("Spring welcome " + Unique.Id(), Contracts.Admin.EarningRuleKind.FixedBonus, Points: 100, Trigger: Contracts.Admin.BonusTrigger.Enrolment, CampaignId: campaign.Id));

        Guid m1, m2, m3, m4, c1, offerId;
        await using (var db = api.CreateDbContext())
        {
            var tier = await db.Tiers.OrderBy(t => t.Rank).Select(t => t.Id).FirstAsync();
            DomainMember Enrol(DateTimeOffset at, DomainChannel channel)
            {
                var id = Unique.Id();
                var member = DomainMember.Enrol(MemberNumber.Generate(), new MemberDetails("Health", "Test" + id, $"ph{id}@example.com", null, null), tier, channel, at);
                db.Members.Add(member);
                db.PointsAccounts.Add(PointsAccount.Open(member.Id, at));
                return member;
            }

            void Buy(DomainMember member, DateTimeOffset at, bool returned = false)
            {
                var purchase = Purchase.Record(member.Id, s.PartnerInfo.Id, s.Store.Id, "PH-" + Unique.Id(), new Money(10m, "EUR"), at, at, 0);
                if (returned)
                {
                    purchase.RecordReturn(10m, 0, 0);
                }

                db.Purchases.Add(purchase);
            }

            void Points(DomainMember member, LedgerEntryType type, long points, DateTimeOffset at) =>
                db.LedgerEntries.Add(LedgerEntry.Create(member.Id, type, points, type.ToString(), at));

            var longAgo = current.AddMonths(-34);
            var (p1, p2, p3, p4) = (Enrol(longAgo, DomainChannel.Store), Enrol(longAgo, DomainChannel.Store), Enrol(longAgo, DomainChannel.App), Enrol(longAgo, DomainChannel.App));
            (m1, m2, m3, m4) = (p1.Id, p2.Id, p3.Id, p4.Id);
            Buy(p1, On(30, 10)); Buy(p1, On(29, 10)); Buy(p1, On(28, 10)); Buy(p1, On(28, 20));
            Buy(p2, On(30, 10)); Buy(p2, On(30, 20)); Buy(p2, On(29, 10));
            Buy(p3, On(30, 10)); Buy(p3, On(28, 10));
            Buy(p4, On(29, 10)); Buy(p4, On(29, 20)); Buy(p4, On(28, 10), returned: true);

            var n1 = Enrol(On(30, 5), DomainChannel.App);
            db.Referrals.Add(Referral.Start(p1.Id, n1, ReferralCode.Generate(), On(30, 5)));
            Enrol(On(28, 5), DomainChannel.Admin);
            var joiners = new[] { Enrol(On(29, 12), DomainChannel.Store), Enrol(On(29, 12), DomainChannel.Store) };
            c1 = joiners[0].Id;
            Buy(joiners[0], On(28, 15));
            Buy(joiners[0], now.AddDays(-10)); // recent purchases give c1 and m1 a value in the run
            Buy(p1, now.AddDays(-10));

            Points(p1, LedgerEntryType.Earn, 500, On(30, 10));
            Points(p1, LedgerEntryType.Redeem, -100, On(30, 20));
            Points(p2, LedgerEntryType.Earn, 300, On(29, 10));
            Points(p2, LedgerEntryType.Expire, -50, On(29, 20));
            Points(p3, LedgerEntryType.Earn, 200, On(28, 10));
            Points(p3, LedgerEntryType.Redeem, -200, On(28, 20));
            await db.SaveChangesAsync();

            // The enrolment bonus as the earning engine records it: a bonus entry explained by the campaign's rule.
            foreach (var joiner in joiners)
            {
                var bonus = LedgerEntry.Create(joiner.Id, LedgerEntryType.Bonus, 100, "Spring welcome", joiner.EnrolledAt);
                db.LedgerEntries.Add(bonus);
                await db.SaveChangesAsync();
                db.EarnBreakdownLines.AddRange(EarnBreakdownLine.ForLedgerEntry(joiner.Id, bonus.Id, joiner.EnrolledAt,
                    new EarnCalculation([new EarnLine(EarnLineKinds.Bonus, welcome.Id, welcome.Version, campaign.Id, "Spring welcome", 100)])));
            }

            var sequence = 0;
            void Nps(DomainMember member, int score, DateTimeOffset at)
            {
                var survey = Survey.Request(member.Id, ++sequence, SurveyTouchpoint.Purchase, Guid.NewGuid(), s.Store.Id, s.PartnerInfo.Id, tier, at.AddHours(-1), TimeSpan.FromDays(14));
                survey.Answer(4, score, null, [], [], tier, at);
                db.Surveys.Add(survey);
            }

            Nps(p1, 10, On(29, 11)); Nps(p2, 9, On(29, 11)); Nps(p3, 3, On(29, 11)); Nps(p4, 7, On(29, 11));
            Nps(p1, 5, On(28, 11));

            // An offer from the start of B: m1 and m2 treated, m3 and m4 held out.
            var offer = PersonalOffer.Create(new OfferTerms("Coffee bonus", "", b, current.AddMonths(2), 1, false, 0.5m, new OfferBenefit(OfferBenefitKind.BonusPoints, 100, null, null, null, null), null), b.AddDays(-1));
            offer.Publish(2, 2, b.AddDays(-1));
            db.PersonalOffers.Add(offer);
            offerId = offer.Id;
            db.OfferAssignments.AddRange(
                OfferAssignment.Assign(offer.Id, m1, DomainOfferGroup.Treatment, b), OfferAssignment.Assign(offer.Id, m2, DomainOfferGroup.Treatment, b),
                OfferAssignment.Assign(offer.Id, m3, DomainOfferGroup.Control, b), OfferAssignment.Assign(offer.Id, m4, DomainOfferGroup.Control, b));
            await db.SaveChangesAsync();
        }

        // The demo seed's refresh rolled up its months; without them nothing is rolled up and every month says so.
        await using (var db = api.CreateDbContext())
        {
            await db.ProgrammeHealthAcquisitions.ExecuteDeleteAsync();
            await db.ProgrammeHealthMonths.ExecuteDeleteAsync();
        }

        var empty = await s.Admin.GetJsonAsync<ProgrammeHealthResponse>(Health);
        Assert.Equal((Key(current.AddMonths(-11)), Key(current), 12), (empty.From, empty.To, empty.Months.Count));
        Assert.All(empty.Months, m => Assert.False(m.Computed));

        var run = await s.Admin.PostJsonAsync<InsightRunResponse>("/api/v1/admin/insight/refresh", new { });
        var health = await s.Admin.GetJsonAsync<ProgrammeHealthResponse>($"{Health}?from={Key(a)}&to={Key(c)}");
        Assert.Equal([Key(a), Key(b), Key(c)], health.Months.Select(m => m.Month));
        var (ma, mb, mc) = (health.Months[0], health.Months[1], health.Months[2]);
        Assert.True(ma.Computed && mb.Computed && mc.Computed);
        var ahead = await s.Admin.GetJsonAsync<ProgrammeHealthResponse>($"{Health}?from={Key(current.AddMonths(-34))}&to={Key(current.AddMonths(1))}");
        Assert.Equal(36, ahead.Months.Count);
        Assert.True(ahead.Months[0].Computed && ahead.Months[34].Computed); // 34 months back, the current month
        Assert.False(ahead.Months[35].Computed); // next month: not rolled up yet
        Assert.Equal(4L, ahead.Months[0].NewMembers.Total); // m1–m4, 34 months back

        // Activity: buyers, the month-before cohort and who of it came back, repeat buyers, visits.
        Assert.Equal((3L, 0L, 0L, (double?)null, (double?)null, 1L, 0.3333, 4L), (ma.ActiveMembers, ma.PreviousActiveMembers, ma.RetainedMembers, ma.RetentionRate, ma.ChurnRate, ma.RepeatBuyers, ma.RepeatPurchaseRate!.Value, ma.Visits));
        Assert.Equal((3L, 3L, 2L, 0.6667, 0.3333, 1L, 0.3333, 4L), (mb.ActiveMembers, mb.PreviousActiveMembers, mb.RetainedMembers, mb.RetentionRate!.Value, mb.ChurnRate!.Value, mb.RepeatBuyers, mb.RepeatPurchaseRate!.Value, mb.Visits));
        Assert.Equal((3L, 3L, 1L, 0.3333, 0.6667, 1L, 0.3333, 4L), (mc.ActiveMembers, mc.PreviousActiveMembers, mc.RetainedMembers, mc.RetentionRate!.Value, mc.ChurnRate!.Value, mc.RepeatBuyers, mc.RepeatPurchaseRate!.Value, mc.Visits));

        // New members by channel, referral and campaign.
        Assert.Equal((1L, 1L), (ma.NewMembers.Total, ma.NewMembers.Referred));
        Assert.Equal([new ChannelCount(Contracts.Common.EnrolmentChannel.App, 1)], ma.NewMembers.ByChannel);
        Assert.Empty(ma.NewMembers.ByCampaign);
        Assert.Equal((2L, 0L), (mb.NewMembers.Total, mb.NewMembers.Referred));
        Assert.Equal([new ChannelCount(Contracts.Common.EnrolmentChannel.Store, 2)], mb.NewMembers.ByChannel);
        Assert.Equal([new CampaignCount(campaign.Id, campaign.Name, 2)], mb.NewMembers.ByCampaign);
        Assert.Equal([new ChannelCount(Contracts.Common.EnrolmentChannel.Admin, 1)], mc.NewMembers.ByChannel);

        // Points flow and NPS.
        Assert.Equal(new PointsFlowFigures(500, 100, 0, 0.2), ma.Points);
        Assert.Equal(new PointsFlowFigures(500, 0, 50, 0.0), mb.Points);
        Assert.Equal(new PointsFlowFigures(200, 200, 0, 1.0), mc.Points);
        Assert.Equal(new NpsFigures(0, 0, 0, null), ma.Nps);
        Assert.Equal(new NpsFigures(4, 2, 1, 25.0), mb.Nps);
        Assert.Equal(new NpsFigures(1, 0, 1, -100.0), mc.Nps);

        // Campaign value: the campaign's two joiners, valued by the run (c2 never bought: no value).
        await using var read = api.CreateDbContext();
        var values = await read.MemberInsights.AsNoTracking().Where(i => i.RunId == run.Id).ToDictionaryAsync(i => i.MemberId, i => i.LifetimeValue / 10_000m);
        var value = await s.Admin.GetJsonAsync<CampaignValueResponse>("/api/v1/admin/insight/campaign-value?months=3");
        Assert.Equal((run.Id, "EUR", 3), (value.RunId!.Value, value.Currency, value.SpendMonths));
        var won = value.Campaigns.Single(x => x.CampaignId == campaign.Id);
        Assert.Equal((campaign.Id, 2L, 2L, values[c1]), (won.CampaignId, won.Acquired.Members, won.Acquired.Scored, won.Acquired.TotalLifetimeValue));
        Assert.Equal(Math.Round(values[c1] / 2, 4, MidpointRounding.AwayFromZero), won.Acquired.AverageLifetimeValue);
        Assert.Equal(0L, won.Reached.Members);

        // The offer against its control group: spend in B, C and the current month per member (m1 30 + m2 10 against m3 10 + m4 20 − returned 10).
        var measured = value.Offers.Single(o => o.OfferId == offerId);
        Assert.Equal((2L, 20m), (measured.Treatment.Members, measured.Treatment.SpendPerMember!.Value));
        Assert.Equal((2L, 15m), (measured.Control!.Members, measured.Control.SpendPerMember!.Value));
        Assert.Equal(5m, measured.SpendUpliftPerMember);
        var treatedValue = Math.Round((values[m1] + values[m2]) / 2, 4, MidpointRounding.AwayFromZero);
        var controlValue = Math.Round((values[m3] + values[m4]) / 2, 4, MidpointRounding.AwayFromZero);
        Assert.Equal((treatedValue, controlValue, treatedValue - controlValue), (measured.Treatment.AverageLifetimeValue!.Value, measured.Control.AverageLifetimeValue!.Value, measured.LifetimeValueUplift!.Value));

        // A late purchase: the latest months are computed again by the next refresh; a month older than two before
        // the latest stored one is kept as it was.
        var before = (await s.Admin.GetJsonAsync<ProgrammeHealthResponse>($"{Health}?from={Key(current)}&to={Key(current)}")).Months.Single();
        await using (var db = api.CreateDbContext())
        {
            db.Purchases.Add(Purchase.Record(m2, s.PartnerInfo.Id, s.Store.Id, "PH-" + Unique.Id(), new Money(10m, "EUR"), On(28, 25), now, 0));
            db.Purchases.Add(Purchase.Record(m3, s.PartnerInfo.Id, s.Store.Id, "PH-" + Unique.Id(), new Money(10m, "EUR"), api.Clock.GetUtcNow().AddMinutes(-1), now, 0));
            await db.SaveChangesAsync();
        }

        await s.Admin.PostJsonAsync<InsightRunResponse>("/api/v1/admin/insight/refresh", new { });
        var again = await s.Admin.GetJsonAsync<ProgrammeHealthResponse>($"{Health}?from={Key(c)}&to={Key(current)}");
        Assert.Equal((3L, 4L), (again.Months[0].ActiveMembers, again.Months[0].Visits));
        Assert.Equal((before.ActiveMembers + 1, before.Visits + 1), (again.Months[^1].ActiveMembers, again.Months[^1].Visits));
    }
}

/// <summary>A month range the API cannot answer is a validation problem, never a guess.</summary>
[Collection(ApiCollection.Name)]
public sealed class ProgrammeHealthRangeTests(ApiFixture fixture)
{
    [Fact]
    public async Task A_bad_month_range_is_a_validation_problem_and_the_widest_range_is_answered()
    {
        var s = await Scenario.StartAsync(fixture.For(DatabaseProvider.Sqlite));
        foreach (var query in new[] { "from=2026-13", "from=2026-1", "to=December", "from=2026-05&to=2026-04", "from=2023-01&to=2026-01", "campaigns=x&from=1999-12" })
        {
            using var response = await s.Admin.GetAsync($"/api/v1/admin/insight/programme-health?{query}");
            await response.AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        }

        var widest = await s.Admin.GetJsonAsync<ProgrammeHealthResponse>("/api/v1/admin/insight/programme-health?from=2023-01&to=2025-12");
        Assert.Equal(36, widest.Months.Count);
        using var months = await s.Admin.GetAsync("/api/v1/admin/insight/campaign-value?months=25");
        await months.AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
    }
}
