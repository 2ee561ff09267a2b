using Loyalty.Application.Abstractions;
using Loyalty.Application.Common;
using Loyalty.Application.Errors;
using Loyalty.Contracts;
using Loyalty.Contracts.Admin;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Social.Tiers;

public sealed record GetMemberTierQuery(Guid MemberId, int? Limit, string? Cursor) : IQuery<AdminMemberTierResponse>;

public sealed class GetMemberTierHandler(ILoyaltyDbContext db, TierSchemeCache schemes, ITierActivity activities, TimeProvider clock) : IQueryHandler<GetMemberTierQuery, AdminMemberTierResponse>
{
    public async ValueTask<AdminMemberTierResponse> Handle(GetMemberTierQuery query, CancellationToken cancellationToken)
    {
        var limit = Paging.Limit(query.Limit);
        var before = Paging.DecodeLong(query.Cursor);
        var member = await db.Members.AsNoTracking().SingleOrDefaultAsync(m => m.Id == query.MemberId, cancellationToken)
            ?? throw AppException.NotFound(ErrorCodes.MemberNotFound, "No member has this id.");
        var tier = await MemberTiers.DescribeAsync(db, schemes, activities, member, clock.GetUtcNow(), cancellationToken);
        var history = await MemberTiers.HistoryAsync(db, member.Id, limit, before, cancellationToken);
        return new AdminMemberTierResponse(member.Id, member.MemberNumber, tier, history);
    }
}
