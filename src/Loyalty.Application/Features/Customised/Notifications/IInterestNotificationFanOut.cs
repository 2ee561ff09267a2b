using Loyalty.Domain.Customised.Notifications;

namespace Loyalty.Application.Features.Customised.Notifications;

/// <summary>The frequency cap as the fan-out applies it: at most <paramref name="MaxPerWindow"/> in <paramref name="WindowDays"/> days up to now.</summary>
public sealed record NotificationCap(int MaxPerWindow, int WindowDays);

/// <summary>
/// Tells the members interested in a just-published offer, reward or club event, set-based in two statements whatever
/// the programme's size: one <c>MemberNotifications</c> row per member who is active, interested in one of the content's
/// topics, in its audience (an offer's treatment group; a reward's or event's tiers), not yet told about it, under the
/// cap, and with marketing consent on the chosen channel (see <c>NotificationChannels</c>); then one
/// <c>member.notification_requested</c> outbox message per row. Runs in the caller's transaction.
/// </summary>
public interface IInterestNotificationFanOut
{
    /// <returns>How many members were notified.</returns>
    Task<int> FanOutAsync(NotificationContentKind kind, Guid contentId, string title, NotificationCap cap, DateTimeOffset at, CancellationToken cancellationToken);
}
