using FluentValidation;
using Loyalty.Application.Abstractions;
using Loyalty.Application.Features.Customised.Profiles;
using Loyalty.Contracts.Admin;
using Loyalty.Domain.Customised.Recommendations;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Customised.Recommendations;

/// <summary>
/// Measures the next best offer on the programme's own history (see <see cref="RecommendationEvaluation"/>): the
/// hit rate at k of the recommended categories against the k most popular ones, over up to <c>Sample</c> members
/// with at least two categorised purchases in the last year who consented to profiling.
/// </summary>
public sealed record EvaluateRecommendationsQuery(int? K, int? Sample) : IQuery<RecommendationEvaluationResponse>
{
    public const int DefaultK = 3;
    public const int DefaultSample = 5_000;
    public const int MaxSample = 50_000;
}

public sealed class EvaluateRecommendationsValidator : AbstractValidator<EvaluateRecommendationsQuery>
{
    public EvaluateRecommendationsValidator()
    {
        RuleFor(q => q.K).InclusiveBetween(1, 10);
        RuleFor(q => q.Sample).InclusiveBetween(10, EvaluateRecommendationsQuery.MaxSample);
    }
}

public sealed class EvaluateRecommendationsHandler(ILoyaltyDbContext db, TimeProvider clock) : IQueryHandler<EvaluateRecommendationsQuery, RecommendationEvaluationResponse>
{
    public async ValueTask<RecommendationEvaluationResponse> Handle(EvaluateRecommendationsQuery query, CancellationToken cancellationToken)
    {
        var k = query.K ?? EvaluateRecommendationsQuery.DefaultK;
        var since = clock.GetUtcNow() - PurchaseHabits.Window;
        // Members with two baskets or more, in id order (ids are random, so this is an unbiased sample).
        var profiled = db.MembersWithProfilingConsent();
        var sample = await db.PurchaseLines.AsNoTracking()
            .Where(l => l.PurchasedAt >= since && l.Category != null && profiled.Contains(l.MemberId))
            .GroupBy(l => l.MemberId)
            .Where(g => g.Select(l => l.PurchaseId).Distinct().Count() >= 2)
            .Select(g => g.Key)
            .OrderBy(id => id)
            .Take(query.Sample ?? EvaluateRecommendationsQuery.DefaultSample)
            .ToListAsync(cancellationToken);
        var purchases = await PurchaseHabits.PurchasesOfAsync(db, sample, since, cancellationToken);
        var result = RecommendationEvaluation.HitRateAt(k, purchases.Values, PurchaseHabits.MinBasketsTogether);
        return new RecommendationEvaluationResponse(result.K, result.Members, result.Hits, result.HitRate, result.BaselineHits, result.BaselineHitRate);
    }
}
