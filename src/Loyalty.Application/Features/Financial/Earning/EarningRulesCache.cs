using Loyalty.Application.Abstractions;
using Loyalty.Application.Common;
using Loyalty.Domain.Financial.Earning;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Financial.Earning;

/// <summary>
/// The active rules and their campaigns as an in-process snapshot, so the earn path does not query them per
/// purchase. An admin change in this instance invalidates it at once (after its commit); other instances pick the
/// change up within a second through the cache stamps (after <see cref="TimeToLive"/> at most if those cannot be read). While one request refreshes an
/// expired (not invalidated) snapshot, the others keep using it instead of piling onto the database.
/// </summary>
public sealed class EarningRulesCache(TimeProvider clock) : RefreshingSnapshot<EarningRuleSet>(clock, TimeToLive)
{
    public static readonly TimeSpan TimeToLive = TimeSpan.FromSeconds(5);

    protected override async Task<EarningRuleSet> LoadAsync(ILoyaltyDbContext db, CancellationToken cancellationToken)
    {
        var rules = await db.EarningRules.AsNoTracking().Where(r => r.IsActive && r.SupersededAt == null).ToListAsync(cancellationToken);
        var campaignIds = rules.Where(r => r.CampaignId is not null).Select(r => r.CampaignId!.Value).Distinct().ToList();
        var campaigns = campaignIds.Count == 0
            ? []
            : await db.Campaigns.AsNoTracking().Where(c => campaignIds.Contains(c.Id)).ToListAsync(cancellationToken);
        return new EarningRuleSet(rules, campaigns);
    }
}
