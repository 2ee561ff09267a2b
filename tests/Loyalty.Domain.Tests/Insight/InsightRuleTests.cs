using Loyalty.Domain.Common;
using Loyalty.Domain.Insight.Churn;
using Loyalty.Domain.Insight.Classes;
using Loyalty.Domain.Insight.Retention;
using Loyalty.Domain.Insight.Value;

namespace Loyalty.Domain.Tests.Insight;

public sealed class InsightRuleTests
{
    /// <summary>A member with <paramref name="visitsYear"/> visits <paramref name="interval"/> days apart, the last <paramref name="since"/> days ago.</summary>
    private static MemberFacts Facts(int visitsYear, double interval, int since, int tenure = 400, double variation = 0, long spendYear = 1_000_000, long spendQuarter = 300_000, int quarter = 3, int previousQuarter = 3) =>
        new(tenure, visitsYear, visitsYear, quarter, previousQuarter, spendYear, spendQuarter, since, visitsYear >= 2 ? interval : null, visitsYear >= 2 ? variation : null);

    [Fact]
    public void Quintiles_and_deciles_come_from_ranks_so_equal_values_share_a_bucket()
    {
        Assert.Equal([1, 1, 1, 4, 5], Quintiles.Of([0, 0, 0, 7, 9]));
        Assert.Equal([1, 2, 3, 4, 5], Quintiles.Of([1, 2, 3, 4, 5]));
        Assert.Equal(1, Quintiles.Decile(1, 100));
        Assert.Equal(1, Quintiles.Decile(10, 100));
        Assert.Equal(2, Quintiles.Decile(11, 100));
        Assert.Equal(10, Quintiles.Decile(100, 100));
    }

    [Fact]
    public void Lifetime_value_is_the_annual_value_times_the_retention_multiple()
    {
        Assert.Equal(LifetimeValue.DefaultRetention, LifetimeValue.Retention(cohort: 19, retained: 19));
        Assert.Equal(0.75, LifetimeValue.Retention(cohort: 100, retained: 75));
        Assert.Equal(LifetimeValue.MaxRetention, LifetimeValue.Retention(cohort: 100, retained: 100));
        Assert.Equal(0.75 / 0.35, LifetimeValue.Multiple(0.75), 12);

        // A year's member spending 1,000: 1,000 × 0.75 / 0.35.
        Assert.Equal((long)(10_000_000 * 365.0 / 365 * LifetimeValue.Multiple(0.75)), LifetimeValue.Estimate(10_000_000, 400, LifetimeValue.Multiple(0.75)));
        Assert.Equal(21_428_571, LifetimeValue.Estimate(10_000_000, 400, LifetimeValue.Multiple(0.75)));

        // Three months' member: annualised from 91 days; a ten-day member from 30, not 10.
        Assert.Equal((long)(10_000_000 * 365.0 / 91 * 1.0), LifetimeValue.Estimate(10_000_000, 91, 1.0));
        Assert.Equal((long)(10_000_000 * 365.0 / 30 * 1.0), LifetimeValue.Estimate(10_000_000, 10, 1.0));
        Assert.Equal(0, LifetimeValue.Estimate(0, 400, 2.0));
    }

    [Fact]
    public void Quintile_of_a_single_member_is_the_lowest()
    {
        Assert.Equal(1, Quintiles.Quintile(1, 1));
    }

