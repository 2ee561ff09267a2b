using Loyalty.Application.Abstractions;
using Loyalty.Application.Common;
using Loyalty.Application.Features.Customised.Notifications;
using Loyalty.Contracts.Admin;
using Loyalty.Contracts.Common;
using Loyalty.Domain.Customised.Offers;
using Mediator;
using Microsoft.EntityFrameworkCore;
using NotificationContentKind = Loyalty.Domain.Customised.Notifications.NotificationContentKind;

namespace Loyalty.Application.Features.Customised.Offers;

/// <summary>Every offer, newest first.</summary>
public sealed record ListPersonalOffersQuery(int? Limit, string? Cursor) : IQuery<Page<PersonalOfferResponse>>;

public sealed class ListPersonalOffersHandler(ILoyaltyDbContext db) : IQueryHandler<ListPersonalOffersQuery, Page<PersonalOfferResponse>>
{
    public async ValueTask<Page<PersonalOfferResponse>> Handle(ListPersonalOffersQuery query, CancellationToken cancellationToken)
    {
        var limit = Paging.Limit(query.Limit);
        var offers = db.PersonalOffers.AsNoTracking();
        if (Paging.DecodeTime(query.Cursor) is var (createdAt, id))
        {
            offers = offers.Where(o => o.CreatedAt < createdAt || (o.CreatedAt == createdAt && o.Id.CompareTo(id) < 0));
        }

        var rows = await offers.OrderByDescending(o => o.CreatedAt).ThenByDescending(o => o.Id).Take(limit + 1)
            .Select(o => new
            {
                Offer = o,
                Targets = o.Status != Domain.Customised.Offers.OfferStatus.Draft ? o.TreatmentCount + o.ControlCount
                : o.SegmentId != null ? db.SegmentMembers.Count(m => m.SegmentId == o.SegmentId) : db.OfferTargets.Count(t => t.OfferId == o.Id)
            })
            .ToListAsync(cancellationToken);
        var interests = await ContentInterestTags.CodesAsync(db, NotificationContentKind.Offer, [.. rows.Select(r => r.Offer.Id)], cancellationToken);
        var items = rows.Select(r => PersonalOffers.ToResponse(r.Offer, r.Targets, interests.GetValueOrDefault(r.Offer.Id, []))).ToList();
        return Paging.ToPage(items, limit, o => Paging.TimeKey(o.CreatedAt, o.Id));
    }
}
