namespace Loyalty.Contracts.Common;

/// <summary>A tier as members and partners see it.</summary>
public sealed record TierSummary(Guid Id, string Name, int Rank);
