using Loyalty.Domain.Common;
using Loyalty.Domain.Social.Members;

namespace Loyalty.Domain.Social.Referrals;

public enum ReferralStatus
{
    /// <summary>Waiting for the referee's first qualifying purchase.</summary>
    Pending,

    /// <summary>Decided with points (the referrer's share may be zero, see <see cref="Referral.Reason"/>).</summary>
    Rewarded,

    /// <summary>Decided without points; <see cref="Referral.Reason"/> says why.</summary>
    Rejected,
}

/// <summary>Stable snake_case reasons shown to the referrer and to staff.</summary>
public static class ReferralReasons
{
    public const string SelfReferral = "self_referral";
    public const string AlreadyReferred = "already_referred";
    public const string ReferralLoop = "referral_loop";
    public const string CapReached = "cap_reached";

    /// <summary>On a rewarded referral: the referrer was suspended or closed, so only the referee was rewarded.</summary>
    public const string ReferrerInactive = "referrer_inactive";

    /// <summary>Not stored: a pending referral whose window has passed reads as rejected with this reason.</summary>
    public const string WindowExpired = "window_expired";
}

/// <summary>
/// One member (the referrer) bringing in another (the referee). A referee is referred once, ever: the referral is
/// created at their enrolment and decided at most once, on their first qualifying purchase within the window.
/// </summary>
public sealed class Referral
{
    private Referral()
    {
    }

    public Guid Id { get; private set; }

    public Guid ReferrerId { get; private set; }

    public Guid RefereeId { get; private set; }

    /// <summary>The code the referee enrolled with.</summary>
    public string Code { get; private set; } = "";

    public ReferralStatus Status { get; private set; }

    public string? Reason { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? DecidedAt { get; private set; }

    /// <summary>The purchase that decided it.</summary>
    public Guid? PurchaseId { get; private set; }

    public long ReferrerPoints { get; private set; }

    public long RefereePoints { get; private set; }

    /// <summary>One-way keys of the referee's canonical e-mail and phone (<see cref="ReferralIdentity"/>): "referred once, ever" survives a re-enrolment.</summary>
    public string? RefereeEmailKey { get; private set; }

    public string? RefereePhoneKey { get; private set; }

    public static Referral Start(Guid referrerId, Member referee, ReferralCode code, DateTimeOffset now, string? rejectedBecause = null)
    {
        ArgumentNullException.ThrowIfNull(referee);
        if (referrerId == referee.Id)
        {
            throw new DomainException(ReferralReasons.SelfReferral, "A member cannot refer themselves.");
        }

        return new Referral
        {
            Id = EntityId.New(),
            ReferrerId = referrerId,
            RefereeId = referee.Id,
            Code = code.Value,
            Status = rejectedBecause is null ? ReferralStatus.Pending : ReferralStatus.Rejected,
            Reason = rejectedBecause,
            CreatedAt = now,
            DecidedAt = rejectedBecause is null ? null : now,
            RefereeEmailKey = ReferralIdentity.EmailKey(referee.Email),
            RefereePhoneKey = ReferralIdentity.PhoneKey(referee.Phone),
        };
    }

    /// <summary>
    /// Why a referral is rejected the moment it is made, or null when it may go ahead: the referee is the referrer
    /// under another address or phone (self-referral), was referred before under any account (once, ever), or is the
    /// person who referred the referrer (a loop).
    /// </summary>
    public static string? ScreenAtEnrolment(Member referee, Member referrer, Member? referrersReferrer, bool refereeReferredBefore)
    {
        ArgumentNullException.ThrowIfNull(referee);
        ArgumentNullException.ThrowIfNull(referrer);
        if (referee.Id == referrer.Id || ReferralIdentity.SamePerson(referee.Email, referee.Phone, referrer.Email, referrer.Phone))
        {
            return ReferralReasons.SelfReferral;
        }

        if (refereeReferredBefore)
        {
            return ReferralReasons.AlreadyReferred;
        }

        if (referrersReferrer is not null
            && (referee.Id == referrersReferrer.Id || ReferralIdentity.SamePerson(referee.Email, referee.Phone, referrersReferrer.Email, referrersReferrer.Phone)))
        {
            return ReferralReasons.ReferralLoop;
        }

        return null;
    }

    /// <summary>Erasure: the keys are derived from contact details, so they go with them.</summary>
    public void ForgetRefereeKeys()
    {
        RefereeEmailKey = null;
        RefereePhoneKey = null;
    }
}