    [Fact]
    public void A_member_three_intervals_late_is_drifting_and_the_explanation_says_so_in_their_numbers()
    {
        var drifting = MemberClassRule.Explain(Facts(visitsYear: 5, interval: 9, since: 41));

        Assert.Equal(MemberClass.Drifting, drifting.Class);
        Assert.Equal("usually buys every 9 days; last purchase 41 days ago", drifting.Explanation);

        // 27 days is exactly three intervals: not yet drifting (strictly more is needed) but no longer on time.
        var late = MemberClassRule.Explain(Facts(visitsYear: 8, interval: 9, since: 27));
        Assert.Equal(MemberClass.General, late.Class);
        Assert.StartsWith("usually buys every 9 days; last purchase 27 days ago; a little overdue", late.Explanation, StringComparison.Ordinal);

        // Short habits need two weeks before they count as drifting.
        Assert.Equal(MemberClass.General, MemberClassRule.Classify(Facts(visitsYear: 30, interval: 2, since: 13)));
        Assert.Equal(MemberClass.Drifting, MemberClassRule.Classify(Facts(visitsYear: 30, interval: 2, since: 14)));
    }

    [Fact]
    public void Loyal_needs_rhythm_regularity_tenure_and_steady_spend_and_the_explanation_names_what_is_missing()
    {
        var loyal = MemberClassRule.Explain(Facts(visitsYear: 12, interval: 30, since: 20));
        Assert.Equal(MemberClass.Loyal, loyal.Class);
        Assert.Equal("usually buys every 30 days; last purchase 20 days ago; 12 purchases in the last year, regularly; a member for 400 days", loyal.Explanation);

        Assert.Equal(
            "usually buys every 30 days; last purchase 20 days ago; 4 purchases in the last year (loyal members make 6 or more); visits irregular; a member for 100 days only; the last 90 days are 5 % of the year's spend",
            MemberClassRule.Explain(Facts(visitsYear: 4, interval: 30, since: 20, tenure: 100, variation: 1.5, spendQuarter: 50_000)).Explanation);

        // Stated intent: a detractor is never loyal; a promoter needs three visits, not six.
        Assert.Equal(MemberClass.General, MemberClassRule.Classify(Facts(visitsYear: 12, interval: 30, since: 20), nps: 4));
        Assert.Equal(MemberClass.General, MemberClassRule.Classify(Facts(visitsYear: 3, interval: 30, since: 20)));
        Assert.Equal(MemberClass.Loyal, MemberClassRule.Classify(Facts(visitsYear: 3, interval: 30, since: 20), nps: 10));
    }

    [Fact]
    public void Without_a_rhythm_half_a_year_of_silence_is_drifting()
    {
        var never = new MemberFacts(200, 0, 0, 0, 0, 0, 0, null, null, null);
        Assert.Equal(new MemberClassification(MemberClass.Drifting, "no purchase since joining 200 days ago"), MemberClassRule.Explain(never));
        Assert.Equal(MemberClass.General, MemberClassRule.Classify(never with { TenureDays = 20 }));

        var once = new MemberFacts(400, 3, 1, 0, 0, 100_000, 0, 190, null, null);
        Assert.Equal(new MemberClassification(MemberClass.Drifting, "1 purchase in the last year; last purchase 190 days ago"), MemberClassRule.Explain(once));
        Assert.Equal(MemberClass.General, MemberClassRule.Classify(once with { DaysSinceLastVisit = 179 }));
    }

    [Fact]
    public void The_churn_score_adds_lateness_fewer_visits_and_spend_down_each_with_its_reason()
    {
        // 41 days against 9: lateness capped at 60; 1 visit after 5 the quarter before: 4/5 × 25 = 20; 10 % of the year's spend: 0.15/0.25 × 15 = 9.
        var risk = ChurnRisk.Assess(Facts(visitsYear: 6, interval: 9, since: 41, spendQuarter: 100_000, quarter: 1, previousQuarter: 5));

        Assert.Equal(89, risk.Score);
        Assert.Equal(
            [
                new ChurnReason(ChurnReasonKind.Overdue, 60, "last purchase 41 days ago; usually every 9 days"),
                new ChurnReason(ChurnReasonKind.FewerVisits, 20, "1 purchase in the last 90 days against 5 in the 90 before"),
                new ChurnReason(ChurnReasonKind.SpendDown, 9, "the last 90 days are 10 % of the year's spend (steady: 25 %)"),
            ],
            risk.Reasons);

        // On time, steady: no risk and no reasons.
        var steady = ChurnRisk.Assess(Facts(visitsYear: 12, interval: 30, since: 20));
        Assert.Equal(0, steady.Score);
        Assert.Empty(steady.Reasons);

        // Half an interval late: 10 points.
        Assert.Equal(10, ChurnRisk.Score(Facts(visitsYear: 12, interval: 20, since: 30)));

        // No rhythm: a point per three days since the only purchase; never bought: 40.
        Assert.Equal(30 + 15, ChurnRisk.Score(new MemberFacts(400, 1, 1, 0, 0, 100_000, 0, 90, null, null))); // and nothing spent this quarter: 15
        Assert.Equal(40, ChurnRisk.Score(new MemberFacts(400, 0, 0, 0, 0, 0, 0, null, null, null)));
    }

