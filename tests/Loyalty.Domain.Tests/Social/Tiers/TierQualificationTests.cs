using Loyalty.Domain.Social.Tiers;

namespace Loyalty.Domain.Tests.Social.Tiers;

public sealed class TierQualificationTests
{
    private static readonly DateTimeOffset Created = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly Tier Bronze = Tier.Create(new TierDefinition("Bronze", 0, TierThresholds.None, TierThresholds.None, Benefits(1m)), Created);
    private static readonly Tier Silver = Tier.Create(new TierDefinition("Silver", 1, new(1000, 500m, 10), new(800, null, null), Benefits(1.25m)), Created);
    private static readonly Tier Gold = Tier.Create(new TierDefinition("Gold", 2, new(5000, 2000m, null), TierThresholds.None, Benefits(1.5m)), Created);
    private static readonly IReadOnlyList<Tier> Tiers = [Bronze, Silver, Gold];

    private static TierProgrammeSettings Rolling(int months = 12, int grace = 30, DowngradeMode mode = DowngradeMode.OneTier) =>
        new(QualificationWindowKind.RollingMonths, months, grace, mode, "EUR");

    private static TierProgrammeSettings Calendar => new(QualificationWindowKind.CalendarYear, 12, 30, DowngradeMode.OneTier, "EUR");

    private static TierProgrammeSettings SinceChange(int months = 6) => new(QualificationWindowKind.SinceLastChange, months, 0, DowngradeMode.OneTier, "EUR");

    private static TierBenefits Benefits(decimal multiplier) => new(multiplier, 0m, null, []);

    private static DateTimeOffset Utc(int y, int m, int d, int h = 0, int min = 0, int s = 0, int ms = 0) => new(y, m, d, h, min, s, ms, TimeSpan.Zero);

    [Fact]
    public void A_rolling_window_reaches_back_n_calendar_months_clamped_to_the_end_of_a_shorter_month()
    {
        var standing = new TierStanding(Bronze.Id, Created, null, null);
        Assert.Equal(Utc(2026, 3, 15, 10), TierQualification.QualificationWindowStart(Rolling(), standing, Utc(2027, 3, 15, 10)));
        Assert.Equal(Utc(2027, 2, 28), TierQualification.QualificationWindowStart(Rolling(1), standing, Utc(2027, 3, 31)));
        Assert.Equal(Utc(2027, 2, 28), TierQualification.QualificationWindowStart(Rolling(12), standing, Utc(2028, 2, 29))); // leap day back a year
        Assert.Equal(Utc(2028, 2, 29), TierQualification.FirstReview(Rolling(1), Utc(2028, 1, 31))); // 31 Jan + 1 month in a leap year
        Assert.Equal(Utc(2027, 2, 28), TierQualification.FirstReview(Rolling(1), Utc(2027, 1, 31)));
        Assert.Equal(Utc(2029, 2, 28), TierQualification.FirstReview(Rolling(12), Utc(2028, 2, 29)));
    }

    [Fact]
    public void Times_in_other_offsets_are_taken_in_utc()
    {
        var standing = new TierStanding(Bronze.Id, Created, null, null);
        var newYearsEveInUtcButNewYearInBerlin = new DateTimeOffset(2027, 1, 1, 0, 30, 0, TimeSpan.FromHours(1)); // 31 Dec 23:30 UTC
        Assert.Equal(Utc(2026, 1, 1), TierQualification.QualificationWindowStart(Calendar, standing, newYearsEveInUtcButNewYearInBerlin));
        Assert.Equal(TimeSpan.Zero, TierQualification.FirstReview(Rolling(), new DateTimeOffset(2027, 5, 1, 12, 0, 0, TimeSpan.FromHours(-5))).Offset);
    }

