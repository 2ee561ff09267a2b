using Loyalty.Application.Abstractions;
using Loyalty.Contracts.Partner;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Financial.Redemptions;

/// <summary>Where a payment with points stands, for the partner that authorised it.</summary>
public sealed record GetRedemptionQuery(Guid PartnerId, Guid RedemptionId) : IQuery<RedemptionResponse>;

public sealed class GetRedemptionHandler(ILoyaltyDbContext db, TimeProvider clock) : IQueryHandler<GetRedemptionQuery, RedemptionResponse>
{
    public async ValueTask<RedemptionResponse> Handle(GetRedemptionQuery query, CancellationToken cancellationToken)
    {
        var found = await (from r in db.Redemptions.AsNoTracking()
                           join m in db.Members on r.MemberId equals m.Id
                           join a in db.PointsAccounts on r.MemberId equals a.MemberId
                           where r.Id == query.RedemptionId && r.PartnerId == query.PartnerId
                           select new { Redemption = r, m.MemberNumber, a.Available }).SingleOrDefaultAsync(cancellationToken)
            ?? throw RedemptionResponses.NotFound();
        return RedemptionResponses.From(found.Redemption, found.MemberNumber, found.Available, clock.GetUtcNow());
    }
}
