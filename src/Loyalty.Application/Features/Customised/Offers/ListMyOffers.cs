using Loyalty.Application.Abstractions;
using Loyalty.Application.Common;
using Loyalty.Application.Features.Social.Members;
using Loyalty.Contracts.Common;
using Loyalty.Contracts.Member;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Customised.Offers;

/// <summary>The member's personal offers open now, ending soonest first; control-group members never see them.</summary>
public sealed record ListMyOffersQuery(string Subject, int? Limit, string? Cursor) : IQuery<Page<MemberOfferResponse>>;

public sealed class ListMyOffersHandler(ILoyaltyDbContext db, TimeProvider clock) : IQueryHandler<ListMyOffersQuery, Page<MemberOfferResponse>>
{
    public async ValueTask<Page<MemberOfferResponse>> Handle(ListMyOffersQuery query, CancellationToken cancellationToken)
    {
        var member = await MemberLookup.FindBySubjectAsync(db, query.Subject, cancellationToken);
        var limit = Paging.Limit(query.Limit);
        var visible = MemberOffers.Visible(db, member.Id, clock.GetUtcNow());
        if (Paging.DecodeTime(query.Cursor) is var (endsAt, id))
        {
            visible = visible.Where(x => x.Item1.EndsAt > endsAt || (x.Item1.EndsAt == endsAt && x.Item1.Id.CompareTo(id) > 0));
        }

        var rows = await visible.OrderBy(x => x.Item1.EndsAt).ThenBy(x => x.Item1.Id).Take(limit + 1).ToListAsync(cancellationToken);
        var items = rows.Select(x => MemberOffers.ToResponse(x.Item1, x.Item2)).ToList();
        return Paging.ToPage(items, limit, o => Paging.TimeKey(o.EndsAt, o.Id));
    }
}
