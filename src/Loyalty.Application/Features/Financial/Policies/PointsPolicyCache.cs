using Loyalty.Application.Abstractions;
using Loyalty.Domain.Financial.Policies;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Financial.Policies;

/// <summary>
/// The points policy is read on every earn and changes rarely: keep it for a few seconds. A change made through
/// this instance is seen at once; other instances see it within <see cref="Lifetime"/>.
/// </summary>
public sealed class PointsPolicyCache(TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(5);

    private volatile Snapshot? _snapshot;

    public async ValueTask<PointsPolicy> GetAsync(ILoyaltyDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var now = clock.GetUtcNow();
        if (_snapshot is { } cached && now - cached.LoadedAt < Lifetime && now >= cached.LoadedAt)
        {
            return cached.Policy;
        }

        var policy = await db.PointsPolicies.AsNoTracking().SingleOrDefaultAsync(p => p.Id == PointsPolicy.SingletonId, cancellationToken)
            ?? PointsPolicy.Default(now);
        _snapshot = new Snapshot(policy, now);
        return policy;
    }

    public void Invalidate() => _snapshot = null;

    private sealed record Snapshot(PointsPolicy Policy, DateTimeOffset LoadedAt);
}
