using Loyalty.Application.Abstractions;
using Loyalty.Application.Common;
using Loyalty.Contracts.Admin;
using Loyalty.Domain.Social.Members;

namespace Loyalty.Application.Features.Social.Members;

internal static class AdminMemberProjection
{
    public static IQueryable<AdminMemberResponse> Project(ILoyaltyDbContext db, IQueryable<Member> members) =>
        from m in members
        join t in db.Tiers on m.TierId equals t.Id
        join a in db.PointsAccounts on m.Id equals a.MemberId
        select new AdminMemberResponse(
            m.Id,
            m.MemberNumber,
            m.FirstName,
            m.LastName,
            m.Email,
            m.Phone,
            WireValue.Of<Contracts.Common.MemberStatus>(m.Status),
            t.Name,
            a.Available,
            a.Pending,
            WireValue.Of<Contracts.Common.EnrolmentChannel>(m.EnrolmentChannel),
            m.EnrolledAt);
}
