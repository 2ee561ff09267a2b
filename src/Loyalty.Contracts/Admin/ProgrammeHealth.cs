using Loyalty.Contracts.Common;

namespace Loyalty.Contracts.Admin;

/// <summary>
/// Programme health per calendar month (UTC), from the monthly figures the insight refresh stores. A visit is a purchase
/// not returned in full; a month's buyers (active members) are the members with a visit in it.
/// </summary>
/// <param name="From">First month, 'yyyy-MM'.</param>
/// <param name="To">Last month, 'yyyy-MM' (at most 36 months from the first).</param>
/// <param name="Months">One entry per month of the range, oldest first.</param>
public sealed record ProgrammeHealthResponse(string From, string To, IReadOnlyList<ProgrammeHealthMonthResponse> Months);

/// <summary>
/// One month of programme health. computed is false (every figure zero or null) for a month no refresh has rolled up
/// yet. Rates are 0–1 and null when their denominator is zero:
/// retentionRate = retainedMembers ÷ previousActiveMembers (buyers of the month before who bought again in this one);
/// churnRate = 1 − retentionRate; repeatPurchaseRate = repeatBuyers ÷ activeMembers (buyers with ≥ 2 visits in the month).
/// </summary>
public sealed record ProgrammeHealthMonthResponse(
    string Month,
    bool Computed,
    DateTimeOffset? ComputedAt,
    long ActiveMembers,
    long PreviousActiveMembers,
    long RetainedMembers,
    double? RetentionRate,
    double? ChurnRate,
    long RepeatBuyers,
    double? RepeatPurchaseRate,
    long Visits,
    NewMembersFigures NewMembers,
    PointsFlowFigures Points,
    NpsFigures Nps);

/// <summary>
/// Members enrolled in the month (merged duplicates excluded): per enrolment channel, how many a referral brought
/// (a referral names them as referee), and per campaign whose enrolment bonus they received (a member may count
/// under several campaigns, or none).
/// </summary>
public sealed record NewMembersFigures(long Total, long Referred, IReadOnlyList<ChannelCount> ByChannel, IReadOnlyList<CampaignCount> ByCampaign);

public sealed record ChannelCount(EnrolmentChannel Channel, long Members);

public sealed record CampaignCount(Guid CampaignId, string Name, long Members);

/// <summary>
/// Ledger movements of the month as the liability report counts them: issued = earn + bonus (pending included),
/// redeemed, expired; redemptionRate = redeemed ÷ issued (null when nothing was issued).
/// </summary>
public sealed record PointsFlowFigures(long Issued, long Redeemed, long Expired, double? RedemptionRate);

/// <summary>
/// Survey answers given in the month with an NPS score: promoters answered 9–10, detractors 0–6;
/// score = (promoters − detractors) ÷ answers × 100, −100 to 100, null without answers.
/// </summary>
public sealed record NpsFigures(long Answers, long Promoters, long Detractors, double? Score);

/// <summary>
/// Which campaigns and offers won the members who became most valuable, valued by the latest insight run (lifetime
/// value; members the run did not score, e.g. who left, count as zero). Campaigns have no control group, so no
/// uplift is reported for them; offers held out a control group at publication, and their uplift is treatment
/// minus control per member.
/// </summary>
/// <param name="RunId">The insight run the values come from; null before the first run (every value is then zero).</param>
/// <param name="AsOf">That run's instant.</param>
/// <param name="Currency">The currency of every value and spend.</param>
/// <param name="SpendMonths">The months after an offer's start over which each group's net spend is summed.</param>
/// <param name="Campaigns">Ordered by the average lifetime value of the members they acquired, highest first.</param>
/// <param name="Offers">Ordered by lifetime-value uplift (offers without a control group last).</param>
public sealed record CampaignValueResponse(
    Guid? RunId, DateTimeOffset? AsOf, string Currency, int SpendMonths, IReadOnlyList<CampaignValueItem> Campaigns, IReadOnlyList<OfferValueItem> Offers);

/// <summary>
/// Members of a group with their value in the run: scored = how many the run scored; averageLifetimeValue = total
/// lifetime value ÷ members; topTwoDeciles = members in value deciles 1–2 (the most valuable fifth).
/// </summary>
public sealed record MemberGroupValue(long Members, long Scored, decimal TotalLifetimeValue, decimal? AverageLifetimeValue, long TopTwoDeciles);

/// <summary>A campaign: acquired = members who joined with its enrolment bonus; reached = members who earned under it on a purchase.</summary>
public sealed record CampaignValueItem(Guid CampaignId, string Name, MemberGroupValue Acquired, MemberGroupValue Reached);

/// <summary>An offer group's members, their value in the run and their net spend in the months after the offer started (per member).</summary>
public sealed record OfferGroupValue(long Members, long Scored, decimal? AverageLifetimeValue, decimal? SpendPerMember);

/// <summary>A published offer: the treated members against the control group held out (null when the offer had none).</summary>
public sealed record OfferValueItem(
    Guid OfferId, string Name, DateTimeOffset StartsAt, decimal ControlShare, OfferGroupValue Treatment, OfferGroupValue? Control,
    decimal? LifetimeValueUplift, decimal? SpendUpliftPerMember);
