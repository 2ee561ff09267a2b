using Loyalty.Application.Abstractions;
using Loyalty.Domain.Customised.Notifications;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Customised.Notifications;

/// <summary>
/// What offers, rewards and club events call when they are published: the programme's cap, then the set-based fan-out.
/// Content without interest topics costs one cheap query and notifies nobody.
/// </summary>
public sealed class InterestNotifications(ILoyaltyDbContext db, IInterestNotificationFanOut fanOut)
{
    public async Task<int> PublishedAsync(NotificationContentKind kind, Guid contentId, string title, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!await db.ContentInterests.AnyAsync(c => c.ContentKind == kind && c.ContentId == contentId, cancellationToken))
        {
            return 0;
        }

        var cap = await CapAsync(db, cancellationToken);
        return cap.MaxPerWindow == 0 ? 0 : await fanOut.FanOutAsync(kind, contentId, title, cap, now, cancellationToken);
    }

    /// <summary>The programme's cap, or the default until staff set one.</summary>
    public static async Task<NotificationCap> CapAsync(ILoyaltyDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var settings = await db.NotificationSettings.AsNoTracking().SingleOrDefaultAsync(s => s.Id == NotificationSettings.SingletonId, cancellationToken);
        return settings is null
            ? new NotificationCap(NotificationSettings.DefaultMaxPerWindow, NotificationSettings.DefaultWindowDays)
            : new NotificationCap(settings.MaxPerWindow, settings.WindowDays);
    }
}
