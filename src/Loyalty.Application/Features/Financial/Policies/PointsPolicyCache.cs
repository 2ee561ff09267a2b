using Loyalty.Application.Abstractions;
using Loyalty.Application.Common;
using Loyalty.Domain.Financial.Policies;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Financial.Policies;

/// <summary>
/// The points policy is read on every earn and changes rarely: keep it for a few seconds. A change made through
/// this instance is seen at once; other instances see it within <see cref="Lifetime"/>.
/// </summary>
public sealed class PointsPolicyCache(TimeProvider clock) : IDisposable
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(5);

    private readonly RefreshingSnapshot<PointsPolicy> _snapshot = new(clock, Lifetime, (db, ct) => LoadAsync(db, clock, ct));

    public ValueTask<PointsPolicy> GetAsync(ILoyaltyDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return _snapshot.GetAsync(db, cancellationToken);
    }

    public void Invalidate() => _snapshot.Invalidate();

    public void Dispose() => _snapshot.Dispose();

    private static async Task<PointsPolicy> LoadAsync(ILoyaltyDbContext db, TimeProvider clock, CancellationToken cancellationToken) =>
        await db.PointsPolicies.AsNoTracking().SingleOrDefaultAsync(p => p.Id == PointsPolicy.SingletonId, cancellationToken)
            ?? PointsPolicy.Default(clock.GetUtcNow());
}
