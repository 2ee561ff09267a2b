using Loyalty.Application.Abstractions;
using Loyalty.Application.Errors;
using Loyalty.Contracts;
using Loyalty.Contracts.Admin;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Social.Members;

public sealed record GetMemberQuery(Guid MemberId) : IQuery<AdminMemberResponse>;

public sealed class GetMemberHandler(ILoyaltyDbContext db) : IQueryHandler<GetMemberQuery, AdminMemberResponse>
{
    public async ValueTask<AdminMemberResponse> Handle(GetMemberQuery query, CancellationToken cancellationToken) =>
        await AdminMemberProjection.Project(db, db.Members.AsNoTracking().Where(m => m.Id == query.MemberId)).SingleOrDefaultAsync(cancellationToken)
            ?? throw AppException.NotFound(ErrorCodes.MemberNotFound, "No member has this id.");
}
