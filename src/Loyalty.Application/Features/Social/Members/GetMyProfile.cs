using Loyalty.Application.Abstractions;
using Loyalty.Contracts.Common;
using Loyalty.Contracts.Member;
using Mediator;

namespace Loyalty.Application.Features.Social.Members;

public sealed record GetMyProfileQuery(string Subject) : IQuery<MemberProfileResponse>;

public sealed class GetMyProfileHandler(ILoyaltyDbContext db) : IQueryHandler<GetMyProfileQuery, MemberProfileResponse>
{
    public async ValueTask<MemberProfileResponse> Handle(GetMyProfileQuery query, CancellationToken cancellationToken)
    {
        var (member, tier) = await MemberLookup.FindWithTierBySubjectAsync(db, query.Subject, cancellationToken);
        return MemberProfiles.From(member, new TierSummary(tier.Id, tier.Name, tier.Rank));
    }
}
