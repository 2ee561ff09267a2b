using Loyalty.Application.Abstractions;
using Loyalty.Application.Features.Social.Lifecycle;
using Loyalty.Domain.Social.Referrals;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Social.Referrals;

/// <summary>
/// Referral data in the member's export and erasure. Referrals hold ids, the code used, decisions and points, but no
/// names or contact details (a referee's name is read from their member record when shown); the only values derived
/// from contact details are the referee keys, which erasure removes. The member's own code is deleted, so it can no
/// longer be used; the referrals themselves stay for the ledger and the caps.
/// </summary>
public sealed class ReferralDataSection(ILoyaltyDbContext db) : IMemberDataSection
{
    public string Name => "referrals";

    public async ValueTask<object?> ExportAsync(Guid memberId, CancellationToken cancellationToken)
    {
        var code = await db.MemberReferralCodes.AsNoTracking().Where(c => c.MemberId == memberId).Select(c => new { c.Code, c.CreatedAt }).FirstOrDefaultAsync(cancellationToken);
        var referrals = await db.Referrals.AsNoTracking()
            .Where(r => r.ReferrerId == memberId || r.RefereeId == memberId)
            .OrderBy(r => r.CreatedAt)
            .Select(r => new { r.Id, r.ReferrerId, r.RefereeId, r.Code, r.Status, r.Reason, r.CreatedAt, r.DecidedAt, r.ReferrerPoints, r.RefereePoints })
            .ToListAsync(cancellationToken);
        return new
        {
            code = code?.Code,
            codeIssuedAt = code?.CreatedAt,
            referredBy = referrals.Where(r => r.RefereeId == memberId).Select(r => new { referralId = r.Id, r.Code, status = Status(r.Status), r.Reason, referredAt = r.CreatedAt, r.DecidedAt, pointsEarned = r.RefereePoints }).FirstOrDefault(),
            referralsMade = referrals.Where(r => r.ReferrerId == memberId).Select(r => new { referralId = r.Id, status = Status(r.Status), r.Reason, referredAt = r.CreatedAt, r.DecidedAt, pointsEarned = r.ReferrerPoints }).ToList(),
        };
    }

    public async ValueTask EraseAsync(Guid memberId, CancellationToken cancellationToken)
    {
        foreach (var referral in await db.Referrals.Where(r => r.RefereeId == memberId).ToListAsync(cancellationToken))
        {
            referral.ForgetRefereeKeys();
        }

        db.MemberReferralCodes.RemoveRange(await db.MemberReferralCodes.Where(c => c.MemberId == memberId).ToListAsync(cancellationToken));
    }

    private static string Status(ReferralStatus status) => status.ToString().ToLowerInvariant();
}
