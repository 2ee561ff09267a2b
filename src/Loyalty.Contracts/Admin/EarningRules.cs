using Loyalty.Contracts.Common;
using Loyalty.Contracts.Partner;

namespace Loyalty.Contracts.Admin;

/// <summary>What an earning rule does.</summary>
public enum EarningRuleKind
{
    /// <summary>Points per whole currency unit.</summary>
    BaseRate,

    /// <summary>Multiplies the base points of the lines it matches.</summary>
    Multiplier,

    /// <summary>A fixed number of points when its trigger fires.</summary>
    FixedBonus,
}

/// <summary>When a fixed bonus fires.</summary>
public enum BonusTrigger
{
    EveryPurchase,
    FirstPurchase,
    BirthdayMonth,
    NthVisit,
    Enrolment,
    Anniversary,
}

/// <summary>When a birthday or anniversary bonus is credited.</summary>
public enum BonusGrantOn
{
    /// <summary>On each purchase in the birthday or anniversary month.</summary>
    Purchase,

    /// <summary>By the daily job on the day itself, without a purchase, once per member per year.</summary>
    Day,
}

/// <summary>Where a campaign stands at the time of the response.</summary>
public enum CampaignStatus
{
    Scheduled,
    Running,
    Ended,
}

/// <summary>
/// Where a rule applies; every field is optional and null means "no restriction" (a list, when given, is never empty).
/// Categories and SKUs select basket lines: a line matches when its category or its SKU is listed.
/// <see cref="MinimumSpend"/> counts the matching lines (the whole basket without categories or SKUs) and needs the rule's currency.
/// <see cref="MinimumMembershipMonths"/> is the long-tenure perk: e.g. 36 for members of at least three years.
/// </summary>
public sealed record EarningRuleConditions(
    decimal? MinimumSpend = null,
    IReadOnlyList<Guid>? TierIds = null,
    IReadOnlyList<Guid>? PartnerIds = null,
    IReadOnlyList<Guid>? StoreIds = null,
    IReadOnlyList<string>? Categories = null,
    IReadOnlyList<string>? Skus = null,
    int? MinimumMembershipMonths = null);

/// <summary>
/// A rule as marketing staff write it (create, and every update: an update is a full new version).
/// <see cref="Kind"/>: baseRate (pointsPerCurrencyUnit + currency), multiplier (factor &gt; 1, e.g. 2.0 = double points)
/// or fixedBonus (points + trigger: everyPurchase, firstPurchase, birthdayMonth, nthVisit with visitNumber, enrolment,
/// anniversary — of the membership, from the year after enrolment).
/// <see cref="GrantOn"/> (birthday and anniversary bonuses only): <c>purchase</c> (default) credits the bonus on each purchase in
/// the birthday or anniversary month; <c>day</c> has a daily job credit it on the day itself, without a purchase, once per member
/// per year, to active members only (29 February is celebrated on 28 February in other years; no caps, spend, categories or SKUs; partnerIds and storeIds
/// then mean where the member enrolled).
/// Caps are per member per UTC calendar day/month.
/// </summary>
public sealed record EarningRuleRequest(
    string Name,
    EarningRuleKind Kind = EarningRuleKind.BaseRate,
    string? Currency = null,
    decimal? PointsPerCurrencyUnit = null,
    decimal? Factor = null,
    long? Points = null,
    BonusTrigger? Trigger = null,
    int? VisitNumber = null,
    int Priority = 0,
    string? ExclusiveGroup = null,
    Guid? CampaignId = null,
    EarningRuleConditions? Conditions = null,
    long? DailyCap = null,
    long? MonthlyCap = null,
    BonusGrantOn? GrantOn = null);

/// <summary>One version of a rule. <see cref="Id"/> is stable across versions; the newest version is the rule's current state.</summary>
public sealed record EarningRuleResponse(
    Guid Id,
    int Version,
    string Name,
    EarningRuleKind Kind,
    string? Currency,
    decimal? PointsPerCurrencyUnit,
    decimal? Factor,
    long? Points,
    BonusTrigger? Trigger,
    int? VisitNumber,
    int Priority,
    string? ExclusiveGroup,
    Guid? CampaignId,
    EarningRuleConditions Conditions,
    long? DailyCap,
    long? MonthlyCap,
    BonusGrantOn GrantOn,
    bool IsActive,
    DateTimeOffset CreatedAt,
    string CreatedBy,
    DateTimeOffset? SupersededAt);

/// <summary>A rule's current version and all its versions, newest first.</summary>
public sealed record EarningRuleDetailResponse(EarningRuleResponse Rule, IReadOnlyList<EarningRuleResponse> Versions);

/// <summary>
/// A campaign: its rules apply only inside [from, until) and, when given, on these weekdays and in
/// [fromHour, untilHour) — all in UTC — and for these tiers or partners.
/// </summary>
public sealed record CampaignRequest(
    string Name,
    DateTimeOffset From,
    DateTimeOffset? Until = null,
    [property: MultilineText] string? Description = null,
    IReadOnlyList<DayOfWeek>? Weekdays = null,
    int? FromHour = null,
    int? UntilHour = null,
    IReadOnlyList<Guid>? TierIds = null,
    IReadOnlyList<Guid>? PartnerIds = null);

public sealed record CampaignResponse(
    Guid Id,
    string Name,
    string? Description,
    DateTimeOffset From,
    DateTimeOffset? Until,
    IReadOnlyList<DayOfWeek>? Weekdays,
    int? FromHour,
    int? UntilHour,
    IReadOnlyList<Guid>? TierIds,
    IReadOnlyList<Guid>? PartnerIds,
    CampaignStatus Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? EndedAt);

/// <summary>A campaign with the current version of each of its rules (active or not).</summary>
public sealed record CampaignDetailResponse(CampaignResponse Campaign, IReadOnlyList<EarningRuleResponse> Rules);

/// <summary>
/// "What would this basket earn?" for a member (by number) or for a brand-new member of a tier (no purchases
/// yet, no birthday, enrolled at the purchase time). Exactly one of <see cref="MemberNumber"/> and <see cref="TierId"/>.
/// </summary>
public sealed record SimulateEarningRequest(
    Guid StoreId,
    decimal Amount,
    string Currency,
    string? MemberNumber = null,
    Guid? TierId = null,
    DateTimeOffset? PurchasedAt = null,
    IReadOnlyList<PurchaseLineRequest>? Lines = null);

/// <summary>A recorded purchase with the breakdown it earned, as the rules were then.</summary>
public sealed record AdminPurchaseResponse(
    Guid Id,
    string ExternalId,
    Guid MemberId,
    string MemberNumber,
    Guid PartnerId,
    Guid StoreId,
    decimal Amount,
    string Currency,
    DateTimeOffset PurchasedAt,
    DateTimeOffset RecordedAt,
    long PointsEarned,
    IReadOnlyList<EarnLineResponse> Breakdown);
