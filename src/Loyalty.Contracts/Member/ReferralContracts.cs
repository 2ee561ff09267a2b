using Loyalty.Contracts.Common;

namespace Loyalty.Contracts.Member;

/// <summary>
/// The member's referral page: their code (and a text to share it), what the programme gives, the rewards they can
/// still earn this month and year, and the people they referred, shown by first name and initial only.
/// </summary>
public sealed record MyReferralsResponse(
    string Code,
    string FormattedCode,
    string ShareText,
    ReferralTermsResponse Programme,
    int RemainingThisMonth,
    int RemainingThisYear,
    long PointsEarned,
    Page<MyReferralItem> Referrals);

public sealed record ReferralTermsResponse(bool Enabled, long ReferrerPoints, long RefereePoints, decimal MinimumPurchaseAmount, string Currency, int WindowDays);

/// <summary>
/// <see cref="Status"/> is pending, rewarded or rejected; <see cref="Reason"/> says why a referral was rejected
/// (self_referral, already_referred, referral_loop, cap_reached, window_expired) or, on a rewarded one, that only the
/// friend was rewarded (referrer_inactive). <see cref="PointsEarned"/> is what the referrer got.
/// </summary>
public sealed record MyReferralItem(string DisplayName, ReferralStatus Status, string? Reason, DateTimeOffset ReferredAt, DateTimeOffset? DecidedAt, DateTimeOffset? QualifyBy, long PointsEarned);
