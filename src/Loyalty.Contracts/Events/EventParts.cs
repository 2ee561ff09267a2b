namespace Loyalty.Contracts.Events;

/// <summary>A tier as events name it.</summary>
public sealed record EventTier(Guid Id, string Name, int Rank);

/// <summary>The tier a member enrolled into.</summary>
public sealed record EnrolmentTier(Guid Id, string Name);

/// <summary>The qualifying activity measured for a tier change.</summary>
public sealed record TierChangeActivity(long PointsEarned, decimal Spend, int Visits);
