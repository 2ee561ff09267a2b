using Loyalty.Application.Abstractions;
using Loyalty.Application.Common;
using Loyalty.Contracts.Admin;
using Loyalty.Contracts.Common;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Customised.Profiles;

/// <summary>The programme's optional member attributes by code.</summary>
public sealed record ListProfileAttributesQuery(int? Limit, string? Cursor) : IQuery<Page<ProfileAttributeResponse>>;

public sealed class ListProfileAttributesHandler(ILoyaltyDbContext db) : IQueryHandler<ListProfileAttributesQuery, Page<ProfileAttributeResponse>>
{
    public async ValueTask<Page<ProfileAttributeResponse>> Handle(ListProfileAttributesQuery query, CancellationToken cancellationToken)
    {
        var limit = Paging.Limit(query.Limit);
        var after = Paging.Decode(query.Cursor);
        var definitions = db.ProfileAttributeDefinitions.AsNoTracking();
        if (after is not null)
        {
            definitions = definitions.Where(d => string.Compare(d.Code, after) > 0);
        }

        var rows = await definitions.OrderBy(d => d.Code).Take(limit + 1).ToListAsync(cancellationToken);
        return Paging.ToPage(rows.Select(ProfileAttributes.ToResponse).ToList(), limit, d => d.Code);
    }
}
