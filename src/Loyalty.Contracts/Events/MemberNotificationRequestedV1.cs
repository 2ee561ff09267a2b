using Loyalty.Contracts.Common;

namespace Loyalty.Contracts.Events;

/// <summary>What a notification is about: the offer, reward or club event the app opens.</summary>
public sealed record NotificationContentReference(NotificationContentKind Kind, Guid Id);

/// <summary>
/// Something matching a member's interests was published: the app's push or e-mail provider should tell them, by
/// <see cref="Channel"/> (their preferred channel when they consented to marketing on it, otherwise the first consented
/// of push, e-mail and SMS). Sent at most once per member and content, within the programme's frequency cap, and only
/// to active members with marketing consent on that channel. <see cref="NotificationId"/> identifies the request.
/// </summary>
public sealed record MemberNotificationRequestedV1(
    long NotificationId,
    Guid MemberId,
    string MemberNumber,
    ContactChannel Channel,
    string Reason,
    NotificationContentReference Content,
    string Title,
    DateTimeOffset RequestedAt) : ILoyaltyEvent
{
    public static string EventType => "member.notification_requested";
}
