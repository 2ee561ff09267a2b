using Loyalty.Application.Abstractions;
using Loyalty.Contracts.Admin;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Customised.AccountManagers;

/// <summary>Who looks after the member now (all nulls: nobody).</summary>
public sealed record GetMemberAccountManagerQuery(StaffCaller Caller, Guid MemberId) : IQuery<MemberAccountManagerResponse>;

public sealed class GetMemberAccountManagerHandler(ILoyaltyDbContext db) : IQueryHandler<GetMemberAccountManagerQuery, MemberAccountManagerResponse>
{
    public async ValueTask<MemberAccountManagerResponse> Handle(GetMemberAccountManagerQuery query, CancellationToken cancellationToken)
    {
        await Portfolio.EnsureMemberAsync(db, query.Caller, query.MemberId, cancellationToken);
        var current = await (from a in db.PortfolioAssignments.AsNoTracking()
                             join m in db.AccountManagers.AsNoTracking() on a.ManagerId equals m.Id
                             where a.MemberId == query.MemberId
                             select new MemberAccountManagerResponse(a.MemberId, a.ManagerId, m.Name, a.AssignedAt, a.AssignedBy)).SingleOrDefaultAsync(cancellationToken);
        return current ?? new MemberAccountManagerResponse(query.MemberId, null, null, null, null);
    }
}
