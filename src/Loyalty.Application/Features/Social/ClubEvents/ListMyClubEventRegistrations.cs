using Loyalty.Application.Abstractions;
using Loyalty.Application.Common;
using Loyalty.Application.Features.Social.Members;
using Loyalty.Contracts.Common;
using Loyalty.Contracts.Member;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Social.ClubEvents;

/// <summary>The member's registrations (any status), latest event first.</summary>
public sealed record ListMyClubEventRegistrationsQuery(string Subject, int? Limit, string? Cursor) : IQuery<Page<ClubEventRegistrationResponse>>;

public sealed class ListMyClubEventRegistrationsHandler(ILoyaltyDbContext db) : IQueryHandler<ListMyClubEventRegistrationsQuery, Page<ClubEventRegistrationResponse>>
{
    public async ValueTask<Page<ClubEventRegistrationResponse>> Handle(ListMyClubEventRegistrationsQuery query, CancellationToken cancellationToken)
    {
        var limit = Paging.Limit(query.Limit);
        var member = await MemberLookup.FindBySubjectAsync(db, query.Subject, cancellationToken);
        var rows = from r in db.ClubEventRegistrations.AsNoTracking()
                   join e in db.ClubEvents.AsNoTracking() on r.ClubEventId equals e.Id
                   where r.MemberId == member.Id
                   select new { Registration = r, Event = e };
        if (Paging.DecodeTime(query.Cursor) is var (startsAt, id))
        {
            rows = rows.Where(x => x.Event.StartsAt < startsAt || (x.Event.StartsAt == startsAt && x.Event.Id.CompareTo(id) < 0));
        }

        var page = await rows.OrderByDescending(x => x.Event.StartsAt).ThenByDescending(x => x.Event.Id).Take(limit + 1).ToListAsync(cancellationToken);
        var items = new List<ClubEventRegistrationResponse>(page.Count);
        foreach (var x in page)
        {
            items.Add(await MemberClubEventViews.RegistrationAsync(db, x.Event, x.Registration, cancellationToken));
        }

        return Paging.ToPage(items, limit, r => Paging.TimeKey(r.StartsAt, r.EventId));
    }
}
