using Loyalty.Domain.Customised.Profiles;

namespace Loyalty.Domain.Customised.Notifications;

/// <summary>What a notification points the member to.</summary>
public enum NotificationContentKind
{
    Offer,
    Reward,
    ClubEvent,
}

/// <summary>
/// One interest topic a piece of content (an offer, a reward, a club event) is about: members interested in the topic
/// are told when it is published.
/// </summary>
public sealed class ContentInterest
{
    private ContentInterest()
    {
    }

    public NotificationContentKind ContentKind { get; private set; }

    public Guid ContentId { get; private set; }

    public Guid TopicId { get; private set; }

    public static ContentInterest Of(NotificationContentKind kind, Guid contentId, Guid topicId) =>
        new() { ContentKind = kind, ContentId = contentId, TopicId = topicId };
}

/// <summary>
/// A notification the club asked the app's push or e-mail provider to send (append-only). Rows are written by the
/// set-based fan-out, at most one per member and content; they also count against the member's frequency cap.
/// <see cref="Sequence"/> numbers a member's notifications 1, 2, 3…, unique per member as a survey's is, so two
/// publishes racing for the member's last place under the cap cannot both be stored.
/// </summary>
public sealed class MemberNotification
{
    private MemberNotification()
    {
    }

    public long Id { get; private set; }

    public Guid MemberId { get; private set; }

    public long Sequence { get; private set; }

    public DateTimeOffset At { get; private set; }

    public ContactChannel Channel { get; private set; }

    /// <summary>Why the member is told ("matches your interest: Coffee").</summary>
    public string Reason { get; private set; } = "";

    public NotificationContentKind ContentKind { get; private set; }

    public Guid ContentId { get; private set; }

    /// <summary>The reason for a matching topic, as the fan-out writes it in SQL.</summary>
    public const string ReasonPrefix = "matches your interest: ";

    public const int ReasonLength = 300;
}

/// <summary>
/// Which channel a notification goes by: the member's preferred channel when they consented to marketing on it,
/// otherwise the first consented of push, e-mail and SMS; none without any marketing consent.
/// </summary>
public static class NotificationChannels
{
    /// <summary>The fallback order when the preferred channel is not consented (or there is none).</summary>
    public static IReadOnlyList<ContactChannel> FallbackOrder { get; } = [ContactChannel.Push, ContactChannel.Email, ContactChannel.Sms];

    public static ContactChannel? Choose(ContactChannel? preferred, IReadOnlyCollection<ContactChannel> consented)
    {
        ArgumentNullException.ThrowIfNull(consented);
        if (preferred is { } p && p != ContactChannel.None && consented.Contains(p))
        {
            return p;
        }

        foreach (var channel in FallbackOrder)
        {
            if (consented.Contains(channel))
            {
                return channel;
            }
        }

        return null;
    }
}
