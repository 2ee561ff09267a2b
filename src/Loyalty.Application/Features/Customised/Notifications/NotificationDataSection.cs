using Loyalty.Application.Abstractions;
using Loyalty.Application.Common;
using Loyalty.Application.Features.Social.Lifecycle;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Customised.Notifications;

/// <summary>
/// The interest notifications the club requested for a member. The reason names the member's interest, which is
/// personal, and nothing needs the rows once the member is gone (an erased member is never notified again), so
/// erasure deletes them.
/// </summary>
public sealed class NotificationDataSection(ILoyaltyDbContext db) : IMemberDataSection
{
    public string Name => "notifications";

    public async ValueTask<object?> ExportAsync(Guid memberId, CancellationToken cancellationToken)
    {
        var rows = await db.MemberNotifications.AsNoTracking()
            .Where(n => n.MemberId == memberId)
            .OrderBy(n => n.Id)
            .ToListAsync(cancellationToken);
        return rows.Select(n => new
        {
            at = n.At,
            channel = WireValue.Name(n.Channel),
            reason = n.Reason,
            contentKind = WireValue.Name(n.ContentKind),
            contentId = n.ContentId,
        }).ToList();
    }

    public async ValueTask EraseAsync(Guid memberId, CancellationToken cancellationToken) =>
        await db.MemberNotifications.Where(n => n.MemberId == memberId).ExecuteDeleteAsync(cancellationToken);
}
