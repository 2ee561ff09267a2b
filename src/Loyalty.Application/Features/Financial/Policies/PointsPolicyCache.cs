using Loyalty.Application.Abstractions;
using Loyalty.Application.Common;
using Loyalty.Domain.Financial.Policies;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Financial.Policies;

/// <summary>
/// The points policy is read on every earn and changes rarely: keep it for a few seconds. A change made through
/// this instance is seen at once; other instances within a second (cache stamps), or <see cref="Lifetime"/> at most.
/// </summary>
public sealed class PointsPolicyCache(TimeProvider clock) : RefreshingSnapshot<PointsPolicy>(clock, Lifetime)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(5);

    protected override async Task<PointsPolicy> LoadAsync(ILoyaltyDbContext db, CancellationToken cancellationToken) =>
        await db.PointsPolicies.AsNoTracking().SingleOrDefaultAsync(p => p.Id == PointsPolicy.SingletonId, cancellationToken)
            ?? PointsPolicy.Default(Clock.GetUtcNow());
}
