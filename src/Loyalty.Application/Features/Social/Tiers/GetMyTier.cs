using Loyalty.Application.Abstractions;
using Loyalty.Application.Features.Social.Members;
using Loyalty.Contracts.Member;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Social.Tiers;

public sealed record GetMyTierQuery(string Subject) : IQuery<MemberTierResponse>;

public sealed class GetMyTierHandler(ILoyaltyDbContext db, TierSchemeCache schemes, ITierActivity activities, TimeProvider clock) : IQueryHandler<GetMyTierQuery, MemberTierResponse>
{
    public async ValueTask<MemberTierResponse> Handle(GetMyTierQuery query, CancellationToken cancellationToken)
    {
        var member = await db.Members.AsNoTracking().SingleOrDefaultAsync(m => m.ExternalId == query.Subject, cancellationToken) ?? throw MemberLookup.NotEnrolled();
        return await MemberTiers.DescribeAsync(db, schemes, activities, member, clock.GetUtcNow(), cancellationToken);
    }
}
