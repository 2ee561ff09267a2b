namespace Loyalty.Contracts.Admin;

/// <summary>
/// Members of one tier (the tier at the run) by churn-risk band: low (score below 25), medium (25–49), high (50 and
/// up, the at-risk list's default threshold); meanChurnScore is null for a tier with no scored member.
/// </summary>
public sealed record ChurnRiskTier(Guid TierId, string TierName, int Members, int Low, int Medium, int High, decimal? MeanChurnScore);

/// <summary>Churn risk by tier in the latest run, tiers in rank order.</summary>
public sealed record ChurnRiskByTierResponse(Guid RunId, DateTimeOffset AsOf, IReadOnlyList<ChurnRiskTier> Tiers);
