namespace Loyalty.Contracts.Admin;

public sealed record CreateTierRequest(string Name, int Rank, decimal EarnMultiplier, long QualificationThreshold);

public sealed record TierResponse(Guid Id, string Name, int Rank, decimal EarnMultiplier, long QualificationThreshold, DateTimeOffset CreatedAt);

/// <summary>Creates the new base earning rule; the previous one is superseded but kept to explain past purchases.</summary>
public sealed record CreateEarningRuleRequest(string Name, decimal PointsPerCurrencyUnit, string Currency);

public sealed record EarningRuleResponse(Guid Id, string Name, decimal PointsPerCurrencyUnit, string Currency, bool IsActive, DateTimeOffset CreatedAt, DateTimeOffset? SupersededAt);
