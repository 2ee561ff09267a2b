using Loyalty.Application.Abstractions;
using Loyalty.Contracts.Admin;
using Mediator;

namespace Loyalty.Application.Features.Social.Referrals;

public sealed record GetReferralProgrammeQuery : IQuery<ReferralProgrammeResponse>;

public sealed class GetReferralProgrammeHandler(ILoyaltyDbContext db, ReferralProgrammeCache cache) : IQueryHandler<GetReferralProgrammeQuery, ReferralProgrammeResponse>
{
    public async ValueTask<ReferralProgrammeResponse> Handle(GetReferralProgrammeQuery query, CancellationToken cancellationToken)
    {
        cache.Invalidate(); // staff want the stored settings, not a cached copy
        return ReferralProgrammeMapping.ToResponse(await cache.GetAsync(db, cancellationToken));
    }
}
