namespace Loyalty.Contracts.Admin;

/// <summary>Adds one tier, qualified for by points earned, to the current scheme (a new scheme version, effective now).</summary>
public sealed record CreateTierRequest(string Name, int Rank, decimal EarnMultiplier, long QualificationThreshold);

/// <summary>
/// A current tier. qualify: any one threshold reaches it within the window; retain: any one keeps it at a review
/// (equal to qualify when the scheme sets none). qualificationThreshold: the points-earned threshold (0 when the tier
/// is not reached by points) — kept for older clients; use qualify.
/// </summary>
public sealed record TierResponse(
    Guid Id,
    string Name,
    int Rank,
    decimal EarnMultiplier,
    long QualificationThreshold,
    DateTimeOffset CreatedAt,
    TierThresholdsDto Qualify,
    TierThresholdsDto Retain,
    TierBenefitsDto Benefits,
    DateTimeOffset UpdatedAt);
