using Loyalty.Domain.Care.Surveys;
using Loyalty.Domain.Common;

namespace Loyalty.Domain.Tests.Care.Surveys;

public sealed class SurveyRulesTests
{
    private static readonly DateTimeOffset Now = new(2027, 3, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Month = TimeSpan.FromDays(30);

    [Fact]
    public void The_cap_counts_only_requests_inside_the_rolling_window()
    {
        Assert.True(SurveyRules.Allows([], 2, Month, Now));
        Assert.True(SurveyRules.Allows([Now.AddDays(-1)], 2, Month, Now));
        Assert.False(SurveyRules.Allows([Now.AddDays(-1), Now.AddDays(-29)], 2, Month, Now));
        Assert.True(SurveyRules.Allows([Now.AddDays(-1), Now.AddDays(-30)], 2, Month, Now)); // the older one left the window
        Assert.False(SurveyRules.Allows([], 0, Month, Now)); // a cap of zero asks nobody
    }

    [Fact]
    public void Nps_is_promoters_less_detractors_in_percent()
    {
        Assert.Null(SurveyRules.NetPromoterScore([]));
        Assert.Equal(100m, SurveyRules.NetPromoterScore([9, 10]));
        Assert.Equal(-100m, SurveyRules.NetPromoterScore([0, 6]));
        Assert.Equal(0m, SurveyRules.NetPromoterScore([7, 8]));
        Assert.Equal(16.7m, SurveyRules.NetPromoterScore([10, 9, 3, 8, 7, 8])); // (2 promoters − 1 detractor) / 6
    }

    [Fact]
    public void The_gap_is_perceived_less_expected_on_average()
    {
        Assert.Null(SurveyRules.Gap([]));
        Assert.Equal(-1.5m, SurveyRules.Gap([(5, 3), (4, 3)]));
        Assert.Equal(0.33m, SurveyRules.Gap([(3, 4), (3, 3), (3, 3)]));
        Assert.Equal(2.5m, SurveyRules.Mean([2, 3]));
    }

    [Fact]
    public void A_survey_is_answered_once_within_its_validity_with_scores_in_range_and_known_dimensions()
    {
        string[] dimensions = ["speed", "friendliness"];
        var tier = Guid.NewGuid();
        var survey = Survey.Request(Guid.NewGuid(), 1, SurveyTouchpoint.Purchase, Guid.NewGuid(), null, null, tier, Now, TimeSpan.FromDays(14));
        Assert.True(survey.IsPending(Now));
        Assert.Equal("invalid_survey_answer", Assert.Throws<DomainException>(() => survey.Answer(6, 5, null, [], dimensions, tier, Now)).Code);
        Assert.Equal("invalid_survey_answer", Assert.Throws<DomainException>(() => survey.Answer(5, 11, null, [], dimensions, tier, Now)).Code);
        Assert.Equal("unknown_service_dimension", Assert.Throws<DomainException>(() => survey.Answer(5, 9, null, [("price", 3, 3)], dimensions, tier, Now)).Code);
        Assert.Equal("unknown_service_dimension", Assert.Throws<DomainException>(() => survey.Answer(5, 9, null, [("speed", 3, 3), ("speed", 4, 4)], dimensions, tier, Now)).Code);

        var later = Guid.NewGuid();
        survey.Answer(4, 9, " Quick ", [("speed", 4, 5)], dimensions, later, Now.AddDays(1));
        Assert.Equal((4, 9, "Quick", later), (survey.Csat, survey.Nps, survey.Comment, survey.TierId));
        Assert.False(survey.IsPending(Now.AddDays(1)));
        Assert.Equal("survey_already_answered", Assert.Throws<DomainException>(() => survey.Answer(4, 9, null, [], dimensions, tier, Now.AddDays(1))).Code);

        var late = Survey.Request(Guid.NewGuid(), 2, SurveyTouchpoint.ClubEvent, Guid.NewGuid(), null, null, tier, Now, TimeSpan.FromDays(14));
        Assert.Equal("survey_expired", Assert.Throws<DomainException>(() => late.Answer(4, 9, null, [], dimensions, tier, Now.AddDays(14))).Code);
    }
}
