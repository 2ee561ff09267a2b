using Loyalty.Application.Abstractions;
using Loyalty.Application.Common;
using Loyalty.Domain.Social.Referrals;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Social.Referrals;

/// <summary>The referral programme is read on every purchase: a few seconds' snapshot, like the points policy.</summary>
public sealed class ReferralProgrammeCache(TimeProvider clock) : RefreshingSnapshot<ReferralProgramme>(clock, Lifetime)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(5);

    protected override async Task<ReferralProgramme> LoadAsync(ILoyaltyDbContext db, CancellationToken cancellationToken) =>
        await db.ReferralProgrammes.AsNoTracking().SingleOrDefaultAsync(p => p.Id == ReferralProgramme.SingletonId, cancellationToken)
            ?? ReferralProgramme.Default(Clock.GetUtcNow());
}
