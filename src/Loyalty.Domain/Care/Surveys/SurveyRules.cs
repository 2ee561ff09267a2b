namespace Loyalty.Domain.Care.Surveys;

/// <summary>The arithmetic of satisfaction: the per-member cap, NPS and the expected-versus-perceived gap.</summary>
public static class SurveyRules
{
    public const int MinCsat = 1;
    public const int MaxCsat = 5;
    public const int MinNps = 0;
    public const int MaxNps = 10;
    public const int MinDimensionScore = 1;
    public const int MaxDimensionScore = 5;

    /// <summary>
    /// A member may be asked again only while fewer than <paramref name="cap"/> surveys were requested from them in the
    /// rolling <paramref name="window"/> before <paramref name="now"/>. A cap of 0 asks nobody.
    /// </summary>
    public static bool Allows(IEnumerable<DateTimeOffset> requestedAt, int cap, TimeSpan window, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(requestedAt);
        var since = now - window;
        return cap > 0 && requestedAt.Count(at => at > since) < cap;
    }

    /// <summary>Net promoter score: % promoters (9–10) less % detractors (0–6), −100..100, one decimal; null without answers.</summary>
    public static decimal? NetPromoterScore(IReadOnlyCollection<int> scores)
    {
        ArgumentNullException.ThrowIfNull(scores);
        if (scores.Count == 0)
        {
            return null;
        }

        var promoters = scores.Count(s => s >= 9);
        var detractors = scores.Count(s => s <= 6);
        return Math.Round(100m * (promoters - detractors) / scores.Count, 1, MidpointRounding.AwayFromZero);
    }

    /// <summary>The service gap of one dimension: mean perceived less mean expected (negative = members get less than they expect).</summary>
    public static decimal? Gap(IReadOnlyCollection<(int Expected, int Perceived)> answers)
    {
        ArgumentNullException.ThrowIfNull(answers);
        return answers.Count == 0
            ? null
            : Math.Round((decimal)answers.Sum(a => a.Perceived - a.Expected) / answers.Count, 2, MidpointRounding.AwayFromZero);
    }

    public static decimal? Mean(IReadOnlyCollection<int> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return values.Count == 0 ? null : Math.Round((decimal)values.Sum() / values.Count, 2, MidpointRounding.AwayFromZero);
    }
}
