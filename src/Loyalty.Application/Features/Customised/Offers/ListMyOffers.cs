using Loyalty.Application.Abstractions;
using Loyalty.Application.Common;
using Loyalty.Application.Features.Social.Members;
using Loyalty.Contracts.Common;
using Loyalty.Contracts.Member;
using Loyalty.Domain.Customised.Offers;
using Mediator;
using Microsoft.EntityFrameworkCore;
using OfferStatus = Loyalty.Domain.Customised.Offers.OfferStatus;

namespace Loyalty.Application.Features.Customised.Offers;

/// <summary>The member's personal offers open now, ending soonest first; control-group members never see them.</summary>
public sealed record ListMyOffersQuery(string Subject, int? Limit, string? Cursor) : IQuery<Page<MemberOfferResponse>>;

public sealed class ListMyOffersHandler(ILoyaltyDbContext db, TimeProvider clock) : IQueryHandler<ListMyOffersQuery, Page<MemberOfferResponse>>
{
    public async ValueTask<Page<MemberOfferResponse>> Handle(ListMyOffersQuery query, CancellationToken cancellationToken)
    {
        var member = await MemberLookup.FindBySubjectAsync(db, query.Subject, cancellationToken);
        var limit = Paging.Limit(query.Limit);
        var now = clock.GetUtcNow();
        // Treatment-group rows only: to a control-group member the offer does not exist.
        var visible = from a in db.OfferAssignments.AsNoTracking()
                      where a.MemberId == member.Id && a.Group == OfferGroup.Treatment
                      join o in db.PersonalOffers.AsNoTracking() on a.OfferId equals o.Id
                      where o.Status == OfferStatus.Published && o.StartsAt <= now && o.EndsAt > now
                      select new { Offer = o, Assignment = a };
        if (Paging.DecodeTime(query.Cursor) is var (endsAt, id))
        {
            visible = visible.Where(x => x.Offer.EndsAt > endsAt || (x.Offer.EndsAt == endsAt && x.Offer.Id.CompareTo(id) > 0));
        }

        var rows = await visible.OrderBy(x => x.Offer.EndsAt).ThenBy(x => x.Offer.Id).Take(limit + 1).ToListAsync(cancellationToken);
        var items = rows.Select(x => MemberOffers.ToResponse(x.Offer, x.Assignment)).ToList();
        return Paging.ToPage(items, limit, o => Paging.TimeKey(o.EndsAt, o.Id));
    }
}
