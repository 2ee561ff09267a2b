using Loyalty.Domain.Common;

namespace Loyalty.Domain.Structural.Outbox;

/// <summary>
/// An event for the outside world (webhooks, notifications), written in the same transaction as the change it
/// reports, so it exists exactly when the change does. Delivery happens afterwards, from this table.
/// </summary>
public sealed class OutboxMessage
{
    private OutboxMessage()
    {
    }

    public Guid Id { get; private set; }

    /// <summary>Dotted event name, e.g. <c>points.earned</c>.</summary>
    public string Type { get; private set; } = "";

    /// <summary>The member the event is about, when there is one: delivery keeps a member's events in order.</summary>
    public Guid? MemberId { get; private set; }

    /// <summary>The partner the event concerns, when there is one (a partner's webhooks see only their own).</summary>
    public Guid? PartnerId { get; private set; }

    /// <summary>The event's data as JSON (camelCase).</summary>
    public string Payload { get; private set; } = "";

    public DateTimeOffset OccurredAt { get; private set; }

    public static OutboxMessage Create(string type, Guid? memberId, Guid? partnerId, string payload, DateTimeOffset now) =>
        new() { Id = EntityId.New(), Type = type, MemberId = memberId, PartnerId = partnerId, Payload = payload, OccurredAt = now };
}

/// <summary>The event names the platform writes; receivers filter on them.</summary>
public static class EventTypes
{
    public const string PointsEarned = "points.earned";
    public const string PointsRedeemed = "points.redeemed";
    public const string PointsReversed = "points.reversed";
    public const string PointsExpiring = "points.expiring";
    public const string PointsExpired = "points.expired";
    public const string RewardRedeemed = "reward.redeemed";
    public const string MemberSuspended = "member.suspended";
    public const string MemberReactivated = "member.reactivated";
    public const string MemberClosed = "member.closed";
    public const string MemberMerged = "member.merged";
    public const string MemberErased = "member.erased";
    public const string ReferralRewarded = "referral.rewarded";
    public const string TierChanged = "tier.changed";
    public const string ClubEventCheckedIn = "club_event.checked_in";
    public const string ClubEventWaitlistPromoted = "club_event.waitlist_promoted";
    public const string ClubEventCancelled = "club_event.cancelled";
    public const string MemberEnrolled = "member.enrolled";
    public const string PointsAdjusted = "points.adjusted";
    public const string PointsTransferred = "points.transferred";
    public const string VoucherUsed = "voucher.used";
    public const string SegmentEntered = "segment.entered";
    public const string SegmentLeft = "segment.left";
    public const string OfferPublished = "offer.published";
    public const string OfferActivated = "offer.activated";
    public const string OfferRedeemed = "offer.redeemed";
    public const string MemberNotificationRequested = "member.notification_requested";
    public const string CaseOpened = "case.opened";
    public const string CaseFollowUpDue = "case.follow_up_due";
    public const string CaseEscalated = "case.escalated";
    public const string CaseResolved = "case.resolved";
    public const string SurveyRequested = "survey.requested";

    public static IReadOnlyList<string> All { get; } =
    [
        PointsEarned, PointsRedeemed, PointsReversed, PointsExpiring, PointsExpired, RewardRedeemed, MemberSuspended, MemberReactivated,
        MemberClosed, MemberMerged, MemberErased, ReferralRewarded, TierChanged, ClubEventCheckedIn, ClubEventWaitlistPromoted, ClubEventCancelled,
        MemberEnrolled, PointsAdjusted, PointsTransferred, VoucherUsed, SegmentEntered, SegmentLeft,
        OfferPublished, OfferActivated, OfferRedeemed, MemberNotificationRequested,
        CaseOpened, CaseFollowUpDue, CaseEscalated, CaseResolved, SurveyRequested,
    ];
}
