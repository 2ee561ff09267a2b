using Loyalty.Application.Abstractions;
using Loyalty.Application.Features.Financial.Expiry;
using Loyalty.Contracts.Member;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Social.Members;

public sealed record GetMyBalanceQuery(string Subject) : IQuery<PointsBalanceResponse>;

public sealed class GetMyBalanceHandler(ILoyaltyDbContext db, TimeProvider clock) : IQueryHandler<GetMyBalanceQuery, PointsBalanceResponse>
{
    public async ValueTask<PointsBalanceResponse> Handle(GetMyBalanceQuery query, CancellationToken cancellationToken)
    {
        // One round trip: the member's account joined through their subject, with the first expiry date of their
        // lots; a second one only when points do expire, to add up that day's points.
        var balance = await (from m in db.Members.AsNoTracking()
                             join a in db.PointsAccounts.AsNoTracking() on m.Id equals a.MemberId
                             where m.ExternalId == query.Subject
                             select new
                             {
                                 a.MemberId,
                                 a.Available,
                                 a.Pending,
                                 a.Held,
                                 a.LifetimeEarned,
                                 FirstExpiry = db.PointsLots.Where(l => l.MemberId == a.MemberId).Where(ExpiringLots.WillExpire).Min(l => l.ExpiresAt),
                             }).SingleOrDefaultAsync(cancellationToken)
            ?? throw MemberLookup.NotEnrolled();
        var next = balance.FirstExpiry is { } first ? await ExpiringLots.OnDayOfAsync(db, balance.MemberId, first, cancellationToken) : null;
        return new PointsBalanceResponse(balance.Available, balance.Pending, balance.Held, balance.LifetimeEarned, clock.GetUtcNow(), next);
    }
}
