namespace Loyalty.Contracts.Member;

/// <summary>Thresholds by metric; null = not a way to reach the tier. Any one suffices.</summary>
public sealed record TierRequirement(long? PointsEarned, decimal? Spend, int? Visits);

/// <summary>
/// What a tier gives: points multiplier, percent off reward prices, promised member-care response time in hours
/// (null = standard service), free perks.
/// </summary>
public sealed record TierPerks(decimal EarnMultiplier, decimal RewardDiscountPercent, int? SupportResponseHours, IReadOnlyList<string> Perks);

/// <summary>One rung of the ladder. qualify is null for the entry tier (everyone has it).</summary>
public sealed record TierRung(Guid Id, string Name, int Rank, bool IsMine, TierRequirement? Qualify, TierRequirement? Retain, TierPerks Benefits);

/// <summary>
/// The club's tiers, lowest first. Qualifying activity counts within the window: windowKind rollingMonths (the last
/// windowMonths months), calendarYear, or sinceLastChange; spend counts in spendCurrency.
/// </summary>
public sealed record TierLadderResponse(Guid MyTierId, string WindowKind, int WindowMonths, string SpendCurrency, IReadOnlyList<TierRung> Tiers);
