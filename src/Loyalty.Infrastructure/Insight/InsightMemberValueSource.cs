using Loyalty.Application.Abstractions;
using Loyalty.Application.Features.Customised.AccountManagers;
using Loyalty.Infrastructure.Customised;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Infrastructure.Insight;

/// <summary>
/// Ranks unassigned members by insight's lifetime-value estimate once a run exists: score = 4 × the estimate in
/// ten-thousandths (four times, like <see cref="SqlMemberValueSource"/>'s, so the suggestion's value reads the same
/// way). A member the latest run did not score (enrolled since) keeps the spend × tier value until the next run.
/// Before the first run, <see cref="SqlMemberValueSource"/> answers alone.
/// </summary>
public sealed class InsightMemberValueSource(ILoyaltyDbContext db, SqlMemberValueSource fallback) : IMemberValueSource
{
    public async Task<IReadOnlyList<RankedMember>> RankUnassignedAsync(
        string currency, DateTimeOffset since, (long Score, int TierRank, Guid MemberId)? after, int take, CancellationToken cancellationToken)
    {
        var latest = await db.InsightRuns.AsNoTracking().OrderByDescending(r => r.Number).Select(r => (Guid?)r.Id).FirstOrDefaultAsync(cancellationToken);
        return await fallback.RankAsync(currency, since, after, take, latest, cancellationToken);
    }
}
