using Loyalty.Contracts.Common;

namespace Loyalty.Contracts.Admin;

/// <summary>What a segment rule tests; all, any and none combine the rules in <c>rules</c>.</summary>
public enum SegmentRuleKind
{
    All,
    Any,
    None,
    Tier,
    PointsBalance,
    Spend,
    Visits,
    DaysSinceLastPurchase,
    TenureDays,
    Store,
    Partner,
    City,
    Interest,
    Consent,
    Household,
    Score,
}

/// <summary>
/// One node of a segment definition. Set only the fields the kind uses (others are refused): all/any/none → rules;
/// tier → tierIds; pointsBalance → min/max points; spend → windowDays, currency, min/max amount (net of returns);
/// visits → windowDays, min/max purchases; daysSinceLastPurchase, tenureDays → min/max days; store, partner, city →
/// storeIds, partnerIds, cities (with an optional windowDays); interest → topics (codes); consent → purpose
/// (+ channel for marketing); household → isHead (optional); score → score name, min/max or values. Bounds include
/// their ends; a missing bound is open.
/// </summary>
public sealed record SegmentRuleDto(
    SegmentRuleKind Kind,
    IReadOnlyList<SegmentRuleDto>? Rules = null,
    IReadOnlyList<Guid>? TierIds = null,
    IReadOnlyList<Guid>? StoreIds = null,
    IReadOnlyList<Guid>? PartnerIds = null,
    IReadOnlyList<string>? Cities = null,
    decimal? Min = null,
    decimal? Max = null,
    int? WindowDays = null,
    string? Currency = null,
    IReadOnlyList<string>? Topics = null,
    ConsentPurpose? Purpose = null,
    ContactChannel? Channel = null,
    bool? IsHead = null,
    string? Score = null,
    IReadOnlyList<string>? Values = null);

/// <summary>A segment as created or replaced: its name and rule tree. The members change at the next refresh.</summary>
public sealed record SegmentRequest(string Name, [property: MultilineText] string? Description, SegmentRuleDto Definition);

/// <summary>A definition to count before saving.</summary>
public sealed record SegmentPreviewRequest(SegmentRuleDto Definition);

/// <summary>A member as a segment list shows them.</summary>
public sealed record SegmentMemberSummary(Guid MemberId, string MemberNumber, string FirstName, string LastName);

/// <summary>How many active members match a definition now, and a few of them (by member number).</summary>
public sealed record SegmentPreviewResponse(int Count, IReadOnlyList<SegmentMemberSummary> Sample, DateTimeOffset ComputedAt);

public sealed record SegmentResponse(
    Guid Id,
    string Name,
    string? Description,
    SegmentRuleDto Definition,
    int MemberCount,
    DateTimeOffset? LastRefreshedAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? ArchivedAt);

/// <summary>What one refresh changed.</summary>
public sealed record SegmentRefreshResponse(Guid SegmentId, int Entered, int Left, int MemberCount, DateTimeOffset RefreshedAt);

/// <summary>A member in the segment now, since <c>enteredAt</c>.</summary>
public sealed record SegmentMemberResponse(Guid MemberId, string MemberNumber, string FirstName, string LastName, DateTimeOffset EnteredAt);

public enum SegmentChange
{
    Entered,
    Left,
}

/// <summary>One entry into or exit from the segment.</summary>
public sealed record SegmentMembershipChangeResponse(long Id, Guid MemberId, string MemberNumber, SegmentChange Change, DateTimeOffset At);
