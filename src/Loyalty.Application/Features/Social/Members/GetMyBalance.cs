using Loyalty.Application.Abstractions;
using Loyalty.Application.Common;
using Loyalty.Application.Features.Financial.Expiry;
using Loyalty.Contracts.Member;
using Loyalty.Domain.Financial.Ledger;
using Loyalty.Domain.Social.Members;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Social.Members;

public sealed record GetMyBalanceQuery(string Subject) : IQuery<PointsBalanceResponse>;

public sealed class GetMyBalanceHandler(ILoyaltyDbContext db, TimeProvider clock) : IQueryHandler<GetMyBalanceQuery, PointsBalanceResponse>
{
    // One round trip: the member's account joined through their subject, with the first expiry date of their lots.
    // Compiled once (see HotQuery): the app reads balances more than anything else.
    private static readonly HotQuery<Func<DbContext, string, CancellationToken, Task<Balance?>>> Query = new(() =>
        EF.CompileAsyncQuery((DbContext db, string subject, CancellationToken ct) =>
            (from m in db.Set<Member>().AsNoTracking()
             join a in db.Set<PointsAccount>().AsNoTracking() on m.Id equals a.MemberId
             where m.ExternalId == subject
             select new Balance(
                 a.MemberId,
                 a.Available,
                 a.Pending,
                 a.Held,
                 a.LifetimeEarned,
                 db.Set<PointsLot>().Where(l => l.MemberId == a.MemberId).Where(ExpiringLots.WillExpire).Min(l => l.ExpiresAt)))
            .SingleOrDefault()));

    public async ValueTask<PointsBalanceResponse> Handle(GetMyBalanceQuery query, CancellationToken cancellationToken)
    {
        // A second round trip only when points do expire, to add up that day's points.
        var balance = await Query.For(db)((DbContext)db, query.Subject, cancellationToken) ?? throw MemberLookup.NotEnrolled();
        var next = balance.FirstExpiry is { } first ? await ExpiringLots.OnDayOfAsync(db, balance.MemberId, first, cancellationToken) : null;
        return new PointsBalanceResponse(balance.Available, balance.Pending, balance.Held, balance.LifetimeEarned, clock.GetUtcNow(), next);
    }

    private sealed record Balance(Guid MemberId, long Available, long Pending, long Held, long LifetimeEarned, DateTimeOffset? FirstExpiry);
}
