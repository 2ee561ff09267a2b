using Loyalty.Domain.Care.Surveys;
using Loyalty.Domain.Insight.Churn;
using Loyalty.Domain.Insight.Classes;
using Loyalty.Domain.Insight.Health;
using Loyalty.Domain.Insight.Value;

namespace Loyalty.Domain.Tests.Insight;

public sealed class ProgrammeHealthMeasureTests
{
    private static HealthCounts Counts(
        long active = 0, long previous = 0, long retained = 0, long repeat = 0, long issued = 0, long redeemed = 0, long answers = 0, long promoters = 0, long detractors = 0) =>
        new(active, previous, retained, repeat, 0, 0, 0, issued, redeemed, 0, answers, promoters, detractors);

    [Fact]
    public void Retention_is_the_share_of_last_months_buyers_who_bought_again_and_churn_its_complement()
    {
        var month = Counts(active: 5, previous: 4, retained: 3);

        Assert.Equal(0.75, HealthMeasures.Retention(month));
        Assert.Equal(0.25, HealthMeasures.Churn(month));
        Assert.Equal(0.3333, HealthMeasures.Retention(Counts(previous: 3, retained: 1)));
        Assert.Equal(0.6667, HealthMeasures.Churn(Counts(previous: 3, retained: 1)));

        // Nobody bought the month before: no cohort, no rate (not 0 %, not 100 %).
        Assert.Null(HealthMeasures.Retention(Counts(active: 5)));
        Assert.Null(HealthMeasures.Churn(Counts(active: 5)));
    }

    [Fact]
    public void Repeat_rate_counts_buyers_with_two_visits_or_more_among_the_months_buyers()
    {
        Assert.Equal(0.4, HealthMeasures.RepeatRate(Counts(active: 5, repeat: 2)));
        Assert.Null(HealthMeasures.RepeatRate(Counts()));
    }

    [Fact]
    public void Redemption_rate_is_redeemed_over_issued_points_of_the_month()
    {
        Assert.Equal(0.25, HealthMeasures.RedemptionRate(Counts(issued: 400, redeemed: 100)));
        Assert.Equal(1.5, HealthMeasures.RedemptionRate(Counts(issued: 200, redeemed: 300))); // old points spent: above 1 is possible
        Assert.Null(HealthMeasures.RedemptionRate(Counts(redeemed: 100)));
    }

    [Fact]
    public void Nps_is_promoters_minus_detractors_per_hundred_answers()
    {
        Assert.Equal(20.0, HealthMeasures.Nps(Counts(answers: 5, promoters: 2, detractors: 1)));
        Assert.Equal(-100.0, HealthMeasures.Nps(Counts(answers: 3, detractors: 3)));
        Assert.Equal(33.3, HealthMeasures.Nps(Counts(answers: 3, promoters: 1)));
        Assert.Null(HealthMeasures.Nps(Counts()));
    }

    [Fact]
    public void Months_are_indexes_so_the_month_before_is_one_less_across_a_year_end()
    {
        var january = HealthMeasures.Parse("2026-01")!.Value;
        Assert.Equal("2025-12", HealthMeasures.Key(january - 1));
        Assert.Equal("2026-01", HealthMeasures.Key(january));
        Assert.Equal(january, HealthMeasures.IndexOf(new DateTimeOffset(2026, 1, 31, 23, 59, 59, TimeSpan.Zero)));
        Assert.Equal(january, HealthMeasures.IndexOf(new DateTimeOffset(2026, 2, 1, 0, 30, 0, TimeSpan.FromHours(1)))); // UTC: still January
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), HealthMeasures.Start(january));
        foreach (var bad in new[] { "2026-13", "2026-00", "26-01", "2026-1", "2026/01", "1999-12", "", null })
        {
            Assert.Null(HealthMeasures.Parse(bad));
        }
    }

    [Fact]
    public void A_refresh_fills_three_years_at_first_then_recomputes_from_two_months_before_the_latest_stored()
    {
        var now = HealthMeasures.Parse("2026-12")!.Value;

        Assert.Equal((HealthMeasures.Parse("2024-01")!.Value, now), HealthMeasures.MonthsToRefresh(null, now));
        Assert.Equal((HealthMeasures.Parse("2026-09")!.Value, now), HealthMeasures.MonthsToRefresh(HealthMeasures.Parse("2026-11"), now));
        Assert.Equal((HealthMeasures.Parse("2026-10")!.Value, now), HealthMeasures.MonthsToRefresh(now, now));

        // A refresh after a long pause fills the gap, never more than three years.
        Assert.Equal((HealthMeasures.Parse("2024-01")!.Value, now), HealthMeasures.MonthsToRefresh(HealthMeasures.Parse("2020-05"), now));
    }

    [Fact]
    public void A_detractor_scores_ten_more_churn_points_with_the_reason_and_is_never_loyal()
    {
        var facts = new MemberFacts(400, 12, 12, 3, 3, 1_000_000, 300_000, 20, 30, 0);
        Assert.Equal(MemberClass.Loyal, MemberClassRule.Classify(facts));
        Assert.Equal(0, ChurnRisk.Score(facts));

        var detractor = ChurnRisk.Assess(facts, nps: 6);
        Assert.Equal(10, detractor.Score);
        Assert.Equal([new ChurnReason(ChurnReasonKind.Detractor, 10, "said they are unlikely to recommend us (NPS 6)")], detractor.Reasons);
        Assert.Equal(MemberClass.General, MemberClassRule.Classify(facts, nps: 6));
        Assert.Equal(0, ChurnRisk.Score(facts, nps: 7)); // passives and promoters add nothing
    }

    [Fact]
    public void A_reason_for_leaving_is_worded_with_the_members_own_text()
    {
        var at = new DateTimeOffset(2026, 5, 3, 10, 0, 0, TimeSpan.Zero);

        Assert.Equal(new ChurnReason(ChurnReasonKind.LeavingReason, 0, "left on 2026-05-03: poor service (\"Nobody called back\")"), ChurnRisk.Left(LeavingReason.PoorService, " Nobody called back ", at));
        Assert.Equal("left on 2026-05-03: moved away", ChurnRisk.Left(LeavingReason.MovedAway, null, at).Text);
    }
}
