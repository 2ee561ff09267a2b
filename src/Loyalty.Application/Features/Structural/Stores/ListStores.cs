using FluentValidation;
using Loyalty.Application.Abstractions;
using Loyalty.Application.Common;
using Loyalty.Application.Features.Structural.Partners;
using Loyalty.Application.Mapping;
using Loyalty.Contracts.Admin;
using Loyalty.Contracts.Common;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Structural.Stores;

/// <summary>A partner's stores by code (unique within the partner).</summary>
public sealed record ListStoresQuery(Guid PartnerId, int? Limit = null, string? Cursor = null) : IQuery<Page<StoreResponse>>;

public sealed class ListStoresHandler(ILoyaltyDbContext db) : IQueryHandler<ListStoresQuery, Page<StoreResponse>>
{
    public async ValueTask<Page<StoreResponse>> Handle(ListStoresQuery query, CancellationToken cancellationToken)
    {
        var limit = Paging.Limit(query.Limit);
        var after = Paging.Decode(query.Cursor);
        await PartnerLookup.FindAsync(db, query.PartnerId, cancellationToken);
        var stores = db.Stores.AsNoTracking().Where(s => s.PartnerId == query.PartnerId);
        if (after is not null)
        {
            stores = stores.Where(s => string.Compare(s.Code, after) > 0);
        }

        var items = await stores.OrderBy(s => s.Code).Take(limit + 1).ProjectToResponse().ToListAsync(cancellationToken);
        return Paging.ToPage(items, limit, s => s.Code);
    }
}
