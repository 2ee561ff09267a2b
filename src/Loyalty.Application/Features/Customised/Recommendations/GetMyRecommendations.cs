using Loyalty.Application.Abstractions;
using Loyalty.Application.Features.Social.Members;
using Loyalty.Contracts.Common;
using Loyalty.Contracts.Member;
using Mediator;

namespace Loyalty.Application.Features.Customised.Recommendations;

/// <summary>The signed-in member's next best offers, each with its reason.</summary>
public sealed record GetMyRecommendationsQuery(string Subject, int? Limit = null, string? Cursor = null) : IQuery<Page<RecommendationResponse>>;

public sealed class GetMyRecommendationsHandler(ILoyaltyDbContext db, MemberNextBestOffers nextBestOffers) : IQueryHandler<GetMyRecommendationsQuery, Page<RecommendationResponse>>
{
    public async ValueTask<Page<RecommendationResponse>> Handle(GetMyRecommendationsQuery query, CancellationToken cancellationToken)
    {
        var member = await MemberLookup.FindBySubjectAsync(db, query.Subject, cancellationToken);
        return await nextBestOffers.GetAsync(member.Id, member.TierId, query.Limit, query.Cursor, cancellationToken);
    }
}
