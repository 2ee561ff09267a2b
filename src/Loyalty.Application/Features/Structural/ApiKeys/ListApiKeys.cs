using FluentValidation;
using Loyalty.Application.Abstractions;
using Loyalty.Application.Common;
using Loyalty.Application.Features.Structural.Partners;
using Loyalty.Application.Mapping;
using Loyalty.Contracts.Admin;
using Loyalty.Contracts.Common;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Structural.ApiKeys;

/// <summary>A partner's keys, oldest first.</summary>
public sealed record ListApiKeysQuery(Guid PartnerId, int? Limit = null, string? Cursor = null) : IQuery<Page<ApiKeyResponse>>;

public sealed class ListApiKeysHandler(ILoyaltyDbContext db) : IQueryHandler<ListApiKeysQuery, Page<ApiKeyResponse>>
{
    public async ValueTask<Page<ApiKeyResponse>> Handle(ListApiKeysQuery query, CancellationToken cancellationToken)
    {
        var limit = Paging.Limit(query.Limit);
        var after = Paging.DecodeTime(query.Cursor);
        await PartnerLookup.FindAsync(db, query.PartnerId, cancellationToken);
        var keys = db.ApiKeys.AsNoTracking().Where(k => k.PartnerId == query.PartnerId);
        if (after is var (createdAt, id))
        {
            keys = keys.Where(k => k.CreatedAt > createdAt || (k.CreatedAt == createdAt && k.Id.CompareTo(id) > 0));
        }

        var rows = await keys.OrderBy(k => k.CreatedAt).ThenBy(k => k.Id).Take(limit + 1).ToListAsync(cancellationToken);
        return Paging.ToPage(rows.ConvertAll(k => k.ToResponse()), limit, k => Paging.TimeKey(k.CreatedAt, k.Id));
    }
}
