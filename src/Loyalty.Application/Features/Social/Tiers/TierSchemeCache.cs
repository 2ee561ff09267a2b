using Loyalty.Application.Abstractions;
using Loyalty.Application.Common;
using Loyalty.Domain.Social.Tiers;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Social.Tiers;

/// <summary>The qualification rules and the tiers in force, lowest rank first.</summary>
public sealed record TierSchemeSnapshot(TierProgrammeSettings Settings, IReadOnlyList<Tier> Tiers)
{
    public Tier? Find(Guid tierId) => Tiers.FirstOrDefault(t => t.Id == tierId);

    public Tier? Above(Tier tier) => Tiers.Where(t => t.Rank > tier.Rank).MinBy(t => t.Rank);

    public bool IsTop(Tier tier) => !Tiers.Any(t => t.Rank > tier.Rank);

    public Tier Entry => Tiers.First(t => t.IsEntry);
}

/// <summary>
/// The tier scheme is read on every purchase and changes rarely: kept for a few seconds like the points policy.
/// Whoever applies a scheme change calls <see cref="RefreshingSnapshot{T}.Invalidate"/>; other instances within a second (cache stamps), or <see cref="Lifetime"/> at most.
/// </summary>
public sealed class TierSchemeCache(TimeProvider clock) : RefreshingSnapshot<TierSchemeSnapshot>(clock, Lifetime)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(5);

    protected override async Task<TierSchemeSnapshot> LoadAsync(ILoyaltyDbContext db, CancellationToken cancellationToken)
    {
        var programme = await db.TierProgrammes.AsNoTracking().SingleOrDefaultAsync(p => p.Id == TierProgramme.SingletonId, cancellationToken);
        var tiers = await db.Tiers.AsNoTracking().Where(t => t.RetiredAt == null).OrderBy(t => t.Rank).ToListAsync(cancellationToken);
        return new TierSchemeSnapshot(programme?.Settings ?? TierProgrammeSettings.Default, tiers);
    }
}
