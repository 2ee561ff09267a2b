using FluentValidation;
using Loyalty.Application.Abstractions;
using Loyalty.Contracts.Admin;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Social.Tiers;

public sealed record ListTiersQuery : IQuery<IReadOnlyList<TierResponse>>;

/// <summary>The current tiers (retired ones are history), by rank.</summary>
public sealed class ListTiersHandler(ILoyaltyDbContext db) : IQueryHandler<ListTiersQuery, IReadOnlyList<TierResponse>>
{
    public async ValueTask<IReadOnlyList<TierResponse>> Handle(ListTiersQuery query, CancellationToken cancellationToken) =>
        [.. (await db.Tiers.AsNoTracking().Where(t => t.RetiredAt == null).OrderBy(t => t.Rank).ToListAsync(cancellationToken)).Select(TierSchemeMapping.ToResponse)];
}
