using Loyalty.Application.Abstractions;
using Loyalty.Contracts.Admin;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Social.ClubEvents;

public sealed record GetClubEventQuery(Guid EventId) : IQuery<ClubEventResponse>;

public sealed class GetClubEventHandler(ILoyaltyDbContext db) : IQueryHandler<GetClubEventQuery, ClubEventResponse>
{
    public async ValueTask<ClubEventResponse> Handle(GetClubEventQuery query, CancellationToken cancellationToken)
    {
        var clubEvent = await db.ClubEvents.AsNoTracking().Include(e => e.Tiers).SingleOrDefaultAsync(e => e.Id == query.EventId, cancellationToken)
            ?? throw ClubEvents.NotFound();
        return await ClubEvents.ResponseAsync(db, clubEvent, cancellationToken);
    }
}
