namespace Loyalty.Contracts.Admin;

/// <summary>How a member relates to the programme, read from behaviour (see the README, "Insight and care").</summary>
public enum MemberClass
{
    Loyal,
    General,
    Drifting,
}

/// <summary>Why a member is at risk of leaving.</summary>
public enum ChurnReasonKind
{
    Overdue,
    Lapsed,
    NeverBought,
    FewerVisits,
    SpendDown,

    /// <summary>The latest survey answer is a detractor's (NPS 0–6).</summary>
    Detractor,

    /// <summary>The member left and gave this reason (no points: closed members are not scored).</summary>
    LeavingReason,
}

public enum RetentionActionKind
{
    Call,
    Offer,
    GoodwillPoints,
}

public enum RetentionOutcome
{
    Pending,
    Returned,
    NotReturned,
}

/// <summary>
/// One scoring of every active member. retention: annual retention observed (the share of the year-before-last's
/// buyers who bought again in the last year), or the 0.5 default below 20 such buyers; valueMultiple: the lifetime-value
/// multiple r / (1 + 0.10 − r) applied to every member's annual value.
/// </summary>
public sealed record InsightRunResponse(
    Guid Id, DateTimeOffset AsOf, string Currency, int Members, long RetentionCohort, long RetentionRetained, double Retention, double ValueMultiple,
    DateTimeOffset CompletedAt, string TriggeredBy);

/// <summary>The facts a member's scores rest on, from their purchases as of the run (visits are purchases not returned in full; spend is net of returns).</summary>
public sealed record MemberInsightFacts(
    int TenureDays, int Visits, int VisitsLastYear, int VisitsLast90Days, int VisitsPrevious90Days, decimal NetSpendLastYear, decimal NetSpendLast90Days,
    DateTimeOffset? LastPurchaseAt, int? DaysSinceLastPurchase, double? UsualIntervalDays, double? IntervalSpread);

/// <summary>Recency, frequency and monetary quintiles, 1 (lowest fifth of the programme) to 5 (highest).</summary>
public sealed record RfmScores(int Recency, int Frequency, int Monetary);

public sealed record ChurnReasonResponse(ChurnReasonKind Kind, int Points, string Text);

/// <summary>
/// A member's scores in one run: lifetimeValue is the estimate in <c>currency</c>; valueRank 1 is the programme's most
/// valuable member and valueDecile 1 its most valuable tenth; explanation and churnReasons are worded from the facts.
/// </summary>
public sealed record MemberScoresResponse(
    Guid RunId, DateTimeOffset AsOf, Guid TierId, RfmScores Rfm, decimal LifetimeValue, string Currency, int ValueRank, int ValueDecile,
    MemberClass Class, string Explanation, int ChurnScore, IReadOnlyList<ChurnReasonResponse> ChurnReasons, MemberInsightFacts Facts);

/// <summary>A member's insight: the latest scores (null before the first run that included them) and the earlier runs, newest first, for movement.</summary>
public sealed record MemberInsightResponse(Guid MemberId, MemberScoresResponse? Latest, IReadOnlyList<MemberScoreHistoryItem> History);

public sealed record MemberScoreHistoryItem(Guid RunId, DateTimeOffset AsOf, decimal LifetimeValue, int ValueDecile, RfmScores Rfm, MemberClass Class, int ChurnScore);

public sealed record ValueDecileBucket(int Decile, int Members, decimal TotalLifetimeValue, decimal MinLifetimeValue, decimal MaxLifetimeValue);

public sealed record RfmCellCount(int Recency, int Frequency, int Monetary, int Members);

/// <summary>How value is spread in a run: members and value per decile, members per RFM cell (only cells with members).</summary>
public sealed record ValueDistributionResponse(Guid RunId, DateTimeOffset AsOf, string Currency, int Members, IReadOnlyList<ValueDecileBucket> Deciles, IReadOnlyList<RfmCellCount> RfmCells);

public sealed record ClassCounts(int Loyal, int General, int Drifting);

public sealed record ClassCountsByTier(Guid TierId, string TierName, ClassCounts Counts);

public sealed record ClassCountsBySegment(Guid SegmentId, string SegmentName, ClassCounts Counts);

/// <summary>The loyal / general / drifting split of a run, in total, per tier (the tier at the run) and per active segment (its current members).</summary>
public sealed record ClassSummaryResponse(Guid RunId, DateTimeOffset AsOf, ClassCounts Total, IReadOnlyList<ClassCountsByTier> ByTier, IReadOnlyList<ClassCountsBySegment> BySegment);

/// <summary>Members who moved from one class to another between two runs; from null = not scored in the earlier run (new or reactivated).</summary>
public sealed record ClassTransitionCount(MemberClass? From, MemberClass To, int Members);

public sealed record ClassTransitionsResponse(Guid? FromRunId, DateTimeOffset? FromAsOf, Guid ToRunId, DateTimeOffset ToAsOf, IReadOnlyList<ClassTransitionCount> Transitions);

/// <summary>An at-risk member with value and the reasons.</summary>
public sealed record AtRiskMemberResponse(
    Guid MemberId, string MemberNumber, string FirstName, string LastName, Guid TierId, int ChurnScore, IReadOnlyList<ChurnReasonResponse> Reasons,
    decimal LifetimeValue, string Currency, int ValueDecile, MemberClass Class, DateTimeOffset? LastPurchaseAt);

/// <summary>A ranking's quality in a backtest.</summary>
/// <param name="PrecisionAtTop10Percent">Share of members who stopped buying among the top 10 % by score.</param>
/// <param name="Auc">Probability that a member who stopped scores above one who stayed (0.5 = chance).</param>
public sealed record RankingQualityResponse(double PrecisionAtTop10Percent, double Auc);

/// <summary>
/// The churn score tested on history: members scored as of <c>asOf</c> from purchases before it (active members
/// enrolled before it with a purchase in the year before), then whether they bought in the 90 days after.
/// </summary>
public sealed record ChurnBacktestResponse(DateTimeOffset AsOf, int HorizonDays, int Members, int Churned, double ChurnRate, int Top, RankingQualityResponse Model, RankingQualityResponse RecencyBaseline);

/// <summary>
/// Record something done to keep a member. Goodwill points (kind goodwillPoints, with points) are credited through
/// the points adjustment, audited; offerId may name the personal offer made (kind offer); followUpDays (7–180,
/// default 30) is the window in which a purchase counts as the member coming back.
/// </summary>
public sealed record RecordRetentionActionRequest(RetentionActionKind Kind, string Note, long? Points = null, Guid? OfferId = null, int? FollowUpDays = null);

public sealed record RetentionActionResponse(
    Guid Id, Guid MemberId, RetentionActionKind Kind, string Note, long? Points, long? LedgerEntryId, Guid? OfferId, int? ChurnScore, int? ValueDecile,
    int FollowUpDays, DateTimeOffset TakenAt, string TakenBy, RetentionOutcome Outcome, DateTimeOffset? ReturnedAt);

/// <summary>Per kind of action: how many were taken, how many have been judged, and the share of judged ones after which the member came back.</summary>
public sealed record RetentionKindReport(RetentionActionKind Kind, int Actions, int Pending, int Returned, int NotReturned, double? ReturnRate);

public sealed record RetentionReportResponse(DateTimeOffset? From, DateTimeOffset? To, IReadOnlyList<RetentionKindReport> Kinds);
