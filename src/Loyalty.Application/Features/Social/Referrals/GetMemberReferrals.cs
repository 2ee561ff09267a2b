using Loyalty.Application.Abstractions;
using Loyalty.Application.Errors;
using Loyalty.Contracts;
using Loyalty.Contracts.Admin;
using Loyalty.Domain.Social.Referrals;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Social.Referrals;

/// <summary>Staff view of one member's referrals: who referred them and whom they referred, with decisions and points.</summary>
public sealed record GetMemberReferralsQuery(Guid MemberId) : IQuery<MemberReferralsResponse>;

public sealed class GetMemberReferralsHandler(ILoyaltyDbContext db) : IQueryHandler<GetMemberReferralsQuery, MemberReferralsResponse>
{
    /// <summary>Staff look at one member at a time; a member with more referrals than this is a case for an export.</summary>
    public const int MaxReferred = 500;

    public async ValueTask<MemberReferralsResponse> Handle(GetMemberReferralsQuery query, CancellationToken cancellationToken)
    {
        var id = query.MemberId;
        var code = await db.Members.AsNoTracking().Where(m => m.Id == id)
            .Select(m => new { Code = db.MemberReferralCodes.Where(c => c.MemberId == m.Id).Select(c => c.Code).FirstOrDefault() })
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw AppException.NotFound(ErrorCodes.MemberNotFound, "No member has this id.");

        var rows = await (from r in db.Referrals.AsNoTracking()
                          join referrer in db.Members.AsNoTracking() on r.ReferrerId equals referrer.Id
                          join referee in db.Members.AsNoTracking() on r.RefereeId equals referee.Id
                          where r.ReferrerId == id || r.RefereeId == id
                          orderby r.CreatedAt descending
                          select new AdminReferralResponse(
                              r.Id,
                              r.ReferrerId,
                              referrer.MemberNumber,
                              r.RefereeId,
                              referee.MemberNumber,
                              r.Code,
                              r.Status == ReferralStatus.Pending ? Contracts.Common.ReferralStatus.Pending : r.Status == ReferralStatus.Rewarded ? Contracts.Common.ReferralStatus.Rewarded : Contracts.Common.ReferralStatus.Rejected,
                              r.Reason,
                              r.CreatedAt,
                              r.DecidedAt,
                              r.PurchaseId,
                              r.ReferrerPoints,
                              r.RefereePoints)).Take(MaxReferred + 1).ToListAsync(cancellationToken);
        return new MemberReferralsResponse(
            code.Code,
            rows.FirstOrDefault(r => r.RefereeId == id),
            [.. rows.Where(r => r.ReferrerId == id).OrderByDescending(r => r.CreatedAt).Take(MaxReferred)]);
    }
}
