using FluentValidation;
using Loyalty.Application.Abstractions;
using Loyalty.Application.Features.Structural.Partners;
using Loyalty.Application.Mapping;
using Loyalty.Contracts.Admin;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Structural.Stores;

public sealed record ListStoresQuery(Guid PartnerId) : IQuery<IReadOnlyList<StoreResponse>>;

public sealed class ListStoresHandler(ILoyaltyDbContext db) : IQueryHandler<ListStoresQuery, IReadOnlyList<StoreResponse>>
{
    public async ValueTask<IReadOnlyList<StoreResponse>> Handle(ListStoresQuery query, CancellationToken cancellationToken)
    {
        await PartnerLookup.FindAsync(db, query.PartnerId, cancellationToken);
        return await db.Stores.AsNoTracking().Where(s => s.PartnerId == query.PartnerId).OrderBy(s => s.Code).ProjectToResponse().ToListAsync(cancellationToken);
    }
}
