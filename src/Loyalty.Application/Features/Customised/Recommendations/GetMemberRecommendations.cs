using Loyalty.Application.Abstractions;
using Loyalty.Application.Errors;
using Loyalty.Contracts;
using Loyalty.Contracts.Common;
using Loyalty.Contracts.Member;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Customised.Recommendations;

/// <summary>Staff view of one member's next best offers, the same list and reasons the member sees.</summary>
public sealed record GetMemberRecommendationsQuery(Guid MemberId, int? Limit = null, string? Cursor = null) : IQuery<Page<RecommendationResponse>>;

public sealed class GetMemberRecommendationsHandler(ILoyaltyDbContext db, MemberNextBestOffers nextBestOffers) : IQueryHandler<GetMemberRecommendationsQuery, Page<RecommendationResponse>>
{
    public async ValueTask<Page<RecommendationResponse>> Handle(GetMemberRecommendationsQuery query, CancellationToken cancellationToken)
    {
        var member = await db.Members.AsNoTracking().Where(m => m.Id == query.MemberId).Select(m => new { m.Id, m.TierId }).SingleOrDefaultAsync(cancellationToken)
            ?? throw AppException.NotFound(ErrorCodes.MemberNotFound, "No member has this id.");
        return await nextBestOffers.GetAsync(member.Id, member.TierId, query.Limit, query.Cursor, cancellationToken);
    }
}
