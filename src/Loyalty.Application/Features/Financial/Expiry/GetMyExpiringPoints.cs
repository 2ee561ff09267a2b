using Loyalty.Application.Abstractions;
using Loyalty.Application.Features.Social.Members;
using Loyalty.Contracts.Member;
using Loyalty.Domain.Financial.Reporting;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Financial.Expiry;

/// <summary>The member's available points that will expire, by day.</summary>
public sealed record GetMyExpiringPointsQuery(string Subject) : IQuery<ExpiringPointsResponse>;

public sealed class GetMyExpiringPointsHandler(ILoyaltyDbContext db, TimeProvider clock) : IQueryHandler<GetMyExpiringPointsQuery, ExpiringPointsResponse>
{
    public async ValueTask<ExpiringPointsResponse> Handle(GetMyExpiringPointsQuery query, CancellationToken cancellationToken)
    {
        var member = await MemberLookup.FindBySubjectAsync(db, query.Subject, cancellationToken);
        var lots = await ExpiringLots.Of(db, member.Id)
            .Select(l => new { ExpiresAt = l.ExpiresAt!.Value, l.Remaining })
            .ToListAsync(cancellationToken);
        var days = ExpiryDay.Group(lots.Select(l => (l.ExpiresAt, l.Remaining))).Select(ExpiringLots.ToContract).ToList();
        return new ExpiringPointsResponse(days, days.Sum(d => d.Points), clock.GetUtcNow());
    }
}
