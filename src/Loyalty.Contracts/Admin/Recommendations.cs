namespace Loyalty.Contracts.Admin;

/// <summary>What a programme-wide refresh of the next best offers did.</summary>
/// <param name="Members">Members whose recommendations were recomputed.</param>
/// <param name="Recommendations">Recommendations stored.</param>
/// <param name="CoPurchasePairs">Category pairs learnt from baskets ("members who bought X also bought Y").</param>
/// <param name="ComputedAt">When the refresh ran.</param>
public sealed record RecommendationRefreshResponse(int Members, int Recommendations, int CoPurchasePairs, DateTimeOffset ComputedAt);

/// <summary>
/// Leave-last-out hit rate: each sampled member's last purchase is hidden, recommendations come from the rest, and a
/// hit is a hidden basket holding one of the top k categories. The baseline recommends the k most popular categories to everyone.
/// </summary>
public sealed record RecommendationEvaluationResponse(int K, int Members, int Hits, double HitRate, int BaselineHits, double BaselineHitRate);
