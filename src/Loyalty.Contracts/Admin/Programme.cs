namespace Loyalty.Contracts.Admin;

public sealed record CreateTierRequest(string Name, int Rank, decimal EarnMultiplier, long QualificationThreshold);

public sealed record TierResponse(Guid Id, string Name, int Rank, decimal EarnMultiplier, long QualificationThreshold, DateTimeOffset CreatedAt);
