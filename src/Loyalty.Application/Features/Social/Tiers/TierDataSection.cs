using Loyalty.Application.Abstractions;
using Loyalty.Application.Features.Social.Lifecycle;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Social.Tiers;

/// <summary>The member's tier standing and tier history in the data export. Nothing personal to erase: ids, dates and amounts only.</summary>
public sealed class TierDataSection(ILoyaltyDbContext db) : IMemberDataSection
{
    public string Name => "tiers";

    public async ValueTask<object?> ExportAsync(Guid memberId, CancellationToken cancellationToken)
    {
        var standing = await (from m in db.Members.AsNoTracking()
                              join t in db.Tiers.AsNoTracking() on m.TierId equals t.Id
                              where m.Id == memberId
                              select new { tier = t.Name, since = m.TierSince, reviewAt = m.TierReviewAt, graceUntil = m.TierGraceUntil })
                             .SingleOrDefaultAsync(cancellationToken);
        var history = await (from c in db.TierChanges.AsNoTracking()
                             where c.MemberId == memberId
                             join to in db.Tiers.AsNoTracking() on c.ToTierId equals to.Id
                             join f in db.Tiers.AsNoTracking() on c.FromTierId equals f.Id into froms
                             from f in froms.DefaultIfEmpty()
                             orderby c.Id
                             select new { fromTier = f == null ? null : f.Name, toTier = to.Name, reason = c.Reason, pointsEarned = c.PointsEarned, spend = c.Spend, visits = c.Visits, occurredAt = c.OccurredAt })
                            .ToListAsync(cancellationToken);
        return new { current = standing, history };
    }

    public ValueTask EraseAsync(Guid memberId, CancellationToken cancellationToken) => ValueTask.CompletedTask;
}