    [Fact]
    public void Backtest_metrics_match_hand_computed_values()
    {
        var ids = Enumerable.Range(1, 10).Select(i => new Guid(i, 0, 0, new byte[8])).ToArray();
        BacktestCase Case(int i, double score, double baseline, bool churned) => new(ids[i], score, baseline, churned);

        // Perfect model: both churners on top. Baseline: one churner first, the other last.
        var cases = new[]
        {
            Case(0, 90, 50, true), Case(1, 80, 1, true),
            Case(2, 10, 40, false), Case(3, 10, 30, false), Case(4, 5, 20, false), Case(5, 5, 10, false),
            Case(6, 0, 9, false), Case(7, 0, 8, false), Case(8, 0, 7, false), Case(9, 0, 6, false),
        };
        var result = Backtest.Evaluate(cases);

        Assert.Equal((10, 2, 1), (result.Members, result.Churned, result.Top));
        Assert.Equal(new RankingQuality(1.0, 1.0), result.Model);
        Assert.Equal(1.0, result.Baseline.PrecisionAtTop); // 50 is the top baseline score and a churner
        Assert.Equal(8 / 16.0, result.Baseline.Auc, 12); // the first churner beats all 8 stayers, the second none

        // Ties count half; a ranking of constants is chance.
        Assert.Equal(0.5, Backtest.Auc(cases, _ => 1.0));
        Assert.Equal(0.5, Backtest.Auc([Case(0, 1, 1, true)], c => c.Score)); // no stayers: undefined, reported as chance
    }

    [Fact]
    public void A_retention_action_succeeds_with_a_visit_inside_its_window_and_fails_when_the_window_closes_without_one()
    {
        var taken = new DateTimeOffset(2027, 1, 1, 10, 0, 0, TimeSpan.Zero);
        Assert.Equal(RetentionOutcome.Returned, RetentionAction.Evaluate(taken, 30, taken.AddDays(30), taken.AddDays(31)));
        Assert.Equal(RetentionOutcome.Pending, RetentionAction.Evaluate(taken, 30, null, taken.AddDays(29)));
        Assert.Equal(RetentionOutcome.NotReturned, RetentionAction.Evaluate(taken, 30, null, taken.AddDays(30)));
        Assert.Equal(RetentionOutcome.NotReturned, RetentionAction.Evaluate(taken, 30, taken.AddDays(31), taken.AddDays(40)));

        Assert.Equal("invalid_retention_action", Assert.Throws<DomainException>(() =>
            RetentionAction.Take(Guid.NewGuid(), RetentionActionKind.GoodwillPoints, "Sorry", null, null, null, Guid.NewGuid(), null, null, 30, taken, "ben")).Code);
        Assert.Equal("invalid_retention_action", Assert.Throws<DomainException>(() =>
            RetentionAction.Take(Guid.NewGuid(), RetentionActionKind.Call, "Called", 100, null, null, Guid.NewGuid(), null, null, 30, taken, "ben")).Code);
    }
}
