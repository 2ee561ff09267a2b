using Loyalty.Application.Abstractions;
using Loyalty.Application.Common;
using Loyalty.Application.Features.Social.Members;
using Loyalty.Contracts.Common;
using Loyalty.Contracts.Member;
using Loyalty.Domain.Social.ClubEvents;
using Mediator;
using Microsoft.EntityFrameworkCore;
using ClubEventStatus = Loyalty.Domain.Social.ClubEvents.ClubEventStatus;

namespace Loyalty.Application.Features.Social.ClubEvents;

/// <summary>
/// Events the member may attend: scheduled, not yet over, open to their tier; soonest first, each with places left
/// and the member's own registration.
/// </summary>
public sealed record BrowseClubEventsQuery(string Subject, int? Limit, string? Cursor) : IQuery<Page<ClubEventOfferResponse>>;

public sealed class BrowseClubEventsHandler(ILoyaltyDbContext db, TimeProvider clock) : IQueryHandler<BrowseClubEventsQuery, Page<ClubEventOfferResponse>>
{
    public async ValueTask<Page<ClubEventOfferResponse>> Handle(BrowseClubEventsQuery query, CancellationToken cancellationToken)
    {
        var limit = Paging.Limit(query.Limit);
        var after = Paging.DecodeTime(query.Cursor);
        var (member, tier) = await MemberLookup.FindWithTierBySubjectAsync(db, query.Subject, cancellationToken);
        var now = clock.GetUtcNow();
        var tierId = tier.Id;

        var events = db.ClubEvents.AsNoTracking().Where(e =>
            e.Status == ClubEventStatus.Scheduled && e.EndsAt > now && (!e.Tiers.Any() || e.Tiers.Any(t => t.TierId == tierId)));
        if (after is var (startsAt, id))
        {
            events = events.Where(e => e.StartsAt > startsAt || (e.StartsAt == startsAt && e.Id.CompareTo(id) > 0));
        }

        var rows = await events.OrderBy(e => e.StartsAt).ThenBy(e => e.Id).Take(limit + 1).Include(e => e.Tiers).ToListAsync(cancellationToken);
        var items = await MemberClubEventViews.OffersAsync(db, member, tierId, rows, now, cancellationToken);
        return Paging.ToPage(items, limit, e => Paging.TimeKey(e.StartsAt, e.Id));
    }
}
