using Loyalty.Application.Abstractions;
using Loyalty.Contracts;
using Loyalty.Domain.Common;
using Loyalty.Domain.Social.Members;
using Loyalty.Domain.Social.Referrals;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Social.Referrals;

/// <summary>The referral side of an enrolment: the code given is checked first, the new member's own code and the referral are added with the member.</summary>
public sealed class ReferralEnrolment(ILoyaltyDbContext db)
{
    /// <summary>
    /// The active member whose code this is. Unknown, mistyped and inactive (suspended or closed) referrers are the
    /// same 422, so the answer says nothing about another member's standing.
    /// </summary>
    public async Task<Referrer> FindReferrerAsync(string input, CancellationToken cancellationToken)
    {
        if (!ReferralCode.TryParse(input, out var code))
        {
            throw UnknownCode();
        }

        var referrer = await (from c in db.MemberReferralCodes.AsNoTracking()
                              join m in db.Members.AsNoTracking() on c.MemberId equals m.Id
                              where c.Code == code.Value
                              select m).SingleOrDefaultAsync(cancellationToken);
        return referrer is { Status: MemberStatus.Active } ? new Referrer(referrer, code) : throw UnknownCode();
    }

    /// <summary>Adds the new member's own code and, with a referrer, the referral (rejected at once when screening says so). Saved with the member.</summary>
    public async Task AttachAsync(Member member, Referrer? referrer, DateTimeOffset now, CancellationToken cancellationToken)
    {
        db.MemberReferralCodes.Add(MemberReferralCode.Issue(member.Id, await ReferralCodes.UnusedAsync(db, cancellationToken), now));
        if (referrer is null)
        {
            return;
        }

        var emailKey = ReferralIdentity.EmailKey(member.Email);
        var phoneKey = ReferralIdentity.PhoneKey(member.Phone);
        var referrerId = referrer.Member.Id;
        var referredBefore = await db.Referrals.AnyAsync(r => r.RefereeEmailKey == emailKey || (phoneKey != null && r.RefereePhoneKey == phoneKey), cancellationToken);
        var referrersReferrer = await (from r in db.Referrals.AsNoTracking()
                                       join x in db.Members.AsNoTracking() on r.ReferrerId equals x.Id
                                       where r.RefereeId == referrerId
                                       select x).FirstOrDefaultAsync(cancellationToken);
        var rejection = Referral.ScreenAtEnrolment(member, referrer.Member, referrersReferrer, referredBefore);
        db.Referrals.Add(Referral.Start(referrerId, member, referrer.Code, now, rejection));
    }

    public static DomainException UnknownCode() =>
        new(ErrorCodes.UnknownReferralCode, "This referral code does not belong to an active member: check it, or leave it out.");
}

public sealed record Referrer(Member Member, ReferralCode Code);

internal static class ReferralCodes
{
    /// <summary>35 random bits make collisions rare but real in a large club: draw again rather than fail (the unique index still decides a race).</summary>
    public static async Task<ReferralCode> UnusedAsync(ILoyaltyDbContext db, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var code = ReferralCode.Generate();
            if (!await db.MemberReferralCodes.AnyAsync(c => c.Code == code.Value, cancellationToken))
            {
                return code;
            }
        }

        throw new InvalidOperationException("Could not draw an unused referral code in 5 attempts.");
    }
}