    [Fact]
    public void A_calendar_year_starts_on_1_January_utc_and_the_last_millisecond_of_the_year_still_belongs_to_it()
    {
        var standing = new TierStanding(Bronze.Id, Created, null, null);
        Assert.Equal(Utc(2026, 1, 1), TierQualification.QualificationWindowStart(Calendar, standing, Utc(2026, 12, 31, 23, 59, 59, 999)));
        Assert.Equal(Utc(2027, 1, 1), TierQualification.QualificationWindowStart(Calendar, standing, Utc(2027, 1, 1)));
    }

    [Fact]
    public void A_calendar_year_tier_is_held_through_the_next_full_year_and_kept_by_that_years_activity()
    {
        Assert.Equal(Utc(2028, 1, 1), TierQualification.FirstReview(Calendar, Utc(2026, 12, 31, 23, 59, 59, 999)));
        Assert.Equal(Utc(2029, 1, 1), TierQualification.FirstReview(Calendar, Utc(2027, 1, 1)));
        Assert.Equal(Utc(2027, 1, 1), TierQualification.RetentionWindowStart(Calendar, new TierStanding(Silver.Id, Utc(2026, 6, 1), Utc(2028, 1, 1), null), Utc(2028, 1, 1)));
        Assert.Equal(Utc(2029, 1, 1), TierQualification.NextReview(Calendar, Utc(2028, 1, 1)));
    }

    [Fact]
    public void Since_last_change_counts_from_the_change_or_the_last_review_whichever_is_later()
    {
        var reached = Utc(2027, 1, 31);
        var firstReview = TierQualification.FirstReview(SinceChange(1), reached);
        Assert.Equal(Utc(2027, 2, 28), firstReview);
        var standing = new TierStanding(Silver.Id, reached, firstReview, null);
        Assert.Equal(reached, TierQualification.RetentionWindowStart(SinceChange(1), standing, firstReview)); // not 28 Jan
        Assert.Equal(reached, TierQualification.QualificationWindowStart(SinceChange(1), standing, Utc(2027, 2, 10)));

        var kept = standing with { ReviewAt = TierQualification.NextReview(SinceChange(1), firstReview) };
        Assert.Equal(Utc(2027, 3, 28), kept.ReviewAt);
        Assert.Equal(Utc(2027, 2, 28), TierQualification.QualificationWindowStart(SinceChange(1), kept, Utc(2027, 3, 1)));
        Assert.Equal(Utc(2027, 2, 10), TierQualification.QualificationWindowStart(SinceChange(1), new TierStanding(Bronze.Id, Utc(2027, 2, 10), null, null), Utc(2027, 3, 1)));
    }

    [Theory]
    [InlineData(QualificationWindowKind.RollingMonths, 12)]
    [InlineData(QualificationWindowKind.SinceLastChange, 12)]
    [InlineData(QualificationWindowKind.RollingMonths, 1)]
    public void A_tier_reached_on_29_february_is_kept_only_by_what_was_done_from_that_moment(QualificationWindowKind kind, int months)
    {
        // The clock of the purchase that crossed the threshold, injected: noon on a leap day.
        var reached = Utc(2028, 2, 29, 12);
        var settings = new TierProgrammeSettings(kind, months, 30, DowngradeMode.OneTier, "EUR");
        var review = TierQualification.FirstReview(settings, reached);
        Assert.Equal(months == 12 ? Utc(2029, 2, 28, 12) : Utc(2028, 3, 29, 12), review);

        // 2029-02-28 − 12 months is 2028-02-28: a day before the tier was reached, when the member was still Bronze.
        var standing = new TierStanding(Silver.Id, reached, review, null);
        Assert.Equal(reached, TierQualification.RetentionWindowStart(settings, standing, review));

        // Once kept, the next review looks back a whole window again.
        var next = TierQualification.NextReview(settings, review);
        Assert.Equal(next.AddMonths(-months), TierQualification.RetentionWindowStart(settings, standing with { ReviewAt = next }, next));
    }

