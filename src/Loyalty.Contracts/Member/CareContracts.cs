using Loyalty.Contracts.Common;

namespace Loyalty.Contracts.Member;

/// <summary>A complaint or service request from the app; purchase and store are optional.</summary>
public sealed record OpenMyCaseRequest(CaseCategory Category, CaseSeverity Severity, string Title, string Description, Guid? PurchaseId = null, Guid? StoreId = null);

/// <summary>
/// One of my cases: where it stands, the next step with its due time, and the steps so far (with staff's notes).
/// <c>serviceLevelDueAt</c> is when a first response is promised (from my tier).
/// </summary>
public sealed record MyCaseResponse(
    Guid Id,
    CaseCategory Category,
    CaseChannel Channel,
    CaseSeverity Severity,
    string Title,
    string Description,
    CaseStatus Status,
    DateTimeOffset OpenedAt,
    DateTimeOffset ServiceLevelDueAt,
    DateTimeOffset? FirstResponseAt,
    string? NextStep,
    DateTimeOffset? NextStepDueAt,
    DateTimeOffset? ResolvedAt,
    CaseOutcome? Outcome,
    string? Resolution,
    long GoodwillPoints,
    IReadOnlyList<CaseStepResponse> Steps);

/// <summary>A survey waiting for my answer; <c>dimensions</c> are the service dimensions to rate (expected and perceived, 1–5 each).</summary>
public sealed record MySurveyResponse(Guid Id, SurveyTouchpoint Touchpoint, DateTimeOffset RequestedAt, DateTimeOffset ExpiresAt, Guid? StoreId, IReadOnlyList<string> Dimensions);

/// <summary>Expected and perceived for one service dimension, 1–5 each.</summary>
public sealed record DimensionAnswer(string Dimension, int Expected, int Perceived);

/// <summary>CSAT 1–5, NPS 0–10 (how likely I would recommend the club), optional free text, and the dimensions.</summary>
public sealed record AnswerSurveyRequest(int Csat, int Nps, string? Comment = null, IReadOnlyList<DimensionAnswer>? Dimensions = null);

public sealed record SurveyAnsweredResponse(Guid Id, DateTimeOffset AnsweredAt);
