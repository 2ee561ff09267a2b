using Loyalty.Contracts.Common;

namespace Loyalty.Contracts.Admin;

/// <summary>Where a submitted tier scheme stands.</summary>
public enum TierSchemeVersionStatus
{
    /// <summary>Waiting for its effective time.</summary>
    Pending,
    Applied,
    Cancelled,
}

/// <summary>Thresholds by metric within the qualification window; null = not a way to qualify. Meeting any one set threshold suffices.</summary>
public sealed record TierThresholdsDto(long? PointsEarned = null, decimal? Spend = null, int? Visits = null);

/// <summary>What a tier gives: an earn multiplier (≥ 1), percent off reward prices, a support response time in hours, free perks.</summary>
public sealed record TierBenefitsDto(decimal EarnMultiplier = 1m, decimal RewardDiscountPercent = 0m, int? SupportResponseHours = null, IReadOnlyList<string>? Perks = null);

/// <summary>
/// One tier of a scheme. id: an existing tier this definition replaces (members in it stay in it); omit for a new tier.
/// retain: what keeping the tier takes at a review; omitted = the qualify thresholds.
/// </summary>
public sealed record TierDefinitionDto(Guid? Id, string Name, int Rank, TierThresholdsDto? Qualify, TierThresholdsDto? Retain, TierBenefitsDto? Benefits);

/// <summary>
/// A whole tier scheme. windowKind: rollingMonths | calendarYear | sinceLastChange (windowMonths for the first and last);
/// graceDays after a missed review before the downgrade; downgradeMode: oneTier | toQualifiedTier; spendCurrency: the
/// currency spend thresholds count in. effectiveFrom: when it takes effect (omitted = now).
/// </summary>
public sealed record TierSchemeRequest(
    DateTimeOffset? EffectiveFrom,
    QualificationWindowKind WindowKind,
    int WindowMonths,
    int GraceDays,
    DowngradeMode DowngradeMode,
    string SpendCurrency,
    IReadOnlyList<TierDefinitionDto> Tiers);

/// <summary>The scheme-wide qualification rules in force.</summary>
public sealed record TierSchemeSettingsDto(QualificationWindowKind WindowKind, int WindowMonths, int GraceDays, DowngradeMode DowngradeMode, string SpendCurrency);

/// <summary>
/// The tier scheme in force: its settings and current tiers (rank order), the version it came from (null before the
/// first version) and the version waiting to take effect, if any.
/// </summary>
public sealed record TierSchemeResponse(
    TierSchemeSettingsDto Settings,
    IReadOnlyList<TierResponse> Tiers,
    int? Version,
    DateTimeOffset? InForceSince,
    TierSchemeVersionResponse? Pending);

/// <summary>One submitted scheme. status: pending | applied | cancelled. definition: the scheme as submitted.</summary>
public sealed record TierSchemeVersionResponse(
    Guid Id,
    int Version,
    TierSchemeVersionStatus Status,
    DateTimeOffset EffectiveFrom,
    string CreatedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset? AppliedAt,
    DateTimeOffset? CancelledAt,
    string? CancelledBy,
    TierSchemeRequest Definition);
/// <summary>A member's tier as staff see it: the member's view plus the first page of their tier history.</summary>
public sealed record AdminMemberTierResponse(Guid MemberId, string MemberNumber, Member.MemberTierResponse Tier, Common.Page<Member.TierHistoryEntry> History);

/// <summary>
/// What a scheme would do to today's members as of asOf: how many would move up (qualify for a higher tier), down
/// (fall short of the new retention thresholds, or sit in a tier the scheme retires) or stay, and members per tier
/// now and after. Activity is measured in the new scheme's window ending at asOf.
/// </summary>
public sealed record TierSchemePreviewResponse(DateTimeOffset AsOf, int MembersEvaluated, int MovingUp, int MovingDown, int Unchanged, IReadOnlyList<TierPreviewCount> Tiers);

/// <summary>One tier's members now and after the change; id null for a tier the scheme would create; retired: in today's scheme only.</summary>
public sealed record TierPreviewCount(Guid? Id, string Name, int? Rank, bool Retired, int Now, int After);
