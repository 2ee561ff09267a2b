using FluentValidation;
using Loyalty.Application.Abstractions;
using Loyalty.Application.Features.Structural.Partners;
using Loyalty.Application.Mapping;
using Loyalty.Contracts.Admin;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Structural.ApiKeys;

public sealed record ListApiKeysQuery(Guid PartnerId) : IQuery<IReadOnlyList<ApiKeyResponse>>;

public sealed class ListApiKeysHandler(ILoyaltyDbContext db) : IQueryHandler<ListApiKeysQuery, IReadOnlyList<ApiKeyResponse>>
{
    public async ValueTask<IReadOnlyList<ApiKeyResponse>> Handle(ListApiKeysQuery query, CancellationToken cancellationToken)
    {
        await PartnerLookup.FindAsync(db, query.PartnerId, cancellationToken);
        var keys = await db.ApiKeys.AsNoTracking().Where(k => k.PartnerId == query.PartnerId).ToListAsync(cancellationToken);
        return keys.OrderBy(k => k.CreatedAt).Select(k => k.ToResponse()).ToList();
    }
}
