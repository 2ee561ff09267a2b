using Loyalty.Application.Common;
using Loyalty.Application.Features.Financial.Expiry;
using Loyalty.Contracts.Member;
using Loyalty.Domain.Financial.Reporting;
using Mediator;

namespace Loyalty.Application.Features.Social.Members;

public sealed record GetMyBalanceQuery(string Subject) : IQuery<PointsBalanceResponse>;

public sealed class GetMyBalanceHandler(IBalanceReads balances, TimeProvider clock) : IQueryHandler<GetMyBalanceQuery, PointsBalanceResponse>
{
    // One round trip (see IBalanceReads): the app reads balances more than anything else.
    public async ValueTask<PointsBalanceResponse> Handle(GetMyBalanceQuery query, CancellationToken cancellationToken)
    {
        var balance = await balances.ForSubjectAsync(query.Subject, cancellationToken) ?? throw MemberLookup.NotEnrolled();
        var next = balance.FirstExpiry is { } first
            ? ExpiringLots.ToContract(new ExpiryDay(ExpiryDay.DateOf(first), balance.FirstExpiryDayPoints, first))
            : null;
        return new PointsBalanceResponse(balance.Available, balance.Pending, balance.Held, balance.LifetimeEarned, clock.GetUtcNow(), next);
    }
}
