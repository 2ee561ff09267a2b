using Loyalty.Domain.Insight.Churn;
using Loyalty.Domain.Insight.Value;

namespace Loyalty.Application.Features.Insight;

/// <summary>
/// The set-based scoring behind insight (Infrastructure SQL): a few statements whatever the number of members, on
/// the caller's context and so inside its transaction.
/// </summary>
public interface IInsightScoring
{
    /// <summary>Active members who bought in the year before last as of <paramref name="asOf"/>, and how many of them bought again in the last year.</summary>
    Task<(long Cohort, long Retained)> RetentionAsync(DateTimeOffset asOf, string currency, CancellationToken cancellationToken);

    /// <summary>Scores every active member enrolled before the run's instant into the run's snapshot; returns how many.</summary>
    Task<int> ScoreAsync(InsightRun run, CancellationToken cancellationToken);

    /// <summary>
    /// The backtest population as of <paramref name="asOf"/> (active members enrolled before it with a visit in the
    /// year before it), each with the churn score and days since the last visit from purchases before it, and
    /// whether they made no visit in the <see cref="InsightWindows.ChurnHorizonDays"/> days after.
    /// </summary>
    Task<IReadOnlyList<BacktestCase>> BacktestAsync(DateTimeOffset asOf, string currency, CancellationToken cancellationToken);

    /// <summary>Judges pending retention actions against purchases up to <paramref name="now"/>; returns how many were settled.</summary>
    Task<int> EvaluateRetentionAsync(DateTimeOffset now, CancellationToken cancellationToken);
}
