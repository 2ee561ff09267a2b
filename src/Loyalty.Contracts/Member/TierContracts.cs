using Loyalty.Contracts.Common;

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
public sealed record TierLadderResponse(Guid MyTierId, QualificationWindowKind WindowKind, int WindowMonths, string SpendCurrency, IReadOnlyList<TierRung> Tiers);

/// <summary>What a tier gives: earn multiplier, percent off reward prices, support response time in hours, free perks.</summary>
public sealed record TierBenefitsResponse(decimal EarnMultiplier, decimal RewardDiscountPercent, int? SupportResponseHours, IReadOnlyList<string> Perks);

/// <summary>Activity within a window [windowStart, windowEnd]: points earned on purchases net of returns, spend in the programme's currency net of returns, visits.</summary>
public sealed record TierActivityResponse(long PointsEarned, decimal Spend, string Currency, int Visits, DateTimeOffset WindowStart, DateTimeOffset WindowEnd);

/// <summary>What is still missing, by each metric the tier uses (null = not a way to get there; 0 = met). Any one suffices.</summary>
public sealed record TierRemainingResponse(long? PointsEarned, decimal? Spend, int? Visits);

/// <summary>The way to the next tier up. by: the deadline (exclusive), null for a rolling window.</summary>
public sealed record NextTierProgressResponse(TierSummary Tier, TierRemainingResponse Remaining, bool Qualified, DateTimeOffset? By);

/// <summary>What keeping the current tier takes at the review (or by the end of grace).</summary>
public sealed record TierRetentionResponse(TierRemainingResponse Remaining, bool Met, DateTimeOffset By, TierActivityResponse Activity);

/// <summary>
/// A member's tier: since when, the next review and any grace period, activity in the qualification window, the way
/// to the next tier, what keeping this one takes, and all of it in one sentence (progress).
/// </summary>
public sealed record MemberTierResponse(
    TierSummary Tier,
    TierBenefitsResponse Benefits,
    DateTimeOffset Since,
    DateTimeOffset? ReviewAt,
    DateTimeOffset? GraceUntil,
    TierActivityResponse Activity,
    NextTierProgressResponse? Next,
    TierRetentionResponse? Retention,
    string Progress);

/// <summary>One move between tiers and the activity that decided it. reason: enrolment | qualified | downgraded | schemeChanged | merged | admin.</summary>
public sealed record TierHistoryEntry(long Id, TierSummary? From, TierSummary To, TierChangeReason Reason, long? PointsEarned, decimal? Spend, int? Visits, DateTimeOffset OccurredAt);