    [Fact]
    public void A_tier_reached_on_31_january_with_a_one_month_window_is_reviewed_on_28_february_counting_from_31_january()
    {
        var reached = Utc(2027, 1, 31, 23, 59);
        var review = TierQualification.FirstReview(Rolling(1), reached);
        Assert.Equal(Utc(2027, 2, 28, 23, 59), review);
        Assert.Equal(reached, TierQualification.RetentionWindowStart(Rolling(1), new TierStanding(Silver.Id, reached, review, null), review)); // not 28 Jan
    }

    [Theory]
    [InlineData(999, 0, 0, false)]
    [InlineData(1000, 0, 0, true)]
    [InlineData(0, 499.99, 9, false)]
    [InlineData(0, 500, 0, true)]
    [InlineData(0, 0, 10, true)]
    public void Exactly_at_any_one_threshold_qualifies(long points, decimal spend, int visits, bool qualifies)
    {
        var activity = new QualifyingActivity(points, spend, visits);
        Assert.Equal(qualifies ? Silver : null, TierQualification.Upgrade(Tiers, Bronze, activity));
    }

    [Fact]
    public void An_upgrade_goes_to_the_highest_tier_met_and_never_down()
    {
        Assert.Equal(Gold, TierQualification.Upgrade(Tiers, Bronze, new QualifyingActivity(5000, 0m, 0)));
        Assert.Null(TierQualification.Upgrade(Tiers, Gold, new QualifyingActivity(100_000, 0m, 0)));
        Assert.Null(TierQualification.Upgrade(Tiers, Silver, new QualifyingActivity(1000, 0m, 0)));
    }

    [Fact]
    public void Retention_uses_its_own_thresholds_and_falls_back_to_qualification()
    {
        Assert.True(Silver.Retain.IsMetBy(new QualifyingActivity(800, 0m, 0)));
        Assert.False(Silver.Retain.IsMetBy(new QualifyingActivity(799, 499m, 9))); // spend and visits are not ways to keep Silver
        Assert.Equal(Gold.Qualify, Gold.Retain);
        Assert.True(Gold.Retain.IsMetBy(new QualifyingActivity(0, 2000m, 0)));
    }

    [Fact]
    public void A_review_keeps_the_tier_then_grace_from_the_review_date_then_one_tier_down()
    {
        var review = Utc(2027, 6, 1);
        var standing = new TierStanding(Gold.Id, Utc(2026, 6, 1), review, null);
        var justBefore = review.AddTicks(-1);
        Assert.Equal(TierReviewOutcome.NotDue, TierQualification.Review(Rolling(), Tiers, Gold, standing, default, justBefore).Outcome);

        var kept = TierQualification.Review(Rolling(), Tiers, Gold, standing, new QualifyingActivity(5000, 0m, 0), review);
        Assert.Equal((TierReviewOutcome.Kept, (DateTimeOffset?)Utc(2028, 6, 1)), (kept.Outcome, kept.Standing.ReviewAt));

        var grace = TierQualification.Review(Rolling(), Tiers, Gold, standing, new QualifyingActivity(4999, 0m, 0), review.AddDays(3));
        Assert.Equal((TierReviewOutcome.GraceStarted, (DateTimeOffset?)Utc(2027, 7, 1)), (grace.Outcome, grace.Standing.GraceUntil));
        Assert.Equal(TierReviewOutcome.NotDue, TierQualification.Review(Rolling(), Tiers, Gold, grace.Standing, default, Utc(2027, 7, 1).AddTicks(-1)).Outcome);

        var caughtUp = TierQualification.Review(Rolling(), Tiers, Gold, grace.Standing, new QualifyingActivity(5000, 0m, 0), Utc(2027, 7, 1));
        Assert.Equal((TierReviewOutcome.Kept, (DateTimeOffset?)null), (caughtUp.Outcome, caughtUp.Standing.GraceUntil));

        var down = TierQualification.Review(Rolling(), Tiers, Gold, grace.Standing, new QualifyingActivity(10, 0m, 0), Utc(2027, 7, 1));
        Assert.Equal(TierReviewOutcome.Downgraded, down.Outcome);
        Assert.Equal(new TierStanding(Silver.Id, Utc(2027, 7, 1), Utc(2028, 7, 1), null), down.Standing);
    }

