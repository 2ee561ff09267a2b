using Loyalty.Application.Abstractions;
using Loyalty.Application.Common;
using Loyalty.Application.Mapping;
using Loyalty.Contracts.Admin;
using Loyalty.Contracts.Common;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Structural.Partners;

/// <summary>Partners in name order; the cursor is the last name seen (names are unique).</summary>
public sealed record ListPartnersQuery(int? Limit, string? Cursor) : IQuery<Page<PartnerResponse>>;

public sealed class ListPartnersHandler(ILoyaltyDbContext db) : IQueryHandler<ListPartnersQuery, Page<PartnerResponse>>
{
    public async ValueTask<Page<PartnerResponse>> Handle(ListPartnersQuery query, CancellationToken cancellationToken)
    {
        var limit = Paging.Limit(query.Limit);
        var after = Paging.Decode(query.Cursor);
        var partners = db.Partners.AsNoTracking();
        if (after is not null)
        {
            partners = partners.Where(p => string.Compare(p.Name, after) > 0);
        }

        var items = (await partners.OrderBy(p => p.Name).Take(limit + 1).ToListAsync(cancellationToken)).ConvertAll(p => p.ToResponse());
        return Paging.ToPage(items, limit, p => p.Name);
    }
}
