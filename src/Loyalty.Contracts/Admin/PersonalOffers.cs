using Loyalty.Contracts.Common;

namespace Loyalty.Contracts.Admin;

/// <summary>
/// A personal offer as created or replaced (PUT sends the whole draft). Its audience is either memberIds (at most
/// 10,000 named members) or segmentId (the segment's members when it is published), not both; only members with
/// marketing consent (any channel) are targeted. controlShare (0 to 0.5) of them is held out at random on publication. The window includes
/// startsAt and excludes endsAt (UTC). interests (interest topic codes, optional) name what the offer is about: on
/// publication, treated members interested in one of them are notified (within the frequency cap, with consent).
/// </summary>
public sealed record PersonalOfferRequest(
    string Name,
    [property: MultilineText] string? Description,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    int PerMemberLimit,
    bool RequiresActivation,
    decimal ControlShare,
    OfferBenefitDto Benefit,
    IReadOnlyList<Guid>? MemberIds,
    Guid? SegmentId = null,
    IReadOnlyList<string>? Interests = null);

/// <summary>A personal offer as staff see it; the audience counts are fixed at publication.</summary>
public sealed record PersonalOfferResponse(
    Guid Id,
    string Name,
    string Description,
    OfferStatus Status,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    int PerMemberLimit,
    bool RequiresActivation,
    decimal ControlShare,
    OfferBenefitDto Benefit,
    Guid? SegmentId,
    int TargetedMembers,
    int TreatmentMembers,
    int ControlMembers,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? PublishedAt,
    DateTimeOffset? WithdrawnAt,
    IReadOnlyList<string> Interests);

/// <summary>One group of an offer's report: its members and what they did in the offer's window.</summary>
/// <param name="Members">Members in the group.</param>
/// <param name="Spend">Their total spend in the window (purchases in the report's currency, less returns).</param>
/// <param name="Visits">Their purchases in the window.</param>
/// <param name="SpendPerMember">Spend / members (0 for an empty group).</param>
/// <param name="VisitsPerMember">Visits / members (0 for an empty group).</param>
public sealed record OfferGroupFigures(int Members, decimal Spend, long Visits, decimal SpendPerMember, decimal VisitsPerMember);

/// <summary>
/// How a personal offer performs: reach (treated members), activations, redemptions (purchases that used it), and the
/// treated members' spend and visits in the window against the control group's, per member, with the difference
/// (treatment − control) as the offer's incremental effect. The window is the offer's, cut at now (or withdrawal).
/// </summary>
public sealed record PersonalOfferReportResponse(
    Guid OfferId,
    OfferStatus Status,
    DateTimeOffset From,
    DateTimeOffset To,
    string Currency,
    int Reach,
    int Activations,
    int Redeemers,
    long Redemptions,
    long PointsAwarded,
    OfferGroupFigures Treatment,
    OfferGroupFigures Control,
    decimal IncrementalSpendPerMember,
    decimal IncrementalVisitsPerMember);
