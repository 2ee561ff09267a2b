using Loyalty.Application.Abstractions;
using Loyalty.Contracts.Admin;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Financial.Rewards;

public sealed record GetRewardQuery(Guid RewardId) : IQuery<RewardResponse>;

public sealed class GetRewardHandler(ILoyaltyDbContext db) : IQueryHandler<GetRewardQuery, RewardResponse>
{
    public async ValueTask<RewardResponse> Handle(GetRewardQuery query, CancellationToken cancellationToken) =>
        await RewardCatalogue.ResponseAsync(
            db,
            await db.Rewards.AsNoTracking().Include(r => r.Tiers).SingleOrDefaultAsync(r => r.Id == query.RewardId, cancellationToken)
                ?? throw RewardCatalogue.NotFound(),
            cancellationToken);
}
