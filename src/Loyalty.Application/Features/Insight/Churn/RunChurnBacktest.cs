using Loyalty.Application.Abstractions;
using Loyalty.Application.Features.Social.Tiers;
using Loyalty.Contracts;
using Loyalty.Contracts.Admin;
using Loyalty.Domain.Common;
using Loyalty.Domain.Insight.Churn;
using Loyalty.Domain.Insight.Value;
using Mediator;

namespace Loyalty.Application.Features.Insight.Churn;

/// <summary>
/// Tests the churn score on the programme's own history: scores as of <c>asOf</c> from purchases before it, then
/// checks who made no purchase in the 90 days after; precision at the top 10 % and AUC, against days since the
/// last purchase alone. Reads only; nothing is stored.
/// </summary>
public sealed record RunChurnBacktestQuery(DateTimeOffset AsOf) : IQuery<ChurnBacktestResponse>;

public sealed class RunChurnBacktestHandler(ILoyaltyDbContext db, IInsightScoring scoring, TierSchemeCache scheme, TimeProvider clock)
    : IQueryHandler<RunChurnBacktestQuery, ChurnBacktestResponse>
{
    public async ValueTask<ChurnBacktestResponse> Handle(RunChurnBacktestQuery query, CancellationToken cancellationToken)
    {
        if (query.AsOf.AddDays(InsightWindows.ChurnHorizonDays) > clock.GetUtcNow())
        {
            throw new DomainException(ErrorCodes.BacktestTooRecent, $"asOf must be at least {InsightWindows.ChurnHorizonDays} days ago, so that who came back is known.");
        }

        var currency = (await scheme.GetAsync(db, cancellationToken)).Settings.SpendCurrency;
        var cases = await scoring.BacktestAsync(query.AsOf, currency, cancellationToken);
        var result = Backtest.Evaluate(cases);
        return new ChurnBacktestResponse(
            query.AsOf,
            InsightWindows.ChurnHorizonDays,
            result.Members,
            result.Churned,
            result.Members == 0 ? 0 : result.Churned / (double)result.Members,
            result.Top,
            new RankingQualityResponse(result.Model.PrecisionAtTop, result.Model.Auc),
            new RankingQualityResponse(result.Baseline.PrecisionAtTop, result.Baseline.Auc));
    }
}
