namespace Loyalty.Domain.Insight.Churn;

/// <summary>One member in a backtest: the model's score and the baseline's (higher = riskier) as of the date, and whether they stopped buying after it.</summary>
public sealed record BacktestCase(Guid MemberId, double Score, double BaselineScore, bool Churned);

/// <summary>How well a ranking finds the members who stopped buying.</summary>
/// <param name="PrecisionAtTop">Share of churners among the top <see cref="Backtest.TopShare"/> of members by score.</param>
/// <param name="Auc">Probability that a random churner scores above a random stayer (ties count half).</param>
public sealed record RankingQuality(double PrecisionAtTop, double Auc);

public sealed record BacktestResult(int Members, int Churned, int Top, RankingQuality Model, RankingQuality Baseline);

/// <summary>
/// Backtest metrics: precision at the top 10 % (the first ⌈10 % × n⌉ members by score, ties broken by member id so
/// the figure is repeatable) and AUC (Mann–Whitney: the share of churner–stayer pairs the score orders correctly,
/// ties half). The baseline is recency only: days since the last purchase.
/// </summary>
public static class Backtest
{
    public const double TopShare = 0.10;

    public static BacktestResult Evaluate(IReadOnlyList<BacktestCase> cases)
    {
        ArgumentNullException.ThrowIfNull(cases);
        var top = (int)Math.Ceiling(cases.Count * TopShare);
        return new BacktestResult(
            cases.Count,
            cases.Count(c => c.Churned),
            top,
            new RankingQuality(PrecisionAt(cases, c => c.Score, top), Auc(cases, c => c.Score)),
            new RankingQuality(PrecisionAt(cases, c => c.BaselineScore, top), Auc(cases, c => c.BaselineScore)));
    }

    public static double PrecisionAt(IReadOnlyList<BacktestCase> cases, Func<BacktestCase, double> score, int top)
    {
        ArgumentNullException.ThrowIfNull(cases);
        return top <= 0 ? 0 : cases.OrderByDescending(score).ThenBy(c => c.MemberId).Take(top).Count(c => c.Churned) / (double)top;
    }

    /// <summary>AUC by average ranks (ties get the mean rank); 0.5 when either class is empty.</summary>
    public static double Auc(IReadOnlyList<BacktestCase> cases, Func<BacktestCase, double> score)
    {
        ArgumentNullException.ThrowIfNull(cases);
        long positives = cases.Count(c => c.Churned), negatives = cases.Count - positives;
        if (positives == 0 || negatives == 0)
        {
            return 0.5;
        }

        var ordered = cases.Select(c => (Score: score(c), c.Churned)).OrderBy(c => c.Score).ToList();
        double positiveRanks = 0;
        for (var i = 0; i < ordered.Count;)
        {
            var j = i;
            while (j < ordered.Count && ordered[j].Score.Equals(ordered[i].Score))
            {
                j++;
            }

            var meanRank = (i + 1 + j) / 2.0; // ranks i+1 … j share their mean
            positiveRanks += meanRank * ordered.Skip(i).Take(j - i).Count(c => c.Churned);
            i = j;
        }

        return (positiveRanks - (positives * (positives + 1) / 2.0)) / (positives * (double)negatives);
    }
}
