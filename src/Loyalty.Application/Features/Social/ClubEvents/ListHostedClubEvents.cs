using FluentValidation;
using Loyalty.Application.Abstractions;
using Loyalty.Application.Common;
using Loyalty.Contracts.Common;
using Loyalty.Contracts.Partner;
using Loyalty.Domain.Social.ClubEvents;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Social.ClubEvents;

/// <summary>The events a partner hosts that are not over for check-in yet, soonest first, with how many are expected.</summary>
public sealed record ListHostedClubEventsQuery(Guid PartnerId, int? Limit, string? Cursor) : IQuery<Page<PartnerClubEventResponse>>;

public sealed class ListHostedClubEventsHandler(ILoyaltyDbContext db, TimeProvider clock) : IQueryHandler<ListHostedClubEventsQuery, Page<PartnerClubEventResponse>>
{
    public async ValueTask<Page<PartnerClubEventResponse>> Handle(ListHostedClubEventsQuery query, CancellationToken cancellationToken)
    {
        var limit = Paging.Limit(query.Limit);
        var endedBefore = clock.GetUtcNow() - ClubEvent.CheckInClosesAfterEnd;
        var events = db.ClubEvents.AsNoTracking().Where(e => e.PartnerId == query.PartnerId && e.EndsAt > endedBefore);
        if (Paging.DecodeTime(query.Cursor) is var (startsAt, id))
        {
            events = events.Where(e => e.StartsAt > startsAt || (e.StartsAt == startsAt && e.Id.CompareTo(id) > 0));
        }

        var rows = await events.OrderBy(e => e.StartsAt).ThenBy(e => e.Id).Take(limit + 1).ToListAsync(cancellationToken);
        var counts = await ClubEvents.CountAsync(db, [.. rows.Select(e => e.Id)], cancellationToken);
        var items = rows.Select(e =>
        {
            var c = counts.GetValueOrDefault(e.Id, ClubEventCounts.None);
            return new PartnerClubEventResponse(e.Id, e.Title, e.StartsAt, e.EndsAt, e.StoreId, WireValue.Of<Contracts.Common.ClubEventStatus>(e.Status), c.Registered, c.CheckedIn);
        }).ToList();
        return Paging.ToPage(items, limit, e => Paging.TimeKey(e.StartsAt, e.Id));
    }
}