    [Fact]
    public void Without_grace_the_review_moves_down_at_once_and_the_entry_tier_is_never_reviewed()
    {
        var standing = new TierStanding(Silver.Id, Utc(2026, 6, 1), Utc(2027, 6, 1), null);
        var down = TierQualification.Review(Rolling(grace: 0), Tiers, Silver, standing, default, Utc(2027, 6, 1));
        Assert.Equal(new TierStanding(Bronze.Id, Utc(2027, 6, 1), null, null), down.Standing);
        Assert.Equal(TierReviewOutcome.NotDue, TierQualification.Review(Rolling(), Tiers, Bronze, new TierStanding(Bronze.Id, Created, null, null), default, Utc(2030, 1, 1)).Outcome);
    }

    [Fact]
    public void To_qualified_tier_lands_on_the_highest_tier_the_activity_qualifies_for()
    {
        var mode = Rolling(mode: DowngradeMode.ToQualifiedTier);
        Assert.Equal(Silver, TierQualification.DowngradeTarget(mode, Tiers, Gold, new QualifyingActivity(1000, 0m, 0)));
        Assert.Equal(Silver, TierQualification.DowngradeTarget(mode, Tiers, Gold, new QualifyingActivity(0, 0m, 10)));
        Assert.Equal(Bronze, TierQualification.DowngradeTarget(mode, Tiers, Gold, new QualifyingActivity(999, 499m, 9)));
        Assert.Equal(Silver, TierQualification.DowngradeTarget(Rolling(), Tiers, Gold, default)); // one tier whatever was done
    }

    [Fact]
    public void Remaining_shows_what_is_missing_per_metric_and_zero_once_met()
    {
        var remaining = TierQualification.Remaining(Silver.Qualify, new QualifyingActivity(200, 380m, 12));
        Assert.Equal(new TierThresholds(800, 120m, 0), remaining);
        Assert.Equal(new TierThresholds(800, null, null), TierQualification.Remaining(Silver.Retain, default));
    }

    [Fact]
    public void The_progress_sentence_names_every_way_money_with_two_decimals_and_the_last_day_that_counts()
    {
        var text = TierQualification.Describe(
            "Silver", "Gold", new TierThresholds(800, 120m, null), Utc(2027, 4, 1), new TierThresholds(200, null, null), Utc(2027, 3, 31, 12), "EUR");
        Assert.Equal("Spend 120.00 EUR more or earn 800 more points by 2027-03-31 to reach Gold; keep Silver by earning 200 more points by 2027-03-31.", text);

        var culture = Thread.CurrentThread.CurrentCulture;
        try
        {
            Thread.CurrentThread.CurrentCulture = new System.Globalization.CultureInfo("de-DE");
            Assert.StartsWith("Spend 1234.50 EUR more", TierQualification.Describe("Bronze", "Silver", new TierThresholds(null, 1234.5m, null), null, null, null, "EUR"), StringComparison.Ordinal);
        }
        finally
        {
            Thread.CurrentThread.CurrentCulture = culture;
        }

        Assert.Equal("Gold is the top tier; Gold is kept at the review on 2027-05-31.", TierQualification.Describe("Gold", null, null, null, new TierThresholds(0, null, null), Utc(2027, 5, 31), "EUR"));
        Assert.Equal("You qualify for Silver.", TierQualification.Describe("Bronze", "Silver", new TierThresholds(0, 10m, null), null, null, null, "EUR"));
        Assert.Equal("Make 1 more visit to reach Silver.", TierQualification.Describe("Bronze", "Silver", new TierThresholds(null, null, 1), null, null, null, "EUR"));
    }
}
