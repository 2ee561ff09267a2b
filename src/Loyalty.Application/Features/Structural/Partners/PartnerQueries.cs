using Loyalty.Application.Abstractions;
using Loyalty.Application.Common;
using Loyalty.Application.Errors;
using Loyalty.Application.Mapping;
using Loyalty.Contracts.Admin;
using Loyalty.Contracts.Common;
using Loyalty.Domain.Structural.Partners;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Structural.Partners;

public static class PartnerLookup
{
    public static async Task<Partner> FindAsync(ILoyaltyDbContext db, Guid partnerId, CancellationToken cancellationToken) =>
        await db.Partners.SingleOrDefaultAsync(p => p.Id == partnerId, cancellationToken)
            ?? throw AppException.NotFound("partner_not_found", "No partner has this id.");
}

public sealed record GetPartnerQuery(Guid PartnerId) : IQuery<PartnerResponse>;

public sealed class GetPartnerHandler(ILoyaltyDbContext db) : IQueryHandler<GetPartnerQuery, PartnerResponse>
{
    public async ValueTask<PartnerResponse> Handle(GetPartnerQuery query, CancellationToken cancellationToken) =>
        (await PartnerLookup.FindAsync(db, query.PartnerId, cancellationToken)).ToResponse();
}

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

        var items = await partners.OrderBy(p => p.Name).Take(limit + 1).ProjectToResponse().ToListAsync(cancellationToken);
        return Paging.ToPage(items, limit, p => p.Name);
    }
}
