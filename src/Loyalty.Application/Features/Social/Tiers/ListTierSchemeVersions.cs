using Loyalty.Application.Abstractions;
using Loyalty.Contracts.Admin;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Social.Tiers;

public sealed record ListTierSchemeVersionsQuery : IQuery<IReadOnlyList<TierSchemeVersionResponse>>;

public sealed class ListTierSchemeVersionsHandler(ILoyaltyDbContext db) : IQueryHandler<ListTierSchemeVersionsQuery, IReadOnlyList<TierSchemeVersionResponse>>
{
    public const int Limit = 100;

    public async ValueTask<IReadOnlyList<TierSchemeVersionResponse>> Handle(ListTierSchemeVersionsQuery query, CancellationToken cancellationToken) =>
        [.. (await db.TierSchemeVersions.AsNoTracking().OrderByDescending(v => v.Version).Take(Limit).ToListAsync(cancellationToken)).Select(TierSchemeMapping.ToResponse)];
}
