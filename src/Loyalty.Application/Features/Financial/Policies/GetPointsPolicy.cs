using Loyalty.Application.Abstractions;
using Loyalty.Contracts.Admin;
using Mediator;

namespace Loyalty.Application.Features.Financial.Policies;

public sealed record GetPointsPolicyQuery : IQuery<PointsPolicyResponse>;

public sealed class GetPointsPolicyHandler(ILoyaltyDbContext db, PointsPolicyCache cache) : IQueryHandler<GetPointsPolicyQuery, PointsPolicyResponse>
{
    public async ValueTask<PointsPolicyResponse> Handle(GetPointsPolicyQuery query, CancellationToken cancellationToken)
    {
        cache.Invalidate(); // staff reading the policy want the stored one, not a cached copy
        return PointsPolicyMapping.ToResponse(await cache.GetAsync(db, cancellationToken));
    }
}
