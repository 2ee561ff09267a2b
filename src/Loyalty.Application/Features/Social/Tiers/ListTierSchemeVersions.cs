using Loyalty.Application.Abstractions;
using Loyalty.Application.Common;
using Loyalty.Contracts.Admin;
using Loyalty.Contracts.Common;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Social.Tiers;

/// <summary>Published versions of the tier scheme, newest first.</summary>
public sealed record ListTierSchemeVersionsQuery(int? Limit = null, string? Cursor = null) : IQuery<Page<TierSchemeVersionResponse>>;

public sealed class ListTierSchemeVersionsHandler(ILoyaltyDbContext db) : IQueryHandler<ListTierSchemeVersionsQuery, Page<TierSchemeVersionResponse>>
{
    public async ValueTask<Page<TierSchemeVersionResponse>> Handle(ListTierSchemeVersionsQuery query, CancellationToken cancellationToken)
    {
        var limit = Paging.Limit(query.Limit);
        var versions = db.TierSchemeVersions.AsNoTracking();
        if (Paging.DecodeLong(query.Cursor) is { } before)
        {
            versions = versions.Where(v => v.Version < before);
        }

        var rows = await versions.OrderByDescending(v => v.Version).Take(limit + 1).ToListAsync(cancellationToken);
        return Paging.ToPage(rows.ConvertAll(TierSchemeMapping.ToResponse), limit, v => (long)v.Version);
    }
}
