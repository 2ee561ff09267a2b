using Loyalty.Contracts.Common;

namespace Loyalty.Contracts.Admin;

/// <summary>
/// Staff open a case for a member (phone, e-mail, till or on behalf of the app). <c>owner</c> is the staff user
/// (token subject) who works it; by default the member's account manager, else the programme's care desk.
/// </summary>
public sealed record OpenCaseRequest(CaseCategory Category, CaseChannel Channel, CaseSeverity Severity, string Title, string Description, Guid? PurchaseId = null, Guid? StoreId = null, string? Owner = null);

/// <summary>What was done (the member reads the note) and the next step with its due time; the first one is the first response.</summary>
public sealed record ProgressCaseRequest(string Note, string NextStep, DateTimeOffset NextStepDueAt);

public sealed record ReassignCaseRequest(string Owner);

/// <summary>Resolve with an outcome; <c>goodwillPoints</c> (0 = none) are credited to the member through the ledger, once.</summary>
public sealed record ResolveCaseRequest(CaseOutcome Outcome, string Resolution, long GoodwillPoints = 0);

/// <summary>
/// A case as staff work it. <c>due</c>: the next step's due time has come. <c>serviceLevelBreached</c>: no first
/// response by <c>serviceLevelDueAt</c>; <c>escalatedTo</c> is the care lead it went to.
/// </summary>
public sealed record CaseResponse(
    Guid Id,
    Guid MemberId,
    string MemberNumber,
    Guid TierId,
    CaseCategory Category,
    CaseChannel Channel,
    CaseSeverity Severity,
    string Title,
    string Description,
    Guid? PurchaseId,
    Guid? StoreId,
    Guid? PartnerId,
    string Owner,
    string OpenedBy,
    DateTimeOffset OpenedAt,
    bool Priority,
    int ResponseHours,
    DateTimeOffset ServiceLevelDueAt,
    DateTimeOffset? FirstResponseAt,
    bool ServiceLevelBreached,
    int StepNumber,
    string? NextStep,
    DateTimeOffset? NextStepDueAt,
    bool Due,
    DateTimeOffset? EscalatedAt,
    string? EscalatedTo,
    CaseStatus Status,
    DateTimeOffset? ResolvedAt,
    CaseOutcome? Outcome,
    string? Resolution,
    long GoodwillPoints,
    long? GoodwillLedgerEntryId,
    IReadOnlyList<CaseStepResponse> Steps);

/// <summary>Cases opened in the period, counted by category.</summary>
public sealed record CaseCategoryCount(CaseCategory Category, int Opened, int Resolved);

/// <summary>Times per tier (the member's tier when the case opened), in hours; shares 0..1.</summary>
public sealed record CaseTierTimes(Guid TierId, string TierName, int Cases, decimal? MeanHoursToFirstResponse, decimal? MeanHoursToResolution, decimal? WithinServiceLevelShare);

/// <summary>How long step <c>number</c> took on average (set → done), and how many were done after their due time.</summary>
public sealed record CaseStepTimes(int Number, int Completed, decimal? MeanHours, int Late);

/// <summary>A member with more than one case in the period.</summary>
public sealed record RepeatComplainant(Guid MemberId, string MemberNumber, int Cases);

/// <summary>
/// Care report for cases opened in [from, to): by category, first response and resolution times per tier, time per
/// step, the share answered within the service level (of cases whose service level has run out or were answered), and
/// repeat complaints per member.
/// </summary>
public sealed record CaseReportResponse(
    DateTimeOffset From,
    DateTimeOffset To,
    int Opened,
    int Resolved,
    int Escalated,
    decimal? WithinServiceLevelShare,
    decimal? MeanHoursToFirstResponse,
    decimal? MeanHoursToResolution,
    IReadOnlyList<CaseCategoryCount> ByCategory,
    IReadOnlyList<CaseTierTimes> ByTier,
    IReadOnlyList<CaseStepTimes> BySteps,
    IReadOnlyList<RepeatComplainant> RepeatComplaints);

/// <summary>One answered survey with what it is linked to (tier when answered, store and partner of the touchpoint).</summary>
public sealed record SurveyAnswerResponse(
    Guid Id,
    Guid MemberId,
    SurveyTouchpoint Touchpoint,
    Guid TouchpointId,
    Guid TierId,
    Guid? StoreId,
    Guid? PartnerId,
    DateTimeOffset RequestedAt,
    DateTimeOffset AnsweredAt,
    int Csat,
    int Nps,
    string? Comment,
    IReadOnlyList<DimensionScore> Dimensions);

public sealed record DimensionScore(string Dimension, int Expected, int Perceived);

/// <summary>Mean expected and perceived of one service dimension, and the gap (perceived − expected; negative = below expectations).</summary>
public sealed record DimensionGap(string Dimension, int Answers, decimal? Expected, decimal? Perceived, decimal? Gap);

/// <summary>Satisfaction of one group (a touchpoint, or a tier): NPS −100..100, mean CSAT, and the gap per dimension.</summary>
public sealed record SatisfactionGroup(string Key, int Answers, decimal? Nps, decimal? Csat, IReadOnlyList<DimensionGap> Gaps);

/// <summary>Surveys answered in [from, to), overall, per touchpoint and per tier (by name).</summary>
public sealed record SatisfactionReportResponse(DateTimeOffset From, DateTimeOffset To, int Requested, int Answered, decimal? Nps, decimal? Csat, IReadOnlyList<DimensionGap> Gaps, IReadOnlyList<SatisfactionGroup> ByTouchpoint, IReadOnlyList<SatisfactionGroup> ByTier);

public sealed record LeavingReasonCount(LeavingReason Reason, int Self, int Staff, int Total);

/// <summary>Reasons for leaving given in [from, to), with the latest free texts.</summary>
public sealed record LeavingReasonsReportResponse(DateTimeOffset From, DateTimeOffset To, int Total, IReadOnlyList<LeavingReasonCount> ByReason, IReadOnlyList<LeavingReasonText> LatestTexts);

public sealed record LeavingReasonText(Guid MemberId, LeavingReason Reason, LeavingReasonSource Source, string Text, DateTimeOffset At);
