namespace Loyalty.Contracts.Common;

/// <summary>What an interest notification points the member to.</summary>
public enum NotificationContentKind
{
    Offer,
    Reward,
    ClubEvent,
}
