using Loyalty.Application.Abstractions;
using Loyalty.Application.Common;
using Loyalty.Domain.Social.Referrals;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Social.Referrals;

/// <summary>The referral programme is read on every purchase: a few seconds' snapshot, like the points policy.</summary>
public sealed class ReferralProgrammeCache(TimeProvider clock) : IDisposable
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(5);

    private readonly RefreshingSnapshot<ReferralProgramme> _snapshot = new(clock, Lifetime, (db, ct) => LoadAsync(db, clock, ct));

    public ValueTask<ReferralProgramme> GetAsync(ILoyaltyDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return _snapshot.GetAsync(db, cancellationToken);
    }

    public void Invalidate() => _snapshot.Invalidate();

    public void Dispose() => _snapshot.Dispose();

    private static async Task<ReferralProgramme> LoadAsync(ILoyaltyDbContext db, TimeProvider clock, CancellationToken cancellationToken) =>
        await db.ReferralProgrammes.AsNoTracking().SingleOrDefaultAsync(p => p.Id == ReferralProgramme.SingletonId, cancellationToken)
            ?? ReferralProgramme.Default(clock.GetUtcNow());
}
