using FluentValidation;
using Loyalty.Application.Abstractions;
using Loyalty.Application.Common;
using Loyalty.Contracts.Admin;
using Loyalty.Contracts.Common;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Social.Tiers;

public sealed record ListTiersQuery(int? Limit = null, string? Cursor = null) : IQuery<Page<TierResponse>>;

/// <summary>The current tiers (retired ones are history), by rank.</summary>
public sealed class ListTiersHandler(ILoyaltyDbContext db) : IQueryHandler<ListTiersQuery, Page<TierResponse>>
{
    public async ValueTask<Page<TierResponse>> Handle(ListTiersQuery query, CancellationToken cancellationToken)
    {
        var limit = Paging.Limit(query.Limit);
        var tiers = db.Tiers.AsNoTracking().Where(t => t.RetiredAt == null);
        if (Paging.DecodeLong(query.Cursor) is { } afterRank)
        {
            tiers = tiers.Where(t => t.Rank > afterRank);
        }

        var rows = await tiers.OrderBy(t => t.Rank).Take(limit + 1).ToListAsync(cancellationToken);
        return Paging.ToPage(rows.ConvertAll(TierSchemeMapping.ToResponse), limit, t => (long)t.Rank);
    }
}
